/// A table of grants: which role may do what to which resource, and how far. The platform has one
/// (``AccessGrants/platform``) and each programme one beside its rules; a deployment's policy is their union.
public struct AccessGrants: Sendable {
    /// The grants, role by role.
    public private(set) var table: [Role: [Permission: AccessScope]]
    /// The resources these grants are about, in the order pages list them.
    public private(set) var resources: [Permission.Resource]

    public init(resources: [Permission.Resource], _ table: [Role: [Permission: AccessScope]] = [:]) {
        self.resources = resources
        self.table = table
    }

    /// `scope` for each of `actions` on each of `resources`.
    public static func grant(
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

    /// The union of both tables; where both grant a role the same permission, the wider scope stands.
    public func merging(_ other: AccessGrants) -> AccessGrants {
        var merged = self
        merged.resources += other.resources.filter { !resources.contains($0) }
        for (role, permissions) in other.table {
            merged.table[role, default: [:]].merge(permissions) { $0.reach >= $1.reach ? $0 : $1 }
        }
        return merged
    }
}

extension AccessScope {
    /// How far the scope reaches, to choose the wider of two.
    var reach: Int {
        switch self {
        case .related, .partner: 0
        case .ownOrganisation: 1
        case .everywhere: 2
        }
    }
}
