/// Why a password was refused.
public enum PasswordProblem: DomainError, Equatable {
    case tooShort(minimum: Int)
    case tooCommon
    case containsEmail

    public var code: String {
        switch self {
        case .tooShort: "password.too_short"
        case .tooCommon: "password.too_common"
        case .containsEmail: "password.contains_email"
        }
    }

    public var messageKey: String { "error.\(code)" }
    public var kind: FailureKind { .invalidInput }
    public var fieldProblems: [FieldProblem] { [FieldProblem(field: "password", messageKey: messageKey)] }
}

/// The rules a new password must meet: at least 12 characters, not a well-known password, not the e-mail.
public enum PasswordPolicy {
    public static let minimumLength = 12

    /// Checks a new password for the account with `email`.
    /// - Throws: the first ``PasswordProblem`` found.
    public static func check(_ password: String, email: String) throws(PasswordProblem) {
        guard password.count >= minimumLength else { throw .tooShort(minimum: minimumLength) }
        let folded = password.lowercased()
        if commonPasswords.contains(folded) || Set(folded).count <= 2 {
            throw .tooCommon
        }
        let localPart = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if localPart.count >= 4, folded.contains(localPart) {
            throw .containsEmail
        }
    }

    /// Frequent passwords of 12 characters or more, from public breach lists (lower-cased), plus local favourites.
    static let commonPasswords: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1q2w3e4r5t6y",
        "password1234", "password12345", "password123!", "passwordpassword", "qwertyuiop12",
        "qwertyuiopasdf", "qwerty123456", "qwertyqwerty", "azertyuiop12", "azerty123456",
        "iloveyou1234", "letmein12345", "welcome12345", "administrator", "admin1234567",
        "changeme1234", "motdepasse12", "motdepasse123", "motdepasse1234", "bonjour12345",
        "montreal1234", "montréal1234", "canadiens123", "soleil123456", "abcdefghijkl",
        "abc123456789", "1qaz2wsx3edc", "zaq12wsxcde3", "football1234", "baseball1234",
        "superman1234", "trustno11234", "sunshine1234", "princess1234", "dragon123456",
        "monkey123456", "starwars1234", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234",
        "relais123456", "relaisrelais", "hockey123456", "liverpool123", "michael12345",
    ]
}
