import Foundation

/// Where a mobile team is in its work. Every change is timestamped; illegal changes are refused.
public enum TeamStatus: String, CaseIterable, Sendable, Codable {
    case offDuty = "off_duty"
    case available
    case assigned
    case enRoute = "en_route"
    case onScene = "on_scene"
    /// Driving a person to a resource.
    case escorting

    /// The statuses a team may move to from this one.
    public var next: Set<TeamStatus> {
        switch self {
        case .offDuty: [.available]
        case .available: [.offDuty, .assigned]
        case .assigned: [.enRoute, .available]
        case .enRoute: [.onScene, .available]
        case .onScene: [.escorting, .available]
        case .escorting: [.onScene, .available]
        }
    }

    /// The locale catalogue key of the status's name.
    public var labelKey: String { "mediation.team_status.\(rawValue)" }
}

/// One change of a team's status.
public struct TeamStatusChange: Sendable, Equatable {
    public let from: TeamStatus
    public let to: TeamStatus
    public let at: Date

    public init(from: TeamStatus, to: TeamStatus, at: Date) {
        self.from = from
        self.to = to
        self.at = at
    }
}

/// Why a status change was refused.
public struct IllegalTeamTransition: DomainError, Equatable {
    public let from: TeamStatus
    public let to: TeamStatus

    public init(from: TeamStatus, to: TeamStatus) {
        self.from = from
        self.to = to
    }

    public var code: String { "team_status.illegal_transition" }
    public var messageKey: String { "mediation.error.team_status.illegal_transition" }
    public var kind: FailureKind { .conflict }
}

extension TeamStatus {
    /// Moves to `status` at `date`.
    /// - Throws: ``IllegalTeamTransition`` when `status` is not among ``next``.
    public func transition(to status: TeamStatus, at date: Date) throws(IllegalTeamTransition) -> TeamStatusChange {
        guard next.contains(status) else { throw IllegalTeamTransition(from: self, to: status) }
        return TeamStatusChange(from: self, to: status, at: date)
    }
}

/// A team that drops its assignment before arriving puts the request back in the queue: the coordinator needs to
/// know why, and the request's history keeps the assignment it had.
public enum AssignmentRelease {
    public static let maximumReason = 500

    /// The reason given, checked.
    /// - Throws: ``ValidationError`` naming `reason` when it is blank or longer than ``maximumReason``.
    public static func reason(_ text: String?) throws(ValidationError) -> String {
        guard let reason = text.trimmedNonEmpty else {
            throw ValidationError([FieldProblem(field: "reason", messageKey: "mediation.error.release_reason.required")]
            )
        }
        guard reason.count <= maximumReason else {
            throw ValidationError([FieldProblem(field: "reason", messageKey: "mediation.error.release_reason.too_long")]
            )
        }
        return reason
    }
}

/// One step of a request's history with the teams: sent, on the way, on scene, dropped (with why), cleared.
public struct RequestHistoryStep: Sendable, Equatable {
    public let teamID: MobileTeam.ID
    public let change: TeamStatusChange
    /// Why another team than the recommended one was sent, or why the team dropped the request.
    public let note: String?

    public init(teamID: MobileTeam.ID, change: TeamStatusChange, note: String?) {
        self.teamID = teamID
        self.change = change
        self.note = note
    }

    /// The locale catalogue key of what the step did to the request.
    public var labelKey: String {
        if change.requestEffect == .released { return "mediation.request.history.released" }
        return "mediation.request.history.\(change.to.rawValue)"
    }
}
