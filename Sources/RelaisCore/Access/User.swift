import Foundation

/// A person who signs in to Relais: staff of an organisation, with one role.
public struct User: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<User>

    public let id: ID
    public var email: String
    public var displayName: String
    public var role: Role
    public var organisationID: Organisation.ID
    public var language: Language
    /// Whether a TOTP second factor is set up and confirmed.
    public var hasSecondFactor: Bool
    public var isActive: Bool

    public init(
        id: ID, email: String, displayName: String, role: Role, organisationID: Organisation.ID,
        language: Language = .default, hasSecondFactor: Bool = false, isActive: Bool = true
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.organisationID = organisationID
        self.language = language
        self.hasSecondFactor = hasSecondFactor
        self.isActive = isActive
    }

    /// The actor this user is when they act.
    public var actor: Actor { Actor(userID: id, role: role, organisationID: organisationID) }
}
