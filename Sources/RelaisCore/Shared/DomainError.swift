/// What kind of failure a domain error is, so that the edges can choose a status without the core knowing HTTP.
public enum FailureKind: Sendable, Equatable {
    /// The input is wrong; nothing was changed.
    case invalidInput
    /// The caller is not signed in, or their credentials are wrong.
    case unauthenticated
    /// The caller is signed in but may not do this.
    case forbidden
    /// The thing asked for does not exist (or the caller may not know it exists).
    case notFound
    /// The request conflicts with the current state (for example a duplicate).
    case conflict
    /// Too many attempts; try again later.
    case throttled
}

/// One problem with one field of an input, as a localisation key.
public struct FieldProblem: Sendable, Equatable, Codable {
    /// The field's name as the client sent it.
    public let field: String
    /// The locale catalogue key of the message.
    public let messageKey: String

    public init(field: String, messageKey: String) {
        self.field = field
        self.messageKey = messageKey
    }
}

/// An error the core raises: a stable machine-readable code, a localisation key and, for input, per-field problems.
public protocol DomainError: Error, Sendable {
    /// A stable code for API clients, for example `password.too_short`.
    var code: String { get }
    /// The locale catalogue key of the human message.
    var messageKey: String { get }
    /// The kind of failure.
    var kind: FailureKind { get }
    /// Per-field problems, when the error concerns input.
    var fieldProblems: [FieldProblem] { get }
}

extension DomainError {
    public var fieldProblems: [FieldProblem] { [] }
}

/// A validation failure naming each bad field; nothing was changed.
public struct ValidationError: DomainError, Equatable {
    public let problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) {
        self.problems = problems
    }

    public var code: String { "validation_failed" }
    public var messageKey: String { "error.validation" }
    public var kind: FailureKind { .invalidInput }
    public var fieldProblems: [FieldProblem] { problems }
}
