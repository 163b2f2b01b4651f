import Foundation

/// A mobile mediation team: two workers in a car, with its status and last known position.
public struct MobileTeam: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<MobileTeam>

    public let id: ID
    public let organisationID: Organisation.ID
    public let name: String
    /// The car, as the team knows it (for example "Véhicule 2").
    public let vehicle: String
    public let status: TeamStatus
    public let statusChangedAt: Date
    public let position: GeoPoint?
    public let positionAt: Date?
    /// The request the team is assigned to, while it is.
    public let currentRequestID: ServiceRequest.ID?
    public let memberIDs: [User.ID]

    public init(
        id: ID, organisationID: Organisation.ID, name: String, vehicle: String, status: TeamStatus,
        statusChangedAt: Date, position: GeoPoint?, positionAt: Date?, currentRequestID: ServiceRequest.ID?,
        memberIDs: [User.ID]
    ) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.vehicle = vehicle
        self.status = status
        self.statusChangedAt = statusChangedAt
        self.position = position
        self.positionAt = positionAt
        self.currentRequestID = currentRequestID
        self.memberIDs = memberIDs
    }
}

/// What a team's status change does to the request it carries.
public enum RequestEffect: Sendable, Equatable {
    /// Nothing to record on the request.
    case none
    case enRoute
    case onScene
    /// Handled: the request is cleared.
    case cleared
    /// The team let the request go before arriving: it waits in the queue again.
    case released
}

extension TeamStatusChange {
    /// The milestone this change marks on the team's current request.
    public var requestEffect: RequestEffect {
        switch (from, to) {
        case (.assigned, .enRoute): .enRoute
        case (.enRoute, .onScene): .onScene
        case (.onScene, .available), (.escorting, .available): .cleared
        case (.assigned, .available), (.enRoute, .available): .released
        default: .none
        }
    }
}

extension MobileTeam {
    /// Whether `actor` may press this team's status buttons: its own members, or dispatch staff of its
    /// organisation (a mobile worker may not change another team's status).
    public func acceptsStatusChange(from actor: Actor) -> Bool {
        guard
            AccessPolicy.decide(actor, Permission(.update, .mobileTeam), on: .record(ownedBy: organisationID))
                .isAllowed
        else { return false }
        return actor.role != .mobileWorker || memberIDs.contains(actor.userID)
    }
}
