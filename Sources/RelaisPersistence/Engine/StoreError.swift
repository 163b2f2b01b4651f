import Fluent
import RelaisCore

/// A write the database refused because of the data already there.
public enum StoreError: DomainError, Equatable {
    /// Another record already has this value (for example an e-mail address).
    case duplicate(field: String)
    /// A record the write refers to does not exist.
    case missingReference(field: String)

    public var code: String {
        switch self {
        case .duplicate(let field): "\(field).taken"
        case .missingReference(let field): "\(field).unknown"
        }
    }

    public var messageKey: String {
        switch self {
        case .duplicate(let field): "error.\(field).taken"
        case .missingReference(let field): "error.\(field).unknown"
        }
    }

    public var kind: FailureKind {
        switch self {
        case .duplicate: .conflict
        case .missingReference: .invalidInput
        }
    }

    public var fieldProblems: [FieldProblem] {
        switch self {
        case .duplicate(let field), .missingReference(let field):
            [FieldProblem(field: field, messageKey: messageKey)]
        }
    }
}

extension Error {
    /// Whether the database refused the write for a unique or foreign-key constraint.
    var isConstraintFailure: Bool {
        (self as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
