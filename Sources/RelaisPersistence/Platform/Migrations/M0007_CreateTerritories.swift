import Fluent

/// 0007 — territories (boroughs, cities, sectors) with their GeoJSON boundaries.
struct CreateTerritories: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateTerritories" }

    func prepare(on database: any Database) async throws {
        try await database.schema("territories")
            .id()
            .field("level", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("geometry", .string, .required)
            .field("served", .bool, .required)
            .unique(on: "level", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("territories").delete()
    }
}
