import Foundation

/// A worker's call for backup: pressed on the phone at any status, it alerts every dispatcher's board at once until
/// one of them acknowledges it.
public struct BackupAlert: Sendable, Equatable {
    public let id: UUID
    public let organisationID: Organisation.ID
    public let teamID: MobileTeam.ID
    /// The request the team was on, if any.
    public let requestID: ServiceRequest.ID?
    public let raisedBy: User.ID
    public let raisedAt: Date
    /// Where the phone was, when it said.
    public let position: GeoPoint?
    public let acknowledgedAt: Date?

    public init(
        id: UUID, organisationID: Organisation.ID, teamID: MobileTeam.ID, requestID: ServiceRequest.ID?,
        raisedBy: User.ID, raisedAt: Date, position: GeoPoint?, acknowledgedAt: Date?
    ) {
        self.id = id
        self.organisationID = organisationID
        self.teamID = teamID
        self.requestID = requestID
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.position = position
        self.acknowledgedAt = acknowledgedAt
    }
}
