import Fluent
import SQLKit

/// 0009 — mobile teams, their members, shifts and every status change.
struct CreateMobileTeams: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateMobileTeams" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mobile_teams")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("vehicle", .string, .required)
            .field("status", .string, .required)
            .field("status_changed_at", .datetime, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("position_at", .datetime)
            .field("current_request_id", .uuid, .references("service_requests", "id", onDelete: .restrict))
            .unique(on: "organisation_id", "name")
            .create()
        try await database.schema("team_members")
            .id()
            .field("team_id", .uuid, .required, .references("mobile_teams", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "user_id")
            .create()
        try await database.schema("shifts")
            .id()
            .field("team_id", .uuid, .required, .references("mobile_teams", "id", onDelete: .cascade))
            .field("territory_code", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .create()
        try await database.schema("team_status_events")
            .id()
            .field("team_id", .uuid, .required, .references("mobile_teams", "id", onDelete: .cascade))
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("at", .datetime, .required)
            .field("request_id", .uuid)
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("note_sealed", .string)
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.create(index: "shifts_team_idx").on("shifts").column("team_id").column("starts_at").run()
        try await sql?.create(index: "team_status_events_team_idx").on("team_status_events")
            .column("team_id").column("at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["team_status_events", "shifts", "team_members", "mobile_teams"] {
            try await database.schema(table).delete()
        }
    }
}
