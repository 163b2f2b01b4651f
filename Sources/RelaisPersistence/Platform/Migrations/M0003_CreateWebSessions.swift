import Fluent
import SQLKit

/// 0003 — server-side browser sessions, shared by every instance.
struct CreateWebSessions: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateWebSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("web_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("second_factor_pending", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await (database as? any SQLDatabase)?
            .create(index: "web_sessions_user_id_idx").on("web_sessions").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("web_sessions").delete()
    }
}
