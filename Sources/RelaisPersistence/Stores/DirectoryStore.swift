import Fluent
import Foundation
import RelaisCore
import SQLKit

/// The resource directory: HSDS organizations, services and taxonomies, and the search workers use on scene.
public struct DirectoryStore: Sendable {
    let store: RelaisStore
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

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
        try await store.transaction { transaction in
            let directoryStore = DirectoryStore(store: transaction)
            try await directoryStore.write(directory)
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourcesImported, resourceType: "resource_service",
                    purpose: "\(directory.organizations.count) organizations, \(directory.services.count) services"))
            return ImportCount(
                organizations: directory.organizations.count, services: directory.services.count,
                taxonomyTerms: directory.taxonomyTerms.count)
        }
    }

    private func write(_ directory: DirectoryImport) async throws {
        let sql = try self.sql
        let now = store.now
        let taxonomies = directory.taxonomies.compactMap { taxonomy -> [any Encodable & Sendable]? in
            guard let id = taxonomy["id"]?.text else { return nil }
            return [id, taxonomy["name"]?.string ?? "", try? Self.text(taxonomy)]
        }
        try await upsert(sql, "resource_taxonomies", ["id", "name", "document"], Self.lastOfEach(taxonomies))
        let terms = directory.taxonomyTerms.compactMap { term -> [any Encodable & Sendable]? in
            guard let id = term["id"]?.text else { return nil }
            return [
                id, term["taxonomy_id"]?.text, term["parent_id"]?.text, term["name"]?.string ?? "",
                try? Self.text(term),
            ]
        }
        try await upsert(
            sql, "resource_taxonomy_terms", ["id", "taxonomy_id", "parent_id", "name", "document"],
            Self.lastOfEach(terms))
        let organizations = try directory.organizations.map { organization -> [any Encodable & Sendable] in
            [organization.id, organization.name, try Self.text(organization.document), now]
        }
        try await upsert(sql, "resource_organizations", ["id", "name", "document", "updated_at"], organizations)
        let ids = directory.services.map(\.id)
        var tables = ["resource_service_needs", "resource_service_hours"]
        if store.engine == .sqlite { tables.append("resource_service_text") }
        for chunk in ids.chunked(500) {
            for table in tables {
                try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE service_id IN (\(binds: chunk))").run()
            }
            try await sql.raw("DELETE FROM resource_services WHERE id IN (\(binds: chunk))").run()
        }
        let services = try directory.services.map { service -> [any Encodable & Sendable] in
            [
                service.id, service.organizationID, service.name, service.description, service.status,
                Self.spaced(service.needs.map(\.rawValue)), Self.spaced(Array(service.languages)), service.latitude,
                service.longitude, service.address, service.phone, service.searchText,
                try Self.text(service.document), now,
            ]
        }
        try await insert(
            sql, "resource_services",
            [
                "id", "organization_id", "name", "description", "status", "needs", "languages", "latitude",
                "longitude", "address", "phone", "search_text", "document", "updated_at",
            ], services)
        try await insert(
            sql, "resource_service_needs", ["service_id", "need"],
            directory.services.flatMap { service in service.needs.map { [service.id, $0.rawValue] } })
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
    }

    // MARK: Search

    /// The active services matching a search, nearest first when it has a point, best text match first otherwise.
    public func search(_ search: DirectorySearch, timeZone: TimeZone) async throws -> [DirectoryHit] {
        let sql = try self.sql
        let postgres = store.engine == .postgres
        var conditions: [SQLQueryString] = ["s.status = 'active'"]
        var joins: [SQLQueryString] = []
        var order: [SQLQueryString] = []
        if !search.words.isEmpty {
            if postgres {
                let query = search.words.map { "\($0):*" }.joined(separator: " & ")
                conditions.append("s.search_vector @@ to_tsquery('simple', \(bind: query))")
                if search.near == nil {
                    order.append("ts_rank(s.search_vector, to_tsquery('simple', \(bind: query))) DESC")
                }
            } else {
                let query = search.words.map { "\"\($0)\"*" }.joined(separator: " ")
                joins.append(
                    "JOIN resource_service_text t ON t.service_id = s.id AND t.search_text MATCH \(bind: query)")
                if search.near == nil { order.append("t.rank") }
            }
        }
        if let need = search.need {
            conditions.append(
                "s.id IN (SELECT service_id FROM resource_service_needs WHERE need = \(bind: need.rawValue))")
        }
        if let language = search.language { conditions.append("s.languages LIKE \(bind: "% \(language) %")") }
        func open(at date: Date) -> SQLQueryString {
            let moment = OpeningHours.moment(date, in: timeZone)
            return """
                EXISTS (SELECT 1 FROM resource_service_hours h WHERE h.service_id = s.id \
                AND h.start_minute <= \(bind: moment.minuteOfWeek) AND h.end_minute > \(bind: moment.minuteOfWeek) \
                AND (h.valid_from IS NULL OR h.valid_from <= \(bind: moment.day)) \
                AND (h.valid_to IS NULL OR h.valid_to >= \(bind: moment.day)))
                """
        }
        if let openAt = search.openAt { conditions.append(open(at: openAt)) }
        let openColumn: SQLQueryString = "CASE WHEN \(open(at: search.now)) THEN 1 ELSE 0 END"
        if let near = search.near {
            // Squared degrees with longitude scaled at the point's latitude: ranks like the true distance nearby.
            let scale = cos(near.latitude * .pi / 180)
            order.append("s.latitude IS NULL")
            order.append(
                """
                (s.latitude - \(bind: near.latitude)) * (s.latitude - \(bind: near.latitude)) \
                + (s.longitude - \(bind: near.longitude)) * (s.longitude - \(bind: near.longitude)) \
                * \(bind: scale * scale)
                """)
        }
        order.append("s.name")
        order.append("s.id")
        let query: SQLQueryString = """
            SELECT s.id, s.name, s.description, s.needs, s.languages, s.address, s.phone, s.latitude, s.longitude,
            s.capacity_available, s.capacity_total, s.capacity_updated_at, o.name AS organization_name,
            \(openColumn) AS open_now
            FROM resource_services s JOIN resource_organizations o ON o.id = s.organization_id
            \(joins.joined(separator: " "))
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order.joined(separator: ", "))
            LIMIT \(bind: search.limit) OFFSET \(bind: search.offset)
            """
        return try await sql.raw(query).all().map { row in
            let latitude = try row.decode(column: "latitude", as: Double?.self)
            let longitude = try row.decode(column: "longitude", as: Double?.self)
            var distance: Double?
            if let near = search.near, let latitude, let longitude,
                let point = try? GeoPoint(latitude: latitude, longitude: longitude)
            {
                distance = near.kilometres(to: point)
            }
            return DirectoryHit(
                id: try row.decode(column: "id", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                organizationName: try row.decode(column: "organization_name", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                needs: Self.words(try row.decode(column: "needs", as: String.self)).compactMap(Need.init(rawValue:)),
                languages: Self.words(try row.decode(column: "languages", as: String.self)),
                address: try row.decode(column: "address", as: String?.self),
                phone: try row.decode(column: "phone", as: String?.self), latitude: latitude, longitude: longitude,
                distanceKilometres: distance, openNow: try row.decode(column: "open_now", as: Int.self) == 1,
                capacityAvailable: try row.decode(column: "capacity_available", as: Int?.self),
                capacityTotal: try row.decode(column: "capacity_total", as: Int?.self),
                capacityUpdatedAt: try row.decode(column: "capacity_updated_at", as: Date?.self))
        }
    }

    // MARK: HSDS documents

    /// A page of HSDS objects and how many there are in all.
    public struct Page: Sendable {
        public let total: Int
        public let items: [JSONValue]
    }

    /// A service as HSDS's fully nested document, with its organization.
    public func service(id: String) async throws -> JSONValue? {
        guard
            let row = try await sql.raw(
                """
                SELECT s.document, o.document AS organization FROM resource_services s
                JOIN resource_organizations o ON o.id = s.organization_id WHERE s.id = \(bind: id)
                """
            ).first()
        else { return nil }
        return try Self.nested(row)
    }

    /// Services by name, optionally only those matching words, a taxonomy term, an organization or changed since.
    public func services(
        words: [String], termID: String?, organizationID: String?, modifiedAfter: Date?, limit: Int, offset: Int
    ) async throws -> Page {
        var conditions: [SQLQueryString] = ["1 = 1"]
        for word in words { conditions.append("s.search_text LIKE \(bind: "%\(word)%")") }
        if let termID {
            conditions.append("s.document LIKE \(bind: "%\"\(termID)\"%")")
        }
        if let organizationID { conditions.append("s.organization_id = \(bind: organizationID)") }
        if let modifiedAfter { conditions.append("s.updated_at > \(bind: modifiedAfter)") }
        let filter = conditions.joined(separator: " AND ")
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM resource_services s WHERE \(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw(
            """
            SELECT s.document, o.document AS organization FROM resource_services s
            JOIN resource_organizations o ON o.id = s.organization_id WHERE \(filter)
            ORDER BY s.name, s.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return Page(total: total, items: try rows.map(Self.nested))
    }

    /// An organization's HSDS document with its services' ids and names.
    public func organization(id: String) async throws -> JSONValue? {
        guard let row = try await sql.raw("SELECT document FROM resource_organizations WHERE id = \(bind: id)").first()
        else { return nil }
        guard case .object(var members) = try Self.json(row) else { return nil }
        let services = try await sql.raw(
            "SELECT id, name, status FROM resource_services WHERE organization_id = \(bind: id) ORDER BY name"
        ).all()
        members["services"] = .array(
            try services.map { service in
                .object([
                    "id": .string(try service.decode(column: "id", as: String.self)),
                    "name": .string(try service.decode(column: "name", as: String.self)),
                    "status": .string(try service.decode(column: "status", as: String.self)),
                ])
            })
        return .object(members)
    }

    /// Organizations by name, optionally only those whose name has every word.
    public func organizations(words: [String], limit: Int, offset: Int) async throws -> Page {
        try await page(table: "resource_organizations", words: words, limit: limit, offset: offset)
    }

    /// Taxonomies by name.
    public func taxonomies(words: [String], limit: Int, offset: Int) async throws -> Page {
        try await page(table: "resource_taxonomies", words: words, limit: limit, offset: offset)
    }

    /// Taxonomy terms by name, optionally of one taxonomy, of one parent or only the top ones.
    public func taxonomyTerms(
        words: [String], taxonomyID: String?, parentID: String?, topOnly: Bool, limit: Int, offset: Int
    ) async throws -> Page {
        var extra: [SQLQueryString] = []
        if let taxonomyID { extra.append("taxonomy_id = \(bind: taxonomyID)") }
        if let parentID { extra.append("parent_id = \(bind: parentID)") }
        if topOnly { extra.append("parent_id IS NULL") }
        return try await page(
            table: "resource_taxonomy_terms", words: words, extra: extra, limit: limit, offset: offset)
    }

    /// One HSDS object of a table by id.
    public func document(table: Table, id: String) async throws -> JSONValue? {
        try await sql.raw("SELECT document FROM \(unsafeRaw: table.rawValue) WHERE id = \(bind: id)").first()
            .map(Self.json)
    }

    /// The tables that hold plain HSDS documents.
    public enum Table: String, Sendable {
        case taxonomies = "resource_taxonomies"
        case taxonomyTerms = "resource_taxonomy_terms"
    }

    /// Every organization, service (fully nested, with its organization) and taxonomy, for an export.
    public func everything() async throws -> (
        organizations: [JSONValue], services: [JSONValue], taxonomies: [JSONValue], terms: [JSONValue]
    ) {
        let sql = try self.sql
        func documents(_ table: String) async throws -> [JSONValue] {
            try await sql.raw("SELECT document FROM \(unsafeRaw: table) ORDER BY id").all().map(Self.json)
        }
        let services = try await sql.raw(
            """
            SELECT s.document, o.document AS organization FROM resource_services s
            JOIN resource_organizations o ON o.id = s.organization_id ORDER BY s.id
            """
        ).all().map(Self.nested)
        return (
            try await documents("resource_organizations"), services,
            try await documents("resource_taxonomies"), try await documents("resource_taxonomy_terms")
        )
    }

    private func page(
        table: String, words: [String], extra: [SQLQueryString] = [], limit: Int, offset: Int
    ) async throws -> Page {
        let sql = try self.sql
        var conditions: [SQLQueryString] = ["1 = 1"] + extra
        for word in words { conditions.append("LOWER(name) LIKE \(bind: "%\(word)%")") }
        let filter = conditions.joined(separator: " AND ")
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw(
            """
            SELECT document FROM \(unsafeRaw: table) WHERE \(filter) ORDER BY name, id
            LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return Page(total: total, items: try rows.map(Self.json))
    }

    // MARK: Rows

    private func upsert(
        _ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]
    ) async throws {
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await insert(sql, table, columns, rows, suffix: " ON CONFLICT (id) DO UPDATE SET \(updates)")
    }

    /// Multi-row INSERTs, in chunks that stay under both engines' limits on bound values.
    private func insert(
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

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func text(_ value: JSONValue) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func json(_ row: any SQLRow) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    /// A service's document with its organization's one-to-one fields nested, as HSDS publishes it.
    private static func nested(_ row: any SQLRow) throws -> JSONValue {
        guard case .object(var members) = try json(row) else { return .null }
        let organization = try JSONDecoder().decode(
            JSONValue.self, from: Data(try row.decode(column: "organization", as: String.self).utf8))
        members["organization"] = .object((organization.object ?? [:]).filter { $0.value.array == nil })
        return .object(members)
    }

    /// One row per id (the first column), the last given: PostgreSQL refuses an upsert that touches a row twice.
    private static func lastOfEach(_ rows: [[any Encodable & Sendable]]) -> [[any Encodable & Sendable]] {
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

    private static func spaced(_ words: [String]) -> String { " " + words.sorted().joined(separator: " ") + " " }

    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}

extension Array {
    /// The array cut into pieces of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
