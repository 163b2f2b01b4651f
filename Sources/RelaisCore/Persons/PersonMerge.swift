import Foundation

/// Two records found to be one person: the second is folded into the first, after a team member compared them
/// side by side and gave the reason. Reversible: undoing it makes the two records separate again.
public struct PersonMerge: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<PersonMerge>

    public let id: ID
    public let survivorID: Person.ID
    public let mergedID: Person.ID
    public let reason: String
    public let mergedAt: Date
    public let mergedBy: User.ID?
    public var undoneAt: Date?

    public init(
        id: ID, survivorID: Person.ID, mergedID: Person.ID, reason: String, mergedAt: Date, mergedBy: User.ID?,
        undoneAt: Date? = nil
    ) {
        self.id = id
        self.survivorID = survivorID
        self.mergedID = mergedID
        self.reason = reason
        self.mergedAt = mergedAt
        self.mergedBy = mergedBy
        self.undoneAt = undoneAt
    }
}

/// The rules of merging.
public enum PersonMergeRules {
    public static let maximumReasonLength = 500

    /// Checks that `merged` may be folded into `survivor`: two records of the same team, neither merged already.
    /// - Throws: ``PersonRefusal`` or ``ValidationError`` (`reason`); nothing is merged.
    public static func check(survivor: Person, merged: Person, reason: String?) throws -> String {
        guard survivor.id != merged.id else { throw PersonRefusal.sameRecord }
        guard survivor.organisationID == merged.organisationID else { throw PersonRefusal.otherTeam }
        guard survivor.mergedInto == nil, merged.mergedInto == nil else { throw PersonRefusal.alreadyMerged }
        guard let reason = reason.trimmedNonEmpty else {
            throw ValidationError([FieldProblem(field: "reason", messageKey: "person.error.merge_reason")])
        }
        guard reason.count <= maximumReasonLength else {
            throw ValidationError([FieldProblem(field: "reason", messageKey: "person.error.note_too_long")])
        }
        return reason
    }
}
