import Foundation
import RelaisCore
import Testing

@Suite("TOTP (RFC 6238) and base32 (RFC 4648)")
struct TOTPTests {
    /// The RFC 6238 appendix B secret for HMAC-SHA1.
    let totp = TOTP(secret: Array("12345678901234567890".utf8))

    @Test(
        "matches the RFC 6238 test vectors (last six digits)",
        arguments: [
            (59.0, "287082"), (1_111_111_109.0, "081804"), (1_234_567_890.0, "005924"), (2_000_000_000.0, "279037"),
        ])
    func vectors(_ time: Double, _ code: String) {
        let date = Date(timeIntervalSince1970: time)
        #expect(totp.code(forStep: totp.step(at: date)) == code)
    }

    @Test("accepts one step of clock drift either way, not two")
    func drift() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(of: totp.code(forStep: step - 1), at: now, lastUsedStep: nil) == step - 1)
        #expect(totp.matchingStep(of: totp.code(forStep: step + 1), at: now, lastUsedStep: nil) == step + 1)
        #expect(totp.matchingStep(of: totp.code(forStep: step - 2), at: now, lastUsedStep: nil) == nil)
    }

    @Test("a code works once: the same or an earlier step is refused")
    func replay() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(of: totp.code(forStep: step), at: now, lastUsedStep: step) == nil)
    }

    @Test("refuses anything but six digits", arguments: ["", "12345", "1234567", "12a456", "٠١٢٣٤٥"])
    func malformed(_ code: String) {
        #expect(totp.matchingStep(of: code, at: Date(timeIntervalSince1970: 59), lastUsedStep: nil) == nil)
    }

    @Test("base32 round-trips and matches RFC 4648")
    func base32() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
    }

    @Test("the provisioning address names the issuer and the secret")
    func provisioning() {
        let uri = totp.provisioningURI(account: "camille@emmis.ca", issuer: "Relais")
        #expect(uri.hasPrefix("otpauth://totp/Relais:camille@emmis.ca?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(uri.contains("issuer=Relais"))
    }
}
