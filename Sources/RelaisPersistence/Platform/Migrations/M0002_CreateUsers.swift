import Fluent

/// 0002 — staff accounts, one organisation and one role each; identifying fields sealed.
struct CreateUsers: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateUsers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("email_index", .string, .required)
            .field("email_sealed", .string, .required)
            .field("display_name_sealed", .string, .required)
            .field("role", .string, .required)
            .field("language", .string, .required)
            .field("password_hash", .string, .required)
            .field("totp_secret_sealed", .string)
            .field("totp_confirmed", .bool, .required)
            .field("totp_last_step", .int64)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "email_index")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
