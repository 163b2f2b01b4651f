import RelaisCore
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test("refuses passwords under 12 characters")
    func tooShort() {
        #expect(throws: PasswordProblem.tooShort(minimum: 12)) {
            try PasswordPolicy.check("Abcdef12345", email: "a@b.ca")
        }
    }

    @Test(
        "refuses well-known passwords whatever their case",
        arguments: ["Password1234", "MOTDEPASSE123", "azerty123456", "aaaaaaaaaaaaaaa"])
    func common(_ password: String) {
        #expect(throws: PasswordProblem.tooCommon) { try PasswordPolicy.check(password, email: "a@b.ca") }
    }

    @Test("refuses a password that contains the e-mail's name")
    func containsEmail() {
        #expect(throws: PasswordProblem.containsEmail) {
            try PasswordPolicy.check("camille.tremblay2026!", email: "Camille.Tremblay@emmis.ca")
        }
    }

    @Test("accepts a long passphrase and names the field on refusal")
    func accepts() throws {
        try PasswordPolicy.check("tisane du dimanche au parc", email: "camille@emmis.ca")
        #expect(PasswordProblem.tooCommon.fieldProblems.map(\.field) == ["password"])
    }
}
