import Fluent
import SQLKit

/// 0024 — e-mail, a platform piece: the outbox (a message is written in the transaction of the change that causes
/// it, sealed, and sent later with retries) and the single-use tokens of invitations and password resets (only
/// their hash is kept).
struct CreateOutbox: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.CreateOutbox" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("outbox")
            .id()
            .field("recipient", .string, .required)
            // The message (subject, text, HTML) sealed: an invitation or a reset carries a token.
            .field("message_sealed", .string, .required)
            .field("purpose", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            // A sender working on it until then (another instance, or this one after a restart, takes it after).
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("given_up_at", .datetime)
            .field("last_error", .string)
            .create()
        try await sql.create(index: "outbox_due").on("outbox").column("sent_at").column("next_attempt_at").run()
        try await database.schema("password_tokens")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await sql.create(index: "password_tokens_by_user").on("password_tokens").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_tokens").delete()
        try await database.schema("outbox").delete()
    }
}
