/// Who is acting: a signed-in person, the roles they hold in organisations, and the deployment's grants that
/// decide what those roles may do (``AccessPolicy/decide(_:_:on:)``).
public struct Actor: Sendable, Equatable {
    public let userID: User.ID
    /// Every role the person holds, the home membership first.
    public let memberships: [Membership]
    /// The deployment's grants.
    let grants: AccessGrants

    init(userID: User.ID, memberships: [Membership], grants: AccessGrants) {
        self.userID = userID
        self.memberships = memberships
        self.grants = grants
    }

    /// The membership the person's audit entries name: the first they were given.
    public var home: Membership? { memberships.first }

    /// The organisations whose own records `permission` reaches for this actor, in the order of their memberships:
    /// what a collection is narrowed to (empty when a grant reaches everywhere, or none is held).
    public func organisations(for permission: Permission) -> [Organisation.ID] {
        AccessPolicy.organisations(of: self, for: permission)
    }

    /// Whether the person holds `role` in any organisation.
    public func holds(_ role: Role) -> Bool { memberships.contains { $0.role == role } }

    public static func == (left: Actor, right: Actor) -> Bool {
        left.userID == right.userID && left.memberships == right.memberships
    }
}
