import Fluent
import Foundation
import NIOConcurrencyHelpers
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

    private func write(_ directory: DirectoryImport) async throws {
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

    // MARK: Stewardship

    /// Whether a service exists, and which organisation's staff look after it (through its HSDS organization).
    public func steward(ofService id: String) async throws -> (exists: Bool, owner: Organisation.ID?) {
        guard let target = try await target(ofService: id) else { return (false, nil) }
        return (true, target.steward)
    }

    /// A service as a referral or an escort names it.
    public struct Target: Sendable, Equatable {
        public let reference: ResourceReference
        /// The HSDS status: only `active` services take referrals.
        public let status: String
        /// The organisation whose staff look after it, if any.
        public let steward: Organisation.ID?
    }

    /// The service with this id as a referral names it, nil when unknown.
    public func target(ofService id: String) async throws -> Target? {
        guard
            let row = try await sql.raw(
                """
                SELECT s.name, s.status, s.address, o.id AS owner FROM resource_services s
                LEFT JOIN organisations o ON o.resource_organization_id = s.organization_id WHERE s.id = \(bind: id)
                """
            ).first()
        else { return nil }
        return Target(
            reference: ResourceReference(
                serviceID: id, name: try row.decode(column: "name", as: String.self),
                address: try row.decode(column: "address", as: String?.self)),
            status: try row.decode(column: "status", as: String.self),
            steward: try row.decode(column: "owner", as: UUID?.self).map(Organisation.ID.init))
    }

    /// A service an organisation's staff look after, with its current capacity.
    public struct StewardedService: Sendable, Equatable {
        public let id: String
        public let name: String
        public let status: String
        public let capacityAvailable: Int?
        public let capacityTotal: Int?
        public let capacityUpdatedAt: Date?
    }

    /// The services an organisation's staff look after, by name.
    public func services(stewardedBy organisation: Organisation.ID) async throws -> [StewardedService] {
        try await sql.raw(
            """
            SELECT s.id, s.name, s.status, s.capacity_available, s.capacity_total, s.capacity_updated_at
            FROM resource_services s JOIN organisations o ON o.resource_organization_id = s.organization_id
            WHERE o.id = \(bind: organisation.rawValue) ORDER BY s.name
            """
        ).all().map { row in
            StewardedService(
                id: try row.decode(column: "id", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                status: try row.decode(column: "status", as: String.self),
                capacityAvailable: try row.decode(column: "capacity_available", as: Int?.self),
                capacityTotal: try row.decode(column: "capacity_total", as: Int?.self),
                capacityUpdatedAt: try row.decode(column: "capacity_updated_at", as: Date?.self))
        }
    }

    /// Makes an organisation's staff the stewards of a directory organization's services (nil: of none).
    public func link(_ organisation: Organisation.ID, to resourceOrganizationID: String?, by actor: Actor?) async throws
    {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            try await sql.raw(
                """
                UPDATE organisations SET resource_organization_id = \(bind: resourceOrganizationID)
                WHERE id = \(bind: organisation.rawValue)
                """
            ).run()
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceOrganizationLinked, resourceType: .organisation,
                    resourceID: organisation.description, purpose: resourceOrganizationID))
        }
    }

    /// Records how many places a service has free, when and by whom, and audits it.
    public func setCapacity(_ capacity: ResourceCapacity, ofService id: String, by actor: Actor) async throws {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            try await sql.raw(
                """
                UPDATE resource_services SET capacity_available = \(bind: capacity.available),
                capacity_total = \(bind: capacity.total), capacity_updated_at = \(bind: transaction.now),
                capacity_updated_by = \(bind: actor.userID.description) WHERE id = \(bind: id)
                """
            ).run()
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceCapacityChanged, resourceType: .resourceService, resourceID: id,
                    purpose: "\(capacity.available)/\(capacity.total.map(String.init) ?? "?")"))
        }
    }

    /// Replaces a service's own weekly hours in its HSDS document, updates search, and audits it.
    public func setHours(_ update: HoursUpdate, ofService id: String, by actor: Actor) async throws {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            guard
                let row = try await sql.raw(
                    "SELECT document FROM resource_service_documents WHERE service_id = \(bind: id)"
                ).first(),
                case .object(var document) = try Self.json(row)
            else { return }
            document["schedules"] = .array(
                update.schedules.map { schedule in
                    var members = schedule.object ?? [:]
                    if members["id"]?.text == nil { members["id"] = .string(UUID().uuidString.lowercased()) }
                    members["service_id"] = .string(id)
                    return .object(members)
                })
            try await sql.raw(
                """
                UPDATE resource_service_documents SET document = \(bind: Self.text(.object(document)))
                WHERE service_id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                "UPDATE resource_services SET updated_at = \(bind: transaction.now) WHERE id = \(bind: id)"
            )
            .run()
            // Search follows every schedule of the document: the new ones and those listed at its locations.
            var ignored: [HSDSProblem] = []
            let hours = OpeningHours(
                schedules: HSDSReader.allSchedules(of: .object(document)), path: "schedules", problems: &ignored)
            try await sql.raw("DELETE FROM resource_service_hours WHERE service_id = \(bind: id)").run()
            try await DirectoryStore(store: transaction).insert(
                sql, "resource_service_hours", ["service_id", "start_minute", "end_minute", "valid_from", "valid_to"],
                hours.intervals.map { [id, $0.start, $0.end, $0.validFrom, $0.validTo] })
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceHoursChanged, resourceType: .resourceService, resourceID: id))
        }
    }

    // MARK: Search

    /// The active services matching a search, nearest first when it has a point, best text match first otherwise.
    public func search(_ search: DirectorySearch, timeZone: TimeZone) async throws -> [DirectoryHit] {
        var conditions: [SQLQueryString] = ["s.status = 'active'"]
        if let need = search.need { conditions.append("s.needs LIKE \(bind: "% \(need.rawValue) %")") }
        if let language = search.language { conditions.append("s.languages LIKE \(bind: "% \(language) %")") }
        if let openAt = search.openAt { conditions.append(Self.open(at: openAt, in: timeZone)) }
        guard let near = search.near else { return try await rankedByText(search, conditions, timeZone: timeZone) }
        let scale = cos(near.latitude * .pi / 180)
        let distance: SQLQueryString = """
            ((s.latitude - \(bind: near.latitude)) * (s.latitude - \(bind: near.latitude)) \
            + (s.longitude - \(bind: near.longitude)) * (s.longitude - \(bind: near.longitude)) * \(bind: scale * scale))
            """
        if !search.words.isEmpty, try await textMatches(search.words, atMost: Self.selectiveText) < Self.selectiveText {
            // Few services have these words: the full-text index finds them, and they are sorted by distance.
            let text = textFilter(search.words)
            return try await hits(
                where: conditions + text.conditions + ["s.latitude IS NOT NULL"], joins: text.joins,
                order: [distance, "s.id"], limit: search.limit, offset: search.offset, search: search,
                timeZone: timeZone
            ).map(\.hit)
        }
        // Nearest first among many: each row is checked for words with LIKE, which on the rows near the point is
        // faster than a large full-text match (docs/PERFORMANCE.md).
        for word in search.words { conditions.append("s.search_text LIKE \(bind: "% \(word)%")") }
        if store.engine == .postgres {
            // PostgreSQL walks its GiST index of positions nearest first and stops at the page's end.
            let point: SQLQueryString =
                "point(\(bind: near.longitude * scale), \(bind: near.latitude))"
            return try await hits(
                // The distance alone: a second sort key would make PostgreSQL sort every match instead.
                where: conditions + ["s.position IS NOT NULL"], order: ["s.position <-> \(point)"],
                limit: search.limit, offset: search.offset, search: search, timeZone: timeZone
            ).map(\.hit)
        }
        // SQLite: a box around the point, wider until it holds enough results closer than its half-width (so none
        // outside could be nearer).
        let wanted = search.offset + search.limit
        var radius: Double? = 2
        while true {
            var filter = conditions
            if let radius {
                let degrees = radius / 111.2
                let (west, east) = (near.longitude - degrees / scale, near.longitude + degrees / scale)
                if let columns = DirectoryGrid.columns(from: west, to: east) {
                    let column = DirectoryGrid.column.replacingOccurrences(of: "longitude", with: "s.longitude")
                    let list = columns.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")
                    filter.append("\(unsafeRaw: column) IN (\(list))")
                }
                filter.append(
                    """
                    s.latitude BETWEEN \(bind: near.latitude - degrees) AND \(bind: near.latitude + degrees) \
                    AND s.longitude BETWEEN \(bind: west) AND \(bind: east)
                    """)
            } else {
                filter.append("s.latitude IS NOT NULL")
            }
            let rows = try await hits(
                where: filter, order: [distance, "s.id"], limit: wanted, offset: 0, search: search, timeZone: timeZone,
                extraColumns: ", \(distance) AS distance")
            guard let current = radius else { return Array(rows.dropFirst(search.offset).map(\.hit)) }
            let limit = (current / 111.2) * (current / 111.2)
            let within = try rows.filter { try $0.row.decode(column: "distance", as: Double.self) <= limit }.count
            if within >= wanted { return Array(rows.dropFirst(search.offset).map(\.hit)) }
            // Wider, by what the density found so far suggests (results grow with the area), or everywhere.
            let next = current * max(1.5, (Double(wanted) / Double(max(within, 1))).squareRoot() * 1.2)
            radius = next > 100 ? nil : next
        }
    }

    /// Below this many services with the words, search near a point starts from the full-text index.
    static let selectiveText = 2_000

    /// Services matching words (full text, best match first), or by name when there are none.
    private func rankedByText(
        _ search: DirectorySearch, _ conditions: [SQLQueryString], timeZone: TimeZone
    ) async throws -> [DirectoryHit] {
        let text = textFilter(search.words)
        return try await hits(
            where: conditions + text.conditions, joins: text.joins, order: text.rank + ["s.name", "s.id"],
            limit: search.limit, offset: search.offset, search: search, timeZone: timeZone
        ).map(\.hit)
    }

    /// The full-text match of words (each the beginning of a word): FTS5 on SQLite, a `tsquery` on PostgreSQL.
    private func textFilter(_ words: [String]) -> (
        joins: [SQLQueryString], conditions: [SQLQueryString], rank: [SQLQueryString]
    ) {
        guard !words.isEmpty else { return ([], [], []) }
        if store.engine == .postgres {
            let query = words.map { "\($0):*" }.joined(separator: " & ")
            return (
                [], ["s.search_vector @@ to_tsquery('simple', \(bind: query))"],
                ["ts_rank(s.search_vector, to_tsquery('simple', \(bind: query))) DESC"]
            )
        }
        let query = words.map { "\"\($0)\"*" }.joined(separator: " ")
        return (
            ["JOIN resource_service_text t ON t.service_id = s.id AND t.search_text MATCH \(bind: query)"], [],
            ["t.rank"]
        )
    }

    /// How many services have the words, counting no further than `cap` (on PostgreSQL, its planner's estimate
    /// from the full-text statistics: counting matches of a common word scans the table); remembered until the
    /// next import.
    private func textMatches(_ words: [String], atMost cap: Int) async throws -> Int {
        let key = words.joined(separator: " ")
        let counts = store.environment.directoryWordCounts
        if let known = counts.withLockedValue({ $0[key] }) { return known }
        let count: Int
        if store.engine == .postgres {
            let query = words.map { "\($0):*" }.joined(separator: " & ")
            let plan = try await sql.raw(
                "EXPLAIN SELECT 1 FROM resource_services s WHERE s.search_vector @@ to_tsquery('simple', \(bind: query))"
            ).first()?.decode(column: "QUERY PLAN", as: String.self)
            count = min(cap, plan.flatMap(Self.estimatedRows) ?? cap)
        } else {
            let query = words.map { "\"\($0)\"*" }.joined(separator: " ")
            count =
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM (SELECT 1 FROM resource_service_text WHERE search_text MATCH \(bind: query) \
                    LIMIT \(bind: cap)) AS matches
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        counts.withLockedValue { known in
            if known.count >= 10_000 { known.removeAll() }
            known[key] = count
        }
        return count
    }

    /// The rows PostgreSQL expects, from the first line of a plan (`… (cost=… rows=12034 width=4)`).
    static func estimatedRows(_ line: String) -> Int? {
        guard let range = line.range(of: " rows=") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// Whether a service is open at a moment, by its weekly hours.
    private static func open(at date: Date, in timeZone: TimeZone) -> SQLQueryString {
        "EXISTS \(openHour(at: date, in: timeZone))"
    }

    /// One of the service's hours open at a moment, or NULL: a scalar subquery with LIMIT, looked up row by row
    /// (as `EXISTS` in a select list, PostgreSQL would hash every open hour of the directory first).
    private static func openHour(at date: Date, in timeZone: TimeZone) -> SQLQueryString {
        let moment = OpeningHours.moment(date, in: timeZone)
        return """
            (SELECT 1 FROM resource_service_hours h WHERE h.service_id = s.id \
            AND h.start_minute <= \(bind: moment.minuteOfWeek) AND h.end_minute > \(bind: moment.minuteOfWeek) \
            AND (h.valid_from IS NULL OR h.valid_from <= \(bind: moment.day)) \
            AND (h.valid_to IS NULL OR h.valid_to >= \(bind: moment.day)) LIMIT 1)
            """
    }

    private func hits(
        where conditions: [SQLQueryString], joins: [SQLQueryString] = [], order: [SQLQueryString], limit: Int,
        offset: Int, search: DirectorySearch, timeZone: TimeZone, extraColumns: SQLQueryString = ""
    ) async throws -> [(hit: DirectoryHit, row: any SQLRow)] {
        let query: SQLQueryString = """
            SELECT s.id, s.name, s.description, s.translations, s.needs, s.languages, s.address, s.phone, s.latitude,
            s.longitude,
            s.capacity_available, s.capacity_total, s.capacity_updated_at, o.name AS organization_name,
            CASE WHEN \(Self.openHour(at: search.now, in: timeZone)) IS NULL THEN 0 ELSE 1 END AS open_now\(extraColumns)
            FROM resource_services s JOIN resource_organizations o ON o.id = s.organization_id
            \(joins.joined(separator: " "))
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order.joined(separator: ", "))
            LIMIT \(bind: limit) OFFSET \(bind: offset)
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
            let hit = DirectoryHit(
                id: try row.decode(column: "id", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                organizationName: try row.decode(column: "organization_name", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                translations: try row.decode(column: "translations", as: String?.self).map(Self.translations)
                    ?? ResourceTranslations(),
                needs: Self.words(try row.decode(column: "needs", as: String.self)).compactMap(Need.init(rawValue:)),
                languages: Self.words(try row.decode(column: "languages", as: String.self)),
                address: try row.decode(column: "address", as: String?.self),
                phone: try row.decode(column: "phone", as: String?.self), latitude: latitude, longitude: longitude,
                distanceKilometres: distance, openNow: try row.decode(column: "open_now", as: Int.self) == 1,
                capacityAvailable: try row.decode(column: "capacity_available", as: Int?.self),
                capacityTotal: try row.decode(column: "capacity_total", as: Int?.self),
                capacityUpdatedAt: try row.decode(column: "capacity_updated_at", as: Date?.self))
            return (hit, row)
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
                "\(unsafeRaw: Self.nestedServices) WHERE s.id = \(bind: id)"
            ).first()
        else { return nil }
        return try Self.nested(row)
    }

    /// Services by name, optionally only those matching words, a taxonomy term, an organization or changed since.
    public func services(
        words: [String], termID: String?, organizationID: String?, modifiedAfter: Date?, limit: Int, offset: Int
    ) async throws -> Page {
        var conditions: [SQLQueryString] = ["1 = 1"]
        for word in words { conditions.append("s.search_text LIKE \(bind: "% \(word)%")") }
        if let termID {
            conditions.append(
                """
                s.id IN (SELECT service_id FROM resource_service_documents \
                WHERE document LIKE \(bind: "%\"taxonomy_term_id\":\"\(termID)\"%"))
                """)
        }
        if let organizationID { conditions.append("s.organization_id = \(bind: organizationID)") }
        if let modifiedAfter { conditions.append("s.updated_at > \(bind: modifiedAfter)") }
        let filter = conditions.joined(separator: " AND ")
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM resource_services s WHERE \(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw(
            """
            \(unsafeRaw: Self.nestedServices) WHERE \(filter)
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
            \(unsafeRaw: Self.nestedServices) ORDER BY s.id
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

    static func translationsText(_ translations: ResourceTranslations) -> String {
        String(decoding: (try? JSONEncoder().encode(translations)) ?? Data(), as: UTF8.self)
    }

    static func translations(_ text: String) -> ResourceTranslations {
        (try? JSONDecoder().decode(ResourceTranslations.self, from: Data(text.utf8))) ?? ResourceTranslations()
    }

    static func text(_ value: JSONValue) -> String {
        JSONText.write(value)
    }

    private static func json(_ row: any SQLRow) throws -> JSONValue {
        try JSONText.parse(try row.decode(column: "document", as: String.self).utf8)
    }

    /// Services' documents with their organizations', read by ``nested(_:)``.
    private static let nestedServices = """
        SELECT d.document, o.document AS organization FROM resource_services s
        JOIN resource_service_documents d ON d.service_id = s.id
        JOIN resource_organizations o ON o.id = s.organization_id
        """

    /// A service's document with its organization's one-to-one fields nested, as HSDS publishes it.
    private static func nested(_ row: any SQLRow) throws -> JSONValue {
        guard case .object(var members) = try json(row) else { return .null }
        let organization = try JSONText.parse(try row.decode(column: "organization", as: String.self).utf8)
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
