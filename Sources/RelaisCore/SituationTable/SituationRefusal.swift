/// Why the table's process refused a step; nothing was changed.
public enum SituationRefusal: DomainError, Equatable {
    /// The step belongs to another filter than the one the situation is in.
    case wrongStage(SituationStage)
    /// The agency was not recorded as present at the meeting.
    case agencyNotPresent
    /// The agency already voted on this situation.
    case alreadyVoted
    /// The table already decided.
    case alreadyDecided
    /// Not every agency present has voted yet.
    case votesMissing
    /// The agency has not signed the information-sharing agreement.
    case noAgreement
    /// The lead or an assisting agency was not at the table.
    case agencyNotAtTable
    /// The meeting is over, cancelled, or not the one the situation is on.
    case meetingClosed
    /// A meeting with situations on its agenda cannot be cancelled: they would lose their meeting.
    case agendaNotEmpty
    /// Only the originating agency may do this.
    case notOriginatingAgency
    /// Nobody may see this identity now (destroyed, or the sharing time is over).
    case identityUnavailable

    public var code: String {
        switch self {
        case .wrongStage: "situation.wrong_stage"
        case .agencyNotPresent: "situation.agency_not_present"
        case .alreadyVoted: "situation.already_voted"
        case .alreadyDecided: "situation.already_decided"
        case .votesMissing: "situation.votes_missing"
        case .noAgreement: "situation.no_agreement"
        case .agencyNotAtTable: "situation.agency_not_at_table"
        case .meetingClosed: "situation.meeting_closed"
        case .agendaNotEmpty: "situation.agenda_not_empty"
        case .notOriginatingAgency: "situation.not_originating_agency"
        case .identityUnavailable: "situation.identity_unavailable"
        }
    }

    public var messageKey: String {
        if case .wrongStage(let stage) = self { return "table.refusal.wrong_stage.\(stage.rawValue)" }
        return "table.refusal." + code.dropFirst("situation.".count)
    }

    public var kind: FailureKind {
        switch self {
        case .noAgreement, .notOriginatingAgency, .identityUnavailable: .forbidden
        default: .conflict
        }
    }
}
