import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// The workers' search from the scene: words, needs, open now, nearest first.
extension DirectoryStore {

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
    func rankedByText(
        _ search: DirectorySearch, _ conditions: [SQLQueryString], timeZone: TimeZone
    ) async throws -> [DirectoryHit] {
        let text = textFilter(search.words)
        return try await hits(
            where: conditions + text.conditions, joins: text.joins, order: text.rank + ["s.name", "s.id"],
            limit: search.limit, offset: search.offset, search: search, timeZone: timeZone
        ).map(\.hit)
    }

    /// The full-text match of words (each the beginning of a word): FTS5 on SQLite, a `tsquery` on PostgreSQL.
    func textFilter(_ words: [String]) -> (
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
    func textMatches(_ words: [String], atMost cap: Int) async throws -> Int {
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
    static func open(at date: Date, in timeZone: TimeZone) -> SQLQueryString {
        "EXISTS \(openHour(at: date, in: timeZone))"
    }

    /// One of the service's hours open at a moment, or NULL: a scalar subquery with LIMIT, looked up row by row
    /// (as `EXISTS` in a select list, PostgreSQL would hash every open hour of the directory first).
    static func openHour(at date: Date, in timeZone: TimeZone) -> SQLQueryString {
        let moment = OpeningHours.moment(date, in: timeZone)
        return """
            (SELECT 1 FROM resource_service_hours h WHERE h.service_id = s.id \
            AND h.start_minute <= \(bind: moment.minuteOfWeek) AND h.end_minute > \(bind: moment.minuteOfWeek) \
            AND (h.valid_from IS NULL OR h.valid_from <= \(bind: moment.day)) \
            AND (h.valid_to IS NULL OR h.valid_to >= \(bind: moment.day)) LIMIT 1)
            """
    }

    func hits(
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
}
