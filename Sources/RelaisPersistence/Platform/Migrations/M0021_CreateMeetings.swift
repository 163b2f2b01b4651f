import Fluent
import SQLKit

/// 0021 — meetings of the programmes' bodies (a situation table, committees) and the organisations present at each:
/// a platform piece every programme that meets reuses. The audit log gains an index by record, for a record's
/// history (a situation's, which its table's chair reads).
struct CreateMeetings: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.CreateMeetings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("meetings")
            .id()
            .field("series", .string, .required)
            .field("kind", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("location", .string)
            .field("cancelled_at", .datetime)
            .field("closed_at", .datetime)
            .field("sequence", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "series", "starts_at", "kind")
            .create()
        try await database.schema("meeting_attendance")
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("recorded_at", .datetime, .required)
            .unique(on: "meeting_id", "organisation_id")
            .create()
        try await (database as? any SQLDatabase)?.create(index: "audit_events_by_resource").on("audit_events")
            .column("resource_type").column("resource_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.drop(index: "audit_events_by_resource").run()
        try await database.schema("meeting_attendance").delete()
        try await database.schema("meetings").delete()
    }
}
