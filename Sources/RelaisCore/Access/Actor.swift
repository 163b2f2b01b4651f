/// Who is acting: a signed-in user's identity, role and organisation.
public struct Actor: Sendable, Equatable {
    public let userID: User.ID
    public let role: Role
    public let organisationID: Organisation.ID

    public init(userID: User.ID, role: Role, organisationID: Organisation.ID) {
        self.userID = userID
        self.role = role
        self.organisationID = organisationID
    }
}
