/// How an actor stands to a record, beyond their organisation: what their work gives them a reason to see or do.
public enum Relationship: String, Sendable, Hashable, CaseIterable {
    /// The record is the actor's own team (a member of it).
    case ownTeam = "own_team"
    /// The record is assigned to the actor's team (a request it was sent to, its intervention).
    case assigned
    /// The actor's team is on scene for the record now (recording its intervention).
    case onScene = "on_scene"
}

/// How far a granted permission reaches.
public enum AccessScope: Sendable, Equatable {
    /// Only records of the actor's own organisation that the actor stands in this relationship to; a collection is
    /// narrowed to those records.
    case related(Relationship)
    /// Only records that belong to the actor's own organisation.
    case ownOrganisation
    /// Records of every organisation.
    case everywhere

    /// The locale catalogue key of the scope's description.
    public var labelKey: String {
        switch self {
        case .related(let relationship): "scope.related.\(relationship.rawValue)"
        case .ownOrganisation: "scope.own_organisation"
        case .everywhere: "scope.everywhere"
        }
    }
}

/// The record a permission is checked against.
public enum AccessTarget: Sendable, Equatable {
    /// A collection, or a record not yet created: the answer says how far the actor may reach.
    case collection
    /// An existing record owned by an organisation, and how the actor stands to it.
    case record(ownedBy: Organisation.ID, relationships: Set<Relationship> = [])
}

/// The answer of the access policy.
public enum AccessDecision: Sendable, Equatable {
    case allowed(AccessScope)
    case denied

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }
}

/// Least privilege by role, organisation and relationship: which role may do what, to which resource, and how far.
///
/// The table is the whole policy; anything not granted here is denied. Administrators run the deployment
/// (organisations, accounts, teams and their shifts, territories, the audit log) but neither read nor act on the
/// programmes' records: requests, interventions, referrals, person records, discussions. A mobile worker sees the
/// board and the requests sent to their own team, and moves only their own team. A partner application
/// (`open311_client`) only submits requests through Open311.
public enum AccessPolicy {
    /// The grants, role by role.
    public static let grants: [Role: [Permission: AccessScope]] = [
        .admin: grant(
            .everywhere, [.read, .create, .update, .delete], on: [.organisation, .user, .apiToken, .territory]
        )
        .merging(grant(.everywhere, [.read], on: [.auditLog, .statistics, .resourceDirectory])) { $1 }
        .merging(grant(.everywhere, [.read, .create, .update, .delete], on: [.mobileTeam])) { $1 },
        .dispatcher:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.serviceRequest])) { $1 }
            .merging(grant(.ownOrganisation, [.read, .update], on: [.mobileTeam, .teamStatus])) { $1 }
            .merging(grant(.ownOrganisation, [.read], on: [.intervention, .statistics])) { $1 },
        .mobileWorker:
            common
            .merging(grant(.related(.assigned), [.read], on: [.serviceRequest, .intervention])) { $1 }
            .merging(grant(.ownOrganisation, [.read], on: [.mobileTeam, .teamStatus])) { $1 }
            .merging(grant(.related(.ownTeam), [.update], on: [.mobileTeam, .teamStatus])) { $1 }
            .merging(grant(.related(.onScene), [.create, .update], on: [.intervention])) { $1 },
        .policeOfficer:
            common
            .merging(grant(.everywhere, [.create], on: [.serviceRequest])) { $1 }
            .merging(grant(.ownOrganisation, [.read, .create], on: [.personRecord])) { $1 }
            .merging(grant(.everywhere, [.read], on: [.sectorContact])) { $1 },
        .policeSocialWorker:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.personRecord])) { $1 }
            .merging(grant(.everywhere, [.create], on: [.serviceRequest])) { $1 },
        .sectorOfficer:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.sectorContact])) { $1 }
            .merging(grant(.everywhere, [.create], on: [.serviceRequest])) { $1 },
        .tableChair:
            common
            .merging(grant(.everywhere, [.read, .create, .update], on: [.tableDiscussion])) { $1 }
            .merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        .agencyRepresentative:
            common
            .merging(grant(.everywhere, [.read], on: [.tableDiscussion])) { $1 }
            .merging(grant(.ownOrganisation, [.create, .update], on: [.tableDiscussion])) { $1 }
            // The directory services their organisation runs: capacity, hours and the referrals made to them.
            .merging(grant(.ownOrganisation, [.update], on: [.resourceDirectory])) { $1 },
        .committeeCoordinator:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update, .delete], on: [.committee])) { $1 }
            .merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        .analyst:
            common
            .merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        // Through Open311 only (``Role/usesStaffInterfaces``).
        .open311Client: grant(.everywhere, [.create], on: [.serviceRequest]),
    ]

    /// Decides whether `actor` may do `permission` to `target`.
    public static func decide(_ actor: Actor, _ permission: Permission, on target: AccessTarget = .collection)
        -> AccessDecision
    {
        guard let scope = grants[actor.role]?[permission] else { return .denied }
        switch (scope, target) {
        case (_, .collection), (.everywhere, _):
            return .allowed(scope)
        case (.ownOrganisation, .record(let owner, _)):
            return owner == actor.organisationID ? .allowed(scope) : .denied
        case (.related(let needed), .record(let owner, let relationships)):
            return owner == actor.organisationID && relationships.contains(needed) ? .allowed(scope) : .denied
        }
    }

    /// What every staff member may read to do their work: organisations, territories and the directory.
    private static let common = grant(.everywhere, [.read], on: [.organisation, .territory, .resourceDirectory])

    private static func grant(
        _ scope: AccessScope, _ actions: [Permission.Action], on resources: [Permission.Resource]
    ) -> [Permission: AccessScope] {
        var result: [Permission: AccessScope] = [:]
        for action in actions {
            for resource in resources {
                result[Permission(action, resource)] = scope
            }
        }
        return result
    }
}
