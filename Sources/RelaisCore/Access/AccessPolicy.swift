/// How far a granted permission reaches.
public enum AccessScope: Sendable, Equatable, Comparable {
    /// Only records that belong to the actor's own organisation.
    case ownOrganisation
    /// Records of every organisation.
    case everywhere
}

/// The record a permission is checked against.
public enum AccessTarget: Sendable, Equatable {
    /// A collection, or a record not yet created: the answer says how far the actor may reach.
    case collection
    /// An existing record owned by an organisation.
    case record(ownedBy: Organisation.ID)
}

/// The answer of the access policy.
public enum AccessDecision: Sendable, Equatable {
    case allowed(AccessScope)
    case denied

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }
}

/// Least privilege by role and organisation: which role may do what, to which resource, and how far.
///
/// The table is the whole policy; anything not granted here is denied. Administrators run the
/// deployment but are not granted the programmes' personal records (person records, situation table
/// discussions): least privilege applies to them too.
public enum AccessPolicy {
    /// The grants, role by role.
    public static let grants: [Role: [Permission: AccessScope]] = [
        .admin: grant(
            .everywhere, [.read, .create, .update, .delete], on: [.organisation, .user, .apiToken, .territory]
        )
        .merging(grant(.everywhere, [.read], on: [.auditLog, .statistics, .resourceDirectory])) { $1 }
        .merging(grant(.everywhere, [.create, .update, .delete], on: [.resourceDirectory, .mobileTeam])) { $1 }
        .merging(grant(.everywhere, [.read], on: [.mobileTeam])) { $1 },
        .dispatcher:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.serviceRequest])) { $1 }
            .merging(grant(.ownOrganisation, [.read, .update], on: [.mobileTeam])) { $1 }
            .merging(grant(.ownOrganisation, [.read], on: [.intervention, .statistics])) { $1 },
        .mobileWorker:
            common
            .merging(grant(.ownOrganisation, [.read, .update], on: [.serviceRequest, .mobileTeam])) { $1 }
            .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.intervention])) { $1 },
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
            // The directory services their organisation runs: capacity and hours.
            .merging(grant(.ownOrganisation, [.update], on: [.resourceDirectory])) { $1 },
        .committeeCoordinator:
            common
            .merging(grant(.ownOrganisation, [.read, .create, .update, .delete], on: [.committee])) { $1 }
            .merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        .analyst:
            common
            .merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        .open311Client:
            common
            .merging(grant(.everywhere, [.create], on: [.serviceRequest])) { $1 },
    ]

    /// Decides whether `actor` may do `permission` to `target`.
    public static func decide(_ actor: Actor, _ permission: Permission, on target: AccessTarget = .collection)
        -> AccessDecision
    {
        guard let scope = grants[actor.role]?[permission] else { return .denied }
        switch (scope, target) {
        case (.everywhere, _), (.ownOrganisation, .collection):
            return .allowed(scope)
        case (.ownOrganisation, .record(let owner)):
            return owner == actor.organisationID ? .allowed(.ownOrganisation) : .denied
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
