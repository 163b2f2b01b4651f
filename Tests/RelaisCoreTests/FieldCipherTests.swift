import RelaisCore
import Testing

@Suite("Field encryption and blind index")
struct FieldCipherTests {
    let cipher = try! FieldCipher(key: [UInt8](repeating: 1, count: 32))

    @Test("a sealed value opens to the original and does not contain it")
    func roundTrip() throws {
        let sealed = cipher.seal("Camille Tremblay")
        #expect(!sealed.contains("Camille"))
        #expect(try cipher.open(sealed) == "Camille Tremblay")
        #expect(cipher.seal("Camille Tremblay") != sealed, "each value gets a fresh nonce")
    }

    @Test("another key, or a changed byte, cannot open it")
    func tampering() throws {
        let sealed = cipher.seal("514-555-0199")
        let other = try FieldCipher(key: [UInt8](repeating: 2, count: 32))
        #expect(throws: FieldCipherError.wrongKeyOrTampered) { try other.open(sealed) }
        var bytes = Array(sealed)
        bytes[10] = bytes[10] == "A" ? "B" : "A"
        #expect(throws: (any Error).self) { try cipher.open(String(bytes)) }
        #expect(throws: FieldCipherError.malformedCiphertext) { try cipher.open("plain text") }
    }

    @Test("the blind index ignores case and spaces around, and differs per key")
    func blindIndex() throws {
        #expect(cipher.blindIndex(" Camille@EMMIS.ca ") == cipher.blindIndex("camille@emmis.ca"))
        let other = try FieldCipher(key: [UInt8](repeating: 2, count: 32))
        #expect(other.blindIndex("camille@emmis.ca") != cipher.blindIndex("camille@emmis.ca"))
    }

    @Test("a key that is not 32 bytes is refused")
    func keyLength() {
        #expect(throws: FieldCipherError.invalidKey) { try FieldCipher(key: [1, 2, 3]) }
    }
}
