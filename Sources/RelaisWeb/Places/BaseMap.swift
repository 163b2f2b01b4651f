import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What a map draws without a tile server: the territories' outlines, the imported street lines, metro stations and
/// landmarks, in WGS 84 (longitude, latitude), as one JSON document the pages fetch once and cache.
struct BaseMap: Encodable {
    struct Area: Encodable {
        let name: String
        let served: Bool
        let rings: [[[Double]]]
    }

    struct Street: Encodable {
        let name: String
        let line: [[Double]]
    }

    struct Place: Encodable {
        let name: String
        let kind: String
        let point: [Double]
    }

    /// Where tiles come from, if a tile server is configured (`{z}/{x}/{y}` template).
    let tiles: String?
    let territories: [Area]
    let streets: [Street]
    let places: [Place]

    /// Rings are thinned to at most this many points: a borough's outline at street level needs no more.
    static let maximumRingPoints = 800

    /// The base map with the outlines of the territories of `level` (boroughs; RÉSO's map, sectors), and the
    /// imported streets and places unless `outlinesOnly`.
    static func read(
        from store: RelaisStore, tiles: String?, level: Territory.Level = .borough, outlinesOnly: Bool = false
    ) async throws -> BaseMap {
        let territories = try await store.territories.all(level: level).map { territory in
            let rings = (TerritoryIndex.rings(of: territory.geometryJSON) ?? []).map { ring -> [[Double]] in
                let step = max(1, ring.count / maximumRingPoints)
                return stride(from: 0, to: ring.count, by: step).map { [rounded(ring[$0].0), rounded(ring[$0].1)] }
            }
            return Area(name: territory.name, served: territory.served, rings: rings)
        }
        if outlinesOnly { return BaseMap(tiles: tiles, territories: territories, streets: [], places: []) }
        // A street surveyed somewhere (an OpenStreetMap file) is not also drawn from its corners.
        let lines = try await store.places.streetLines()
        let surveyed = Set(lines.filter { !$0.sketched }.map { PlaceText.streetKey($0.name) })
        let streets = lines.compactMap { name, vertices, sketched -> Street? in
            guard !sketched || !surveyed.contains(PlaceText.streetKey(name)),
                let line = try? JSONDecoder().decode([[Double]].self, from: Data(vertices.utf8))
            else { return nil }
            return Street(name: name, line: line)
        }
        let places = try await store.places.landmarks().map {
            Place(name: $0.name, kind: $0.kind.rawValue, point: [$0.point.longitude, $0.point.latitude])
        }
        return BaseMap(tiles: tiles, territories: territories, streets: streets, places: places)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}

/// `GET /carte/fond.json`: the base map, public like the streets and boundaries it holds, cached per import.
struct BaseMapController {
    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "carte", "fond.json", access: .public, use: baseMap)
    }

    @Sendable func baseMap(_ request: Request) async throws -> Response {
        let (tag, body) = try await request.relais.places.baseMap(store: request.store) {
            let map = try await BaseMap.read(from: request.store, tiles: request.relais.config.mapTilesURL)
            return try JSONEncoder().encode(map)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: tag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        if request.headers.first(name: .ifNoneMatch) == tag {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }
}
