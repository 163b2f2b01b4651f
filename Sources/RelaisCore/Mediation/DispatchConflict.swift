/// Why an assignment or a status change lost a race, or came too late.
public enum DispatchConflict: DomainError, Equatable {
    /// The team is no longer available (another coordinator may just have assigned it).
    case teamUnavailable
    /// The request is no longer waiting (another team may just have been sent).
    case requestNotWaiting
    /// The team's status changed since it was read.
    case statusChanged
    /// A team is assigned only by dispatch, not by a status button.
    case assignThroughDispatch

    public var code: String {
        switch self {
        case .teamUnavailable: "dispatch.team_unavailable"
        case .requestNotWaiting: "dispatch.request_not_waiting"
        case .statusChanged: "dispatch.status_changed"
        case .assignThroughDispatch: "dispatch.assign_through_dispatch"
        }
    }

    public var messageKey: String { "mediation.error.\(code)" }
    public var kind: FailureKind { .conflict }
}
