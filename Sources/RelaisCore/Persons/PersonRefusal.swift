/// Why a step about a person was refused; nothing was changed.
public enum PersonRefusal: DomainError, Equatable {
    /// Neither a consent nor a documented basis holds for the purpose.
    case noConsentOrBasis(ConsentPurpose)
    /// One of the two records is merged already (or the merge was undone already).
    case alreadyMerged
    /// A record cannot be merged with itself.
    case sameRecord
    /// The two records are kept by different teams.
    case otherTeam
    /// The merge is not in force.
    case notMerged

    public var code: String {
        switch self {
        case .noConsentOrBasis: "person.no_consent_or_basis"
        case .alreadyMerged: "person.already_merged"
        case .sameRecord: "person.same_record"
        case .otherTeam: "person.other_team"
        case .notMerged: "person.not_merged"
        }
    }

    public var messageKey: String {
        if case .noConsentOrBasis(let purpose) = self {
            return "person.refusal.no_consent_or_basis.\(purpose.rawValue)"
        }
        return "person.refusal." + code.dropFirst("person.".count)
    }

    public var kind: FailureKind {
        switch self {
        case .otherTeam: .forbidden
        case .noConsentOrBasis, .alreadyMerged, .sameRecord, .notMerged: .conflict
        }
    }
}
