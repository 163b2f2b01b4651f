import Fluent

/// 0007 — territories (boroughs, cities, sectors) with their GeoJSON boundaries.
struct CreateTerritories: AsyncMigration {
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
