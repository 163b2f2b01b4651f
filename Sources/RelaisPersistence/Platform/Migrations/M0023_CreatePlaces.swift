import Fluent
import SQLKit

/// 0023 — places, a platform piece every programme's address field shares: civic address points, landmarks, street
/// corners and street lines (drawn on maps without tiles), each row tagged with the import it came from, and the
/// imports themselves (which also tell running instances to reload their catalogue of names).
struct CreatePlaces: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.CreatePlaces" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("place_imports")
            .id()
            .field("source", .string, .required)
            .field("kind", .string, .required)
            .field("rows", .int, .required)
            .field("imported_at", .datetime, .required)
            .create()
        try await database.schema("address_points")
            .field("source", .string, .required)
            .field("id", .string, .required)
            .field("street_key", .string, .required)
            .field("street", .string, .required)
            .field("number", .string, .required)
            .field("unit", .string, .required)
            .field("city", .string, .required)
            .field("postcode", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .create()
        // "1033 rachel": a number (or its first digits) on a few streets.
        try await sql.create(index: "address_points_by_street_number").on("address_points")
            .column("street_key").column("number").run()
        try await sql.create(index: "address_points_by_source").on("address_points").column("source").run()
        try await database.schema("place_landmarks")
            .field("source", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .create()
        try await database.schema("place_corners")
            .field("source", .string, .required)
            .field("first_street", .string, .required)
            .field("second_street", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .create()
        try await database.schema("street_lines")
            .field("source", .string, .required)
            .field("name", .string, .required)
            // [[longitude, latitude], …]
            .field("vertices", .string, .required)
            // Drawn from corners alone, where no street file was imported: a map prefers surveyed lines.
            .field("sketched", .bool, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["street_lines", "place_corners", "place_landmarks", "address_points", "place_imports"] {
            try await database.schema(table).delete()
        }
    }
}
