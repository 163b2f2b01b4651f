import Fluent
import SQLKit

/// 0011 — the resource directory (HSDS 3.0): organizations and services kept as their HSDS documents, and for
/// search a compact row per service (needs, languages, position, folded text) with its weekly hours and a full-text
/// index: FTS5 on SQLite, a `tsvector` with a GIN index on PostgreSQL (and a GiST index of positions for nearest
/// first). Documents sit in their own table so that search reads small rows.
struct CreateResourceDirectory: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateResourceDirectory" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let postgres = sql.dialect.name == "postgresql"
        let timestamp = postgres ? "TIMESTAMPTZ" : "TIMESTAMP"
        let statements = [
            """
            CREATE TABLE resource_taxonomies (id TEXT PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL)
            """,
            """
            CREATE TABLE resource_taxonomy_terms (id TEXT PRIMARY KEY, taxonomy_id TEXT, parent_id TEXT,
              name TEXT NOT NULL, document TEXT NOT NULL)
            """,
            """
            CREATE TABLE resource_organizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL,
              updated_at \(timestamp) NOT NULL)
            """,
            """
            CREATE TABLE resource_services (id TEXT PRIMARY KEY,
              organization_id TEXT NOT NULL REFERENCES resource_organizations (id),
              name TEXT NOT NULL, description TEXT NOT NULL, status TEXT NOT NULL, needs TEXT NOT NULL,
              languages TEXT NOT NULL, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, address TEXT,
              phone TEXT, search_text TEXT NOT NULL, updated_at \(timestamp) NOT NULL,
              capacity_available INTEGER, capacity_total INTEGER, capacity_updated_at \(timestamp),
              capacity_updated_by TEXT
              \(postgres ? ", search_vector TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED" : ""))
            """,
            "CREATE INDEX resource_services_organization_idx ON resource_services (organization_id)",
            "CREATE INDEX resource_services_name_idx ON resource_services (name)",
            // Covers the filters of a search near a point, so that only matching rows are read.
            "CREATE INDEX resource_services_position_idx ON resource_services (latitude, longitude, status, needs, languages)",
            "CREATE TABLE resource_service_documents (service_id TEXT PRIMARY KEY, document TEXT NOT NULL)",
            """
            CREATE TABLE resource_service_hours (service_id TEXT NOT NULL, start_minute INTEGER NOT NULL,
              end_minute INTEGER NOT NULL, valid_from TEXT, valid_to TEXT)
            """,
            "CREATE INDEX resource_service_hours_service_idx ON resource_service_hours (service_id, start_minute)",
        ]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        if postgres {
            // Nearest first in one index walk (GiST k-nearest-neighbour), longitude scaled by the latitude's cosine.
            try await sql.raw(
                """
                ALTER TABLE resource_services ADD COLUMN position POINT
                GENERATED ALWAYS AS (point(longitude * cos(radians(latitude)), latitude)) STORED
                """
            ).run()
            // The same two indexes are dropped and rebuilt around bulk imports (DirectoryStore.postgresBulkIndexes).
            try await sql.raw(
                "CREATE INDEX resource_services_search_idx ON resource_services USING GIN (search_vector)"
            ).run()
            try await sql.raw("CREATE INDEX resource_services_position_gist ON resource_services USING GIST (position)")
                .run()
        } else {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE resource_service_text USING fts5(service_id UNINDEXED, search_text,
                  tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        var tables = [
            "resource_service_hours", "resource_service_documents", "resource_services", "resource_organizations",
            "resource_taxonomy_terms", "resource_taxonomies",
        ]
        if sql.dialect.name != "postgresql" { tables.insert("resource_service_text", at: 0) }
        for table in tables { try await sql.raw("DROP TABLE \(unsafeRaw: table)").run() }
    }
}
