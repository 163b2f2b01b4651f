import Foundation

/// What a person's information may be used or shared for, each consented to (or not) on its own.
public enum ConsentPurpose: String, CaseIterable, Sendable, Codable {
    /// Sharing with the health partner (the local health and social services centre).
    case healthSharing = "health_sharing"
    /// A support plan, and its approach note shown to officers attending a call about the person.
    case supportPlan = "support_plan"

    public var labelKey: String { "person.purpose.\(rawValue)" }
}

/// On what ground a use or disclosure rests.
public enum DisclosureBasis: String, CaseIterable, Sendable, Codable {
    /// The person agreed.
    case consent
    /// No consent, but an imminent danger of death or serious injury (Québec's Law 25, s. 59.1): documented.
    case imminentDanger = "imminent_danger"

    public var labelKey: String { "person.basis.\(rawValue)" }
}

/// One recorded consent (or documented basis) for one purpose, until withdrawn.
public struct ConsentRecord: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<ConsentRecord>

    public let id: ID
    public let personID: Person.ID
    public let purpose: ConsentPurpose
    public let basis: DisclosureBasis
    /// What was said or observed; required for a basis other than consent.
    public let note: String?
    public let recordedAt: Date
    public let recordedBy: User.ID?
    public var withdrawnAt: Date?

    public init(
        id: ID, personID: Person.ID, purpose: ConsentPurpose, basis: DisclosureBasis, note: String?, recordedAt: Date,
        recordedBy: User.ID?, withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.personID = personID
        self.purpose = purpose
        self.basis = basis
        self.note = note
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.withdrawnAt = withdrawnAt
    }
}

/// Consent's rules: what holds now, and the refusal of a disclosure resting on nothing.
public enum ConsentRules {
    public static let maximumNoteLength = 1_000

    /// The consent or basis that holds for `purpose` (the latest not withdrawn), if any.
    public static func holding(_ purpose: ConsentPurpose, in records: [ConsentRecord]) -> ConsentRecord? {
        records.filter { $0.purpose == purpose && $0.withdrawnAt == nil }.max { $0.recordedAt < $1.recordedAt }
    }

    /// The ground a use for `purpose` rests on.
    /// - Throws: ``PersonRefusal/noConsentOrBasis(_:)`` when nothing holds: the software refuses the disclosure.
    public static func require(_ purpose: ConsentPurpose, in records: [ConsentRecord]) throws(PersonRefusal)
        -> ConsentRecord
    {
        guard let found = holding(purpose, in: records) else { throw .noConsentOrBasis(purpose) }
        return found
    }

    /// A consent or basis as a form sent it: a basis other than consent must say what the danger is.
    /// - Throws: ``ValidationError`` naming `purpose`, `basis` or `note`.
    public static func checked(purpose: String?, basis: String?, note: String?) throws(ValidationError) -> (
        ConsentPurpose, DisclosureBasis, String?
    ) {
        var problems: [FieldProblem] = []
        let purpose = purpose.flatMap(ConsentPurpose.init(rawValue:))
        let basis = basis.flatMap(DisclosureBasis.init(rawValue:))
        let note = note.trimmedNonEmpty
        if purpose == nil { problems.append(FieldProblem(field: "purpose", messageKey: "person.error.purpose")) }
        if basis == nil { problems.append(FieldProblem(field: "basis", messageKey: "person.error.basis")) }
        if basis == .imminentDanger, note == nil {
            problems.append(FieldProblem(field: "note", messageKey: "person.error.basis_note"))
        }
        if (note?.count ?? 0) > maximumNoteLength {
            problems.append(FieldProblem(field: "note", messageKey: "person.error.note_too_long"))
        }
        guard problems.isEmpty, let purpose, let basis else { throw ValidationError(problems) }
        return (purpose, basis, note)
    }
}
