import Fluent
import SQLKit

/// 0014 — on SQLite, services' positions indexed by a column of longitude (0.05°, about 4 km wide) before the
/// latitude, so that a box near a point reads the few columns it crosses instead of a whole band of latitude across
/// the island (search p95 in docs/PERFORMANCE.md). PostgreSQL walks its GiST index of positions instead.
struct GridIndexResourcePositions: AsyncMigration {
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

/// The columns of longitude SQLite's position index starts with.
enum DirectoryGrid {
    /// Columns per degree of longitude.
    static let perDegree = 20.0
    /// The indexed expression: the column's number, kept positive so that `CAST` (which truncates) floors it.
    static let column = "CAST(longitude * 20 + 10000 AS INTEGER)"

    /// At most this many columns are listed; a wider box (near the poles) reads its band of latitude instead.
    static let maximumColumns = 64

    /// The columns a range of longitudes crosses, nil when they are more than ``maximumColumns``.
    static func columns(from west: Double, to east: Double) -> ClosedRange<Int>? {
        let (west, east) = (max(-180, west), min(180, east))
        guard west <= east, (east - west) * perDegree < Double(maximumColumns) else { return nil }
        return Int((west * perDegree + 10_000).rounded(.down))...Int((east * perDegree + 10_000).rounded(.down))
    }
}
