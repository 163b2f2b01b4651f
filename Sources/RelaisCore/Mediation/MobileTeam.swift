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
    /// How `actor` stands to this team: a member, or nothing.
    public func relationships(to actor: Actor) -> Set<Relationship> {
        memberIDs.contains(actor.userID) ? [.ownTeam] : []
    }

    /// Whether `actor` may do `permission` to this team (its shifts, its status).
    public func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        AccessPolicy.decide(
            actor, permission, on: .record(ownedBy: organisationID, relationships: relationships(to: actor))
        ).isAllowed
    }

    /// Whether moving to `status` drops the request the team carries (back to the queue: it needs a reason).
    public func dropsAssignment(movingTo status: TeamStatus) -> Bool {
        currentRequestID != nil
            && TeamStatusChange(from: self.status, to: status, at: .distantPast).requestEffect == .released
    }

    /// Whether `actor` may press this team's status buttons: its own members, or dispatch staff of its organisation.
    public func acceptsStatusChange(from actor: Actor) -> Bool {
        allows(actor, Permission(.update, .teamStatus))
    }
}

extension ServiceRequest {
    /// How a member of `team` (the acting user's team, if they have one) stands to this request: assigned while
    /// their team is sent to it (and afterwards, once it handled it), on scene while the team is there.
    public func relationships(ofMemberOf team: MobileTeam?) -> Set<Relationship> {
        Self.relationships(id: id, organisationID: organisationID, teamID: teamID, ofMemberOf: team)
    }

    /// How a member of `team` stands to the request `id` of `organisationID`, sent to `teamID`: what is needed of a
    /// request to decide, without its sealed fields.
    public static func relationships(
        id: ID, organisationID: Organisation.ID, teamID: MobileTeam.ID?, ofMemberOf team: MobileTeam?
    ) -> Set<Relationship> {
        guard let team, team.organisationID == organisationID else { return [] }
        var found: Set<Relationship> = []
        if teamID == team.id || team.currentRequestID == id { found.insert(.assigned) }
        if team.currentRequestID == id, team.status == .onScene || team.status == .escorting {
            found.insert(.onScene)
        }
        return found
    }

    /// Whether `actor`, a member of `team` if they have one, may do `permission` to the request `id` of
    /// `organisationID`, sent to `teamID`.
    public static func allows(
        _ actor: Actor, _ permission: Permission, id: ID, organisationID: Organisation.ID, teamID: MobileTeam.ID?,
        memberOf team: MobileTeam?
    ) -> Bool {
        AccessPolicy.decide(
            actor, permission,
            on: .record(
                ownedBy: organisationID,
                relationships: relationships(id: id, organisationID: organisationID, teamID: teamID, ofMemberOf: team))
        ).isAllowed
    }

    /// Whether `actor`, a member of `team` if they have one, may do `permission` to this request.
    public func allows(_ actor: Actor, _ permission: Permission, memberOf team: MobileTeam?) -> Bool {
        Self.allows(actor, permission, id: id, organisationID: organisationID, teamID: teamID, memberOf: team)
    }
}
