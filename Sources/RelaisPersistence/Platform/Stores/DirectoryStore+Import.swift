import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// Importing HSDS records: organizations, services, taxonomies and their search rows, in one transaction.
extension DirectoryStore {
    /// How many records an import wrote.
    public struct ImportCount: Sendable, Equatable {
        public let organizations: Int
        public let services: Int
        public let taxonomyTerms: Int
    }

    /// The organization ids among `ids` that the directory does not hold.
    public func unknownOrganizations(_ ids: Set<String>) async throws -> Set<String> {
        var known = Set<String>()
        for chunk in Array(ids).chunked(500) {
            let rows = try await sql.raw("SELECT id FROM resource_organizations WHERE id IN (\(binds: chunk))").all()
            for row in rows { known.insert(try row.decode(column: "id", as: String.self)) }
        }
        return ids.subtracting(known)
    }

    /// The taxonomy terms the directory holds, by id (to resolve `taxonomy_term_id` in files).
    public func terms() async throws -> [String: JSONValue] {
        var terms: [String: JSONValue] = [:]
        for row in try await sql.raw("SELECT id, document FROM resource_taxonomy_terms").all() {
            terms[try row.decode(column: "id", as: String.self)] = try Self.json(row)
        }
        return terms
    }

    /// Adds or replaces everything read, in one transaction, and audits it.
    public func save(_ directory: DirectoryImport, by actor: Actor?) async throws -> ImportCount {
        let count = try await store.transaction { transaction in
            let directoryStore = DirectoryStore(store: transaction)
            try await directoryStore.write(directory)
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourcesImported, resourceType: .resourceService,
                    purpose: "\(directory.organizations.count) organizations, \(directory.services.count) services"))
            return ImportCount(
                organizations: directory.organizations.count, services: directory.services.count,
                taxonomyTerms: directory.taxonomyTerms.count)
        }
        store.environment.directoryWordCounts.withLockedValue { $0.removeAll() }
        return count
    }

    func write(_ directory: DirectoryImport) async throws {
        let sql = try self.sql
        let now = store.now
        let taxonomies = directory.taxonomies.compactMap { taxonomy -> [any Encodable & Sendable]? in
            guard let id = taxonomy["id"]?.text else { return nil }
            return [id, taxonomy["name"]?.string ?? "", Self.text(taxonomy)]
        }
        try await upsert(sql, "resource_taxonomies", ["id", "name", "document"], Self.lastOfEach(taxonomies))
        let terms = directory.taxonomyTerms.compactMap { term -> [any Encodable & Sendable]? in
            guard let id = term["id"]?.text else { return nil }
            return [
                id, term["taxonomy_id"]?.text, term["parent_id"]?.text, term["name"]?.string ?? "",
                Self.text(term),
            ]
        }
        try await upsert(
            sql, "resource_taxonomy_terms", ["id", "taxonomy_id", "parent_id", "name", "document"],
            Self.lastOfEach(terms))
        let organizations = directory.organizations.map { organization -> [any Encodable & Sendable] in
            [organization.id, organization.name, Self.text(organization.document), now]
        }
        try await upsert(sql, "resource_organizations", ["id", "name", "document", "updated_at"], organizations)
        let bulk = directory.services.count >= 1_000
        if bulk, store.engine == .postgres {
            // Indexes built once after a bulk import rather than row by row: several times faster (docs/PERFORMANCE.md).
            for index in Self.postgresBulkIndexes { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
        }
        let ids = directory.services.map(\.id)
        var tables = ["resource_service_documents", "resource_service_hours"]
        if store.engine == .sqlite { tables.append("resource_service_text") }
        for chunk in ids.chunked(500) {
            for table in tables {
                try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE service_id IN (\(binds: chunk))").run()
            }
            try await sql.raw("DELETE FROM resource_services WHERE id IN (\(binds: chunk))").run()
        }
        let services = directory.services.map { service -> [any Encodable & Sendable] in
            [
                service.id, service.organizationID, service.name, service.description, service.status,
                Self.spaced(service.needs.map(\.rawValue)), Self.spaced(Array(service.languages)), service.latitude,
                service.longitude, service.address, service.phone, " " + service.searchText, now,
                service.translations.byLanguage.isEmpty ? nil : Self.translationsText(service.translations),
            ]
        }
        try await insert(
            sql, "resource_services",
            [
                "id", "organization_id", "name", "description", "status", "needs", "languages", "latitude",
                "longitude", "address", "phone", "search_text", "updated_at", "translations",
            ], services)
        try await insert(
            sql, "resource_service_documents", ["service_id", "document"],
            directory.services.map { [$0.id, Self.text($0.document)] })
        try await insert(
            sql, "resource_service_hours", ["service_id", "start_minute", "end_minute", "valid_from", "valid_to"],
            directory.services.flatMap { service in
                service.hours.intervals.map { [service.id, $0.start, $0.end, $0.validFrom, $0.validTo] }
            })
        if store.engine == .sqlite {
            try await insert(
                sql, "resource_service_text", ["service_id", "search_text"],
                directory.services.map { [$0.id, $0.searchText] })
        }
        if bulk, store.engine == .postgres {
            for index in Self.postgresBulkIndexes { try await sql.raw(SQLQueryString(index.definition)).run() }
        }
        if bulk {
            // Fresh statistics after a bulk import, so that the next searches are planned on the real sizes.
            for table in [
                "resource_organizations", "resource_services", "resource_service_hours", "resource_service_documents",
            ] {
                try await sql.raw("ANALYZE \(unsafeRaw: table)").run()
            }
        }
    }

    /// PostgreSQL's search indexes, as migration 0011 creates them.
    static let postgresBulkIndexes: [(name: String, definition: String)] = [
        (
            "resource_services_search_idx",
            "CREATE INDEX resource_services_search_idx ON resource_services USING GIN (search_vector)"
        ),
        (
            "resource_services_position_gist",
            "CREATE INDEX resource_services_position_gist ON resource_services USING GIST (position)"
        ),
    ]

    func upsert(
        _ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]
    ) async throws {
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await insert(sql, table, columns, rows, suffix: " ON CONFLICT (id) DO UPDATE SET \(updates)")
    }

    /// Multi-row INSERTs, in chunks that stay under both engines' limits on bound values.
    func insert(
        _ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]],
        suffix: String = ""
    ) async throws {
        for chunk in rows.chunked(max(1, 20_000 / columns.count)) {
            let values = chunk.map { row -> SQLQueryString in "(\(binds: row))" }.joined(separator: ", ")
            try await sql.raw(
                """
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)\
                \(unsafeRaw: suffix)
                """
            ).run()
        }
    }

    /// One row per id (the first column), the last given: PostgreSQL refuses an upsert that touches a row twice.
    static func lastOfEach(_ rows: [[any Encodable & Sendable]]) -> [[any Encodable & Sendable]] {
        var index: [String: Int] = [:]
        var kept: [[any Encodable & Sendable]] = []
        for row in rows {
            let id = row.first as? String ?? ""
            if let at = index[id] {
                kept[at] = row
            } else {
                index[id] = kept.count
                kept.append(row)
            }
        }
        return kept
    }
}
