import Fluent
import SQLKit

/// 0005 — the append-only audit log, each row chained to the previous one by its hash.
struct CreateAuditEvents: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .field("sequence", .int64, .identifier(auto: false))
            .field("occurred_at_ms", .int64, .required)
            .field("actor_user_id", .uuid)
            .field("actor_role", .string)
            .field("actor_organisation_id", .uuid)
            .field("action", .string, .required)
            .field("outcome", .string, .required)
            .field("resource_type", .string)
            .field("resource_id", .string)
            .field("purpose", .string)
            .field("request_id", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.create(index: "audit_events_action_idx").on("audit_events").column("action").run()
        try await sql?.create(index: "audit_events_actor_idx").on("audit_events").column("actor_user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
