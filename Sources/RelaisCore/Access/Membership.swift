/// A role a person holds in an organisation. A person may hold several: a sector officer who sits on a committee,
/// an agency's representative at the situation table who also answers referrals for its shelter.
public struct Membership: Hashable, Sendable, Codable, CustomStringConvertible {
    public let organisationID: Organisation.ID
    public let role: Role

    public init(_ role: Role, in organisationID: Organisation.ID) {
        self.role = role
        self.organisationID = organisationID
    }

    public var description: String { "\(role.rawValue)@\(organisationID)" }
}

/// What may be granted and withdrawn. A partner application's account (`open311_client`) is nothing else, and
/// nothing else is one; an account keeps at least one membership (to stop someone acting, deactivate the account).
public enum MembershipRules {
    /// - Throws: ``MembershipRefusal`` when `new` may not join `current`.
    public static func grant(_ new: Membership, to current: [Membership]) throws {
        if current.contains(new) { throw MembershipRefusal.alreadyHeld }
        let roles = current.map(\.role) + [new.role]
        if roles.contains(.open311Client) && roles.count > 1 { throw MembershipRefusal.partnerApplicationAlone }
    }

    /// - Throws: ``MembershipRefusal`` when `old` may not be withdrawn from `current`.
    public static func withdraw(_ old: Membership, from current: [Membership]) throws {
        guard current.contains(old) else { throw MembershipRefusal.notHeld }
        if current.count == 1 { throw MembershipRefusal.lastMembership }
    }
}

/// A grant or withdrawal refused, with the reason.
public enum MembershipRefusal: DomainError, Equatable {
    /// The person already holds this role in this organisation.
    case alreadyHeld
    /// The person does not hold this role in this organisation.
    case notHeld
    /// A partner application's account holds that role alone.
    case partnerApplicationAlone
    /// The account's only membership: deactivate the account instead.
    case lastMembership

    public var code: String {
        switch self {
        case .alreadyHeld: "membership.already_held"
        case .notHeld: "membership.not_held"
        case .partnerApplicationAlone: "membership.partner_application_alone"
        case .lastMembership: "membership.last"
        }
    }

    public var messageKey: String { "error.\(code)" }
    public var kind: FailureKind {
        switch self {
        case .notHeld: .notFound
        case .alreadyHeld, .partnerApplicationAlone, .lastMembership: .conflict
        }
    }
}
