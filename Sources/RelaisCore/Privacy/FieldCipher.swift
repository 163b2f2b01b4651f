import Crypto
import Foundation

/// Why a protected field could not be read back.
public enum FieldCipherError: Error, Sendable, Equatable {
    case malformedCiphertext
    case wrongKeyOrTampered
    case invalidKey
}

/// Encrypts identifying fields at rest (AES-256-GCM) and makes blind indexes (HMAC-SHA256) to find them
/// without decrypting. Two keys are derived from the one deployment key, so the index reveals nothing
/// about the ciphertext's key.
public struct FieldCipher: Sendable {
    // Key bytes rather than `SymmetricKey`, which is not `Sendable` in this version of swift-crypto.
    private let encryptionKeyBytes: Data
    private let indexKeyBytes: Data

    private var encryptionKey: SymmetricKey { SymmetricKey(data: encryptionKeyBytes) }
    private var indexKey: SymmetricKey { SymmetricKey(data: indexKeyBytes) }

    /// Makes a cipher from a 32-byte deployment key.
    /// - Throws: ``FieldCipherError/invalidKey`` when the key is not 32 bytes.
    public init(key: [UInt8]) throws(FieldCipherError) {
        guard key.count == 32 else { throw .invalidKey }
        let master = SymmetricKey(data: key)
        encryptionKeyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("relais-field-encryption-v1".utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
        indexKeyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("relais-blind-index-v1".utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
    }

    /// Encrypts a value; the result is text safe to store (`v1:` + base64 of nonce, ciphertext and tag).
    public func seal(_ plaintext: String) -> String {
        // A fresh random nonce per value: sealing cannot fail with a valid key and the default nonce.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        return "v1:" + box.combined!.base64EncodedString()
    }

    /// Decrypts a value made by ``seal(_:)``.
    /// - Throws: ``FieldCipherError`` when the text is not a sealed value or the key does not open it.
    public func open(_ sealed: String) throws(FieldCipherError) -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw .malformedCiphertext
        }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            let plain = try AES.GCM.open(box, using: encryptionKey)
            guard let text = String(data: plain, encoding: .utf8) else { throw FieldCipherError.malformedCiphertext }
            return text
        } catch {
            throw .wrongKeyOrTampered
        }
    }

    /// A deterministic keyed hash of a normalised value, to look a record up by an encrypted field.
    public func blindIndex(_ value: String) -> String {
        let normalised = value.trimmed.lowercased()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: indexKey)
        return Data(mac).base64EncodedString()
    }
}
