import Foundation

/// A person who signs in to Relais: staff of an organisation, holding one or more roles (``Membership``).
public struct User: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<User>

    public let id: ID
    public var email: String
    public var displayName: String
    /// The roles the person holds, the home membership (the first given) first.
    public var memberships: [Membership]
    /// The organisation the account belongs to (whose administrators keep it).
    public var organisationID: Organisation.ID
    public var language: Language
    /// Whether a TOTP second factor is set up and confirmed.
    public var hasSecondFactor: Bool
    public var isActive: Bool

    public init(
        id: ID, email: String, displayName: String, memberships: [Membership], organisationID: Organisation.ID,
        language: Language = .default, hasSecondFactor: Bool = false, isActive: Bool = true
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.memberships = memberships
        self.organisationID = organisationID
        self.language = language
        self.hasSecondFactor = hasSecondFactor
        self.isActive = isActive
    }

    /// Whether any role the person holds reads personal information (a deployment can then require a second factor).
    public var readsPersonalInformation: Bool { memberships.contains { $0.role.readsPersonalInformation } }

    /// Whether the person signs in to pages and the staff API: not a partner application's account.
    public var signsIn: Bool { !memberships.isEmpty && memberships.allSatisfy(\.role.signsIn) }
}
