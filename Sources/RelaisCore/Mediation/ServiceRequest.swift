import Foundation

/// A request to the mobile mediation team, as received and triaged. The team gives no follow-up: a request is
/// closed once handled, and referrals carry people onward.
public struct ServiceRequest: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<ServiceRequest>

    public let id: ID
    /// The mobile team's organisation, which owns it.
    public let organisationID: Organisation.ID
    public let intake: ValidIntake
    /// The territory the point fell in at intake, if any.
    public let territory: TerritoryIndex.Match?
    /// What the triage rules decided.
    public let triaged: TriageOutcome
    /// Where the request went: the rules' decision, or the coordinator's override.
    public let outcome: TriageOutcome
    public let createdBy: User.ID
    /// The team sent, while one is.
    public let teamID: MobileTeam.ID?
    public let timeline: ResponseTimeline
    /// How it was closed without a team's work, if it was.
    public let closure: RequestClosure?
    /// Its notes and call-backs, oldest first.
    public let notes: [RequestNote]

    public init(
        id: ID, organisationID: Organisation.ID, intake: ValidIntake, territory: TerritoryIndex.Match?,
        triaged: TriageOutcome, outcome: TriageOutcome, createdBy: User.ID, teamID: MobileTeam.ID?,
        timeline: ResponseTimeline, closure: RequestClosure? = nil, notes: [RequestNote] = []
    ) {
        self.id = id
        self.organisationID = organisationID
        self.intake = intake
        self.territory = territory
        self.triaged = triaged
        self.outcome = outcome
        self.createdBy = createdBy
        self.teamID = teamID
        self.timeline = timeline
        self.closure = closure
        self.notes = notes
    }

    public var receivedAt: Date { timeline.receivedAt }

    /// Where the request stands, from its outcome and timeline.
    public var status: RequestStatus { closure != nil ? .closed : outcome.isQueued ? timeline.status : .redirected }
}

/// Where a request stands.
public enum RequestStatus: String, CaseIterable, Sendable, Codable {
    /// Sent elsewhere at intake (911, police, out of territory); never queued.
    case redirected
    /// Queued, no team yet.
    case waiting
    /// A team is assigned.
    case dispatched
    case enRoute = "en_route"
    case onScene = "on_scene"
    /// Handled; the team is free again.
    case cleared
    /// Closed without a team's work: cancelled, no team sent, or a duplicate (``RequestClosure``).
    case closed

    /// The locale catalogue key of the status's name.
    public var labelKey: String { "mediation.request_status.\(rawValue)" }
}

/// The response-time milestones of a request: received → dispatched → on scene → cleared.
public struct ResponseTimeline: Sendable, Equatable, Codable {
    public var receivedAt: Date
    public var dispatchedAt: Date?
    public var enRouteAt: Date?
    public var onSceneAt: Date?
    public var clearedAt: Date?

    public init(
        receivedAt: Date, dispatchedAt: Date? = nil, enRouteAt: Date? = nil, onSceneAt: Date? = nil,
        clearedAt: Date? = nil
    ) {
        self.receivedAt = receivedAt
        self.dispatchedAt = dispatchedAt
        self.enRouteAt = enRouteAt
        self.onSceneAt = onSceneAt
        self.clearedAt = clearedAt
    }

    /// Where a queued request stands, from its latest milestone.
    public var status: RequestStatus {
        if clearedAt != nil { return .cleared }
        if onSceneAt != nil { return .onScene }
        if enRouteAt != nil { return .enRoute }
        if dispatchedAt != nil { return .dispatched }
        return .waiting
    }

    /// Seconds from reception to dispatch, if dispatched.
    public var secondsToDispatch: Double? { dispatchedAt.map { $0.timeIntervalSince(receivedAt) } }
    /// Seconds from reception to arrival on scene, if arrived.
    public var secondsToScene: Double? { onSceneAt.map { $0.timeIntervalSince(receivedAt) } }
    /// Seconds from reception to clearing, if cleared.
    public var secondsToClear: Double? { clearedAt.map { $0.timeIntervalSince(receivedAt) } }
}
