import Fluent
import SQLKit

/// 0014 — on SQLite, services' positions indexed by a column of longitude (0.05°, about 4 km wide) before the
/// latitude, so that a box near a point reads the few columns it crosses instead of a whole band of latitude across
/// the island (search p95 in docs/PERFORMANCE.md). PostgreSQL walks its GiST index of positions instead.
struct GridIndexResourcePositions: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.GridIndexResourcePositions" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw(
            """
            CREATE INDEX resource_services_grid_idx ON resource_services \
            (\(unsafeRaw: DirectoryGrid.column), latitude, longitude, status, needs, languages)
            """
        ).run()
        try await sql.raw("DROP INDEX resource_services_position_idx").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw(
            """
            CREATE INDEX resource_services_position_idx ON resource_services \
            (latitude, longitude, status, needs, languages)
            """
        ).run()
        try await sql.raw("DROP INDEX resource_services_grid_idx").run()
    }
}
