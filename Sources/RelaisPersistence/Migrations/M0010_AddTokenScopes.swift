import Fluent

/// 0010 — a scope per API token: the JSON API (null) or Open311 only.
struct AddTokenScopes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("scope", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("scope").update()
    }
}
