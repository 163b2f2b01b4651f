import Fluent

/// 0025 — the area a territory lies within (a sector's city), as the import names it; none for boroughs and cities.
struct AddTerritoryParent: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.AddTerritoryParent" }

    func prepare(on database: any Database) async throws {
        try await database.schema("territories").field("parent", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("territories").deleteField("parent").update()
    }
}
