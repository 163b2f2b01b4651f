import Fluent
import Foundation
import RelaisCore
import SQLKit

/// Address points, landmarks, corners and street lines, each replaced as a whole per source by an import.
public struct PlaceStore: Sendable {
    let store: RelaisStore

    /// One import: its source (a file's name, or one an operator chose), what it held and when.
    public struct Import: Sendable, Equatable {
        public let source: String
        public let kind: String
        public let rows: Int
        public let importedAt: Date
    }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Replaces the address points of `source`; in the caller's transaction.
    public func replaceAddresses(_ points: [AddressPoint], source: String) async throws {
        try await replace(
            "address_points", source: source, kind: "addresses",
            columns: [
                "source", "id", "street_key", "street", "number", "unit", "city", "postcode", "latitude", "longitude",
            ],
            rows: points.map {
                [
                    source, $0.id, $0.streetKey, $0.street, $0.number, $0.unit, $0.city, $0.postcode,
                    $0.point.latitude, $0.point.longitude,
                ]
            })
    }

    /// Replaces the landmarks of `source`.
    public func replaceLandmarks(_ landmarks: [Landmark], source: String) async throws {
        try await replace(
            "place_landmarks", source: source, kind: "landmarks",
            columns: ["source", "kind", "name", "latitude", "longitude"],
            rows: landmarks.map { [source, $0.kind.rawValue, $0.name, $0.point.latitude, $0.point.longitude] })
    }

    /// Replaces the corners of `source`.
    public func replaceCorners(_ corners: [Corner], source: String) async throws {
        try await replace(
            "place_corners", source: source, kind: "corners",
            columns: ["source", "first_street", "second_street", "latitude", "longitude"],
            rows: corners.map { [source, $0.first, $0.second, $0.point.latitude, $0.point.longitude] })
    }

    /// Replaces the street lines of `source`.
    public func replaceStreetLines(_ lines: [StreetLine], source: String) async throws {
        try await replace(
            "street_lines", source: source, kind: "streets", columns: ["source", "name", "vertices", "sketched"],
            rows: lines.map { line in
                let vertices = line.vertices.map { "[\($0.longitude),\($0.latitude)]" }.joined(separator: ",")
                return [source, line.name, "[\(vertices)]", line.sketched]
            })
    }

    /// How many imports ever ran: a catalogue read before the last one is stale.
    public func generation() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM place_imports").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every import, latest first.
    public func imports() async throws -> [Import] {
        try await sql.raw("SELECT source, kind, rows, imported_at FROM place_imports ORDER BY imported_at DESC").all()
            .map {
                Import(
                    source: try $0.decode(column: "source", as: String.self),
                    kind: try $0.decode(column: "kind", as: String.self),
                    rows: try $0.decode(column: "rows", as: Int.self),
                    importedAt: try $0.decode(column: "imported_at", as: Date.self))
            }
    }

    /// The names lookup searches in memory: every street name, corner and landmark.
    public func catalogue() async throws -> PlaceCatalogue {
        let sql = try sql
        var streetNames = try await sql.raw("SELECT DISTINCT street FROM address_points").all()
            .map { try $0.decode(column: "street", as: String.self) }
        streetNames += try await sql.raw("SELECT DISTINCT name FROM street_lines WHERE sketched = \(bind: false)").all()
            .map { try $0.decode(column: "name", as: String.self) }
        let corners = try await sql.raw(
            "SELECT first_street, second_street, latitude, longitude FROM place_corners ORDER BY source, first_street"
        ).all().map {
            Corner(
                first: try $0.decode(column: "first_street", as: String.self),
                second: try $0.decode(column: "second_street", as: String.self), point: try Self.point($0))
        }
        return PlaceCatalogue(streetNames: streetNames.sorted(), corners: corners, landmarks: try await landmarks())
    }

    /// Every landmark, by name.
    public func landmarks() async throws -> [Landmark] {
        try await sql.raw("SELECT kind, name, latitude, longitude FROM place_landmarks ORDER BY name").all().map {
            Landmark(
                kind: Landmark.Kind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .place,
                name: try $0.decode(column: "name", as: String.self), point: try Self.point($0))
        }
    }

    /// The address points numbered `number` on these streets (by key), in the streets' order; when none has that
    /// number, those whose number starts with it (the number is still being typed).
    public func addresses(number: String, streetKeys: [String], limit: Int) async throws -> [AddressPoint] {
        guard !streetKeys.isEmpty, !number.isEmpty, number.allSatisfy({ $0.isLetter || $0.isNumber }), limit > 0
        else { return [] }
        let sql = try sql
        let columns = "id, street, number, unit, city, postcode, latitude, longitude, street_key"
        var rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: columns) FROM address_points \
            WHERE street_key IN (\(binds: streetKeys)) AND number = \(bind: number) LIMIT \(literal: limit * 4)
            """
        ).all()
        if rows.isEmpty {
            // A folded number is letters and digits only: no LIKE wildcard in it. The street keys narrow the rows.
            rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: columns) FROM address_points \
                WHERE street_key IN (\(binds: streetKeys)) AND number LIKE \(bind: number + "%") \
                ORDER BY number LIMIT \(literal: limit * 4)
                """
            ).all()
        }
        let rank = Dictionary(streetKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let points = try rows.map { row in
            (
                rank[try row.decode(column: "street_key", as: String.self)] ?? rank.count,
                AddressPoint(
                    id: try row.decode(column: "id", as: String.self),
                    number: try row.decode(column: "number", as: String.self),
                    street: try row.decode(column: "street", as: String.self),
                    unit: try row.decode(column: "unit", as: String.self),
                    city: try row.decode(column: "city", as: String.self),
                    postcode: try row.decode(column: "postcode", as: String.self), point: try Self.point(row))
            )
        }
        return points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.label < $1.1.label }.prefix(limit).map(\.1)
    }

    /// The candidates for `query`, best first, at most `limit`: the catalogue's, and the civic addresses it asks for.
    public func suggest(_ query: PlaceQuery, in catalogue: PlaceCatalogue, limit: Int) async throws -> [PlaceCandidate]
    {
        let lookup = catalogue.lookup(query, limit: limit)
        guard let addresses = lookup.addresses else { return lookup.candidates }
        let score = Dictionary(addresses.streets.map { ($0.street.key, $0.score) }, uniquingKeysWith: max)
        let points = try await self.addresses(
            number: addresses.number, streetKeys: addresses.streets.map(\.street.key), limit: limit)
        let found = points.map {
            PlaceCandidate(kind: .address, label: $0.label, point: $0.point, score: score[$0.streetKey] ?? 0)
        }
        return Array((lookup.candidates + found).prefix(limit))
    }

    /// Every street line, as its name, the JSON array of its vertices (for a map's own drawing) and whether it was
    /// sketched from corners.
    public func streetLines() async throws -> [(name: String, vertices: String, sketched: Bool)] {
        try await sql.raw("SELECT name, vertices, sketched FROM street_lines").all().map {
            (
                try $0.decode(column: "name", as: String.self), try $0.decode(column: "vertices", as: String.self),
                try $0.decode(column: "sketched", as: Bool.self)
            )
        }
    }

    private static func point(_ row: any SQLRow) throws -> GeoPoint {
        try GeoPoint(
            latitude: try row.decode(column: "latitude", as: Double.self),
            longitude: try row.decode(column: "longitude", as: Double.self))
    }

    private func replace(
        _ table: String, source: String, kind: String, columns: [String], rows: [[any Encodable & Sendable]]
    ) async throws {
        let sql = try sql
        try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE source = \(bind: source)").run()
        for chunk in rows.chunked(max(1, 20_000 / columns.count)) {
            let values = chunk.map { row -> SQLQueryString in "(\(binds: row))" }.joined(separator: ", ")
            try await sql.raw(
                "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)"
            ).run()
        }
        try await sql.raw(
            """
            INSERT INTO place_imports (id, source, kind, rows, imported_at) \
            VALUES (\(bind: UUID()), \(bind: source), \(bind: kind), \(bind: rows.count), \(bind: store.now))
            """
        ).run()
    }
}
