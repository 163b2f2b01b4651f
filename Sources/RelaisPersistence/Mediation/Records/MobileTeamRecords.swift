import Fluent
import Foundation

/// A row of `mobile_teams`.
final class MobileTeamRecord: Model, @unchecked Sendable {
    static let schema = "mobile_teams"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "vehicle") var vehicle: String
    @Field(key: "status") var status: String
    @Field(key: "status_changed_at") var statusChangedAt: Date
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "position_at") var positionAt: Date?
    @OptionalField(key: "current_request_id") var currentRequestID: UUID?

    init() {}
}

/// A row of `team_members`: a user in a team (a user is in one team at most).
final class TeamMemberRecord: Model, @unchecked Sendable {
    static let schema = "team_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "team_id") var teamID: UUID
    @Field(key: "user_id") var userID: UUID

    init() {}

    init(teamID: UUID, userID: UUID) {
        self.id = UUID()
        self.teamID = teamID
        self.userID = userID
    }
}

/// A row of `shifts`.
final class ShiftRecord: Model, @unchecked Sendable {
    static let schema = "shifts"

    @ID(key: .id) var id: UUID?
    @Field(key: "team_id") var teamID: UUID
    @Field(key: "territory_code") var territoryCode: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date

    init() {}
}

/// A row of `team_status_events`: one status change, with the request it concerned.
final class TeamStatusEventRecord: Model, @unchecked Sendable {
    static let schema = "team_status_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "team_id") var teamID: UUID
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "request_id") var requestID: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    /// Why the coordinator chose this team over the recommended one (sealed: it may name people).
    @OptionalField(key: "note_sealed") var noteSealed: String?

    init() {}
}
