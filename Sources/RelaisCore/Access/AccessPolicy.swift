/// How an actor stands to a record, beyond their organisation: what their work gives them a reason to see or do.
/// Each programme declares its own beside its rules (a mobile team's `own_team`, a situation table's `intervening`).
public struct Relationship: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }
}

/// How far a granted permission reaches.
public enum AccessScope: Sendable, Equatable {
    /// Only records of the actor's own organisation that the actor stands in this relationship to; a collection is
    /// narrowed to those records.
    case related(Relationship)
    /// Records of any organisation in which the actor's own organisation stands in this relationship (an agency
    /// intervening in another agency's situation); a collection is narrowed to those records.
    case partner(Relationship)
    /// Only records that belong to the actor's own organisation.
    case ownOrganisation
    /// Records of every organisation.
    case everywhere

    /// The locale catalogue key of the scope's description.
    public var labelKey: String {
        switch self {
        case .related(let relationship): "scope.related.\(relationship.rawValue)"
        case .partner(let relationship): "scope.partner.\(relationship.rawValue)"
        case .ownOrganisation: "scope.own_organisation"
        case .everywhere: "scope.everywhere"
        }
    }
}

/// The record a permission is checked against.
public enum AccessTarget: Sendable, Equatable {
    /// A collection, or a record not yet created: the answer says how far the actor may reach.
    case collection
    /// An existing record owned by an organisation, how the actor stands to it, and which organisations stand in
    /// which relationship to it (``AccessScope/partner(_:)``).
    case record(
        ownedBy: Organisation.ID, relationships: Set<Relationship> = [],
        partners: [Relationship: Set<Organisation.ID>] = [:])
}

/// The answer of the access policy.
public enum AccessDecision: Sendable, Equatable {
    case allowed(AccessScope)
    case denied

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }
}

/// Least privilege by role, organisation and relationship, over every membership a person holds.
///
/// A deployment's policy is the union of the platform's grants and those of the programmes it runs; anything not
/// granted is denied. Administrators run the deployment but neither read nor act on the programmes' records. Each
/// membership is decided on its own — a role's grant reaches its own organisation only — and the actor may do what
/// any of their memberships allows, as far as the widest of them reaches.
public struct AccessPolicy: Sendable {
    /// The grants of the deployment.
    public let grants: AccessGrants

    public init(_ tables: [AccessGrants]) {
        grants = tables.reduce(AccessGrants(resources: [])) { $0.merging($1) }
    }

    /// The actor a person is, holding `memberships` (the first is their home: the one their audit entries name).
    public func actor(userID: User.ID, memberships: [Membership]) -> Actor {
        Actor(userID: userID, memberships: memberships, grants: grants)
    }

    /// The actor `user` is when they act.
    public func actor(for user: User) -> Actor {
        actor(userID: user.id, memberships: user.memberships)
    }

    /// What a role may do, resource by resource.
    public func permissions(of role: Role) -> [Permission: AccessScope] {
        grants.table[role] ?? [:]
    }

    /// Decides whether `actor` may do `permission` to `target`.
    public static func decide(_ actor: Actor, _ permission: Permission, on target: AccessTarget = .collection)
        -> AccessDecision
    {
        var best: AccessScope?
        for membership in actor.memberships {
            guard let scope = actor.grants.table[membership.role]?[permission],
                allows(scope, in: membership.organisationID, target)
            else { continue }
            if best.map({ scope.reach > $0.reach }) ?? true { best = scope }
        }
        return best.map { .allowed($0) } ?? .denied
    }

    /// The organisations where `actor` may do `permission` to the organisation's own records, in the order of their
    /// memberships (empty when a grant reaches everywhere or nowhere): what a collection is narrowed to.
    public static func organisations(of actor: Actor, for permission: Permission) -> [Organisation.ID] {
        var found: [Organisation.ID] = []
        for membership in actor.memberships where !found.contains(membership.organisationID) {
            switch actor.grants.table[membership.role]?[permission] {
            case .ownOrganisation, .related, .partner: found.append(membership.organisationID)
            case .everywhere, nil: continue
            }
        }
        return found
    }

    /// Whether any of the actor's grants of `permission` depends on how they stand to the record.
    public static func dependsOnRelationship(_ actor: Actor, _ permission: Permission) -> Bool {
        actor.memberships.contains {
            switch actor.grants.table[$0.role]?[permission] {
            case .related, .partner: true
            default: false
            }
        }
    }

    private static func allows(_ scope: AccessScope, in organisation: Organisation.ID, _ target: AccessTarget)
        -> Bool
    {
        switch (scope, target) {
        case (_, .collection), (.everywhere, _):
            true
        case (.ownOrganisation, .record(let owner, _, _)):
            owner == organisation
        case (.related(let needed), .record(let owner, let relationships, _)):
            owner == organisation && relationships.contains(needed)
        case (.partner(let needed), .record(_, _, let partners)):
            partners[needed]?.contains(organisation) == true
        }
    }
}
