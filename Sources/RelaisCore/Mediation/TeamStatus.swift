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
    public var labelKey: String { "team_status.\(rawValue)" }
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
    public var messageKey: String { "error.team_status.illegal_transition" }
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
