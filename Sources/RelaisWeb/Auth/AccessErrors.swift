import RelaisCore

/// Authentication and authorisation failures raised at the edge.
enum AccessError: DomainError, Equatable {
    /// No valid session or token.
    case signInRequired
    /// The bearer token is unknown, revoked or expired.
    case invalidToken
    /// The role does not grant what the route requires.
    case forbidden
    /// The form's anti-forgery token is missing or does not match.
    case csrfMismatch
    /// The e-mail and password do not match an active account.
    case wrongCredentials
    /// Too many failures: wait before trying again.
    case throttled(minutes: Int)
    /// The second-factor code is wrong or already used.
    case wrongCode

    var code: String {
        switch self {
        case .signInRequired: "auth.sign_in_required"
        case .invalidToken: "auth.invalid_token"
        case .forbidden: "auth.forbidden"
        case .csrfMismatch: "auth.csrf_mismatch"
        case .wrongCredentials: "auth.wrong_credentials"
        case .throttled: "auth.throttled"
        case .wrongCode: "auth.wrong_code"
        }
    }

    var messageKey: String { "error.\(code)" }

    var kind: FailureKind {
        switch self {
        case .signInRequired, .invalidToken, .wrongCredentials, .wrongCode: .unauthenticated
        case .forbidden, .csrfMismatch: .forbidden
        case .throttled: .throttled
        }
    }
}
