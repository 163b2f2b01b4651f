import Fluent

/// 0010 — a scope per API token: the JSON API (null) or Open311 only.
struct AddTokenScopes: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.AddTokenScopes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("scope", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("scope").update()
    }
}
