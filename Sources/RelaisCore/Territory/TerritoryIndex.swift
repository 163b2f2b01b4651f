import Foundation

/// Finds which territory contains a point, in microseconds, from the territories' GeoJSON boundaries.
///
/// Each territory's edges are sorted into horizontal bands of equal height; a lookup rejects territories by
/// bounding box, then counts ray crossings (even-odd rule, so holes and islands work) only among the edges of
/// the point's band.
public struct TerritoryIndex: Sendable {
    /// What a lookup returns: the territory without its geometry.
    public struct Match: Sendable, Equatable {
        public let level: Territory.Level
        public let code: String
        public let name: String
        public let served: Bool

        public init(level: Territory.Level, code: String, name: String, served: Bool) {
            self.level = level
            self.code = code
            self.name = name
            self.served = served
        }
    }

    struct Edge: Sendable {
        let x1: Double
        let y1: Double
        let x2: Double
        let y2: Double
    }

    struct Shape: Sendable {
        let match: Match
        let minX: Double
        let maxX: Double
        let minY: Double
        let maxY: Double
        let bandHeight: Double
        let bands: [[Edge]]

        func contains(x: Double, y: Double) -> Bool {
            guard x >= minX, x <= maxX, y >= minY, y <= maxY else { return false }
            let band = min(bands.count - 1, Int((y - minY) / bandHeight))
            return bands[band].withUnsafeBufferPointer { edges in
                var inside = false
                for edge in edges where (edge.y1 > y) != (edge.y2 > y) {
                    let crossing = edge.x1 + (y - edge.y1) * (edge.x2 - edge.x1) / (edge.y2 - edge.y1)
                    if x < crossing { inside.toggle() }
                }
                return inside
            }
        }
    }

    private let shapes: [Shape]

    /// Why a territory's geometry could not be indexed.
    public enum GeometryError: Error, Equatable, Sendable {
        case unreadable(code: String)
    }

    /// Indexes territories.
    /// - Throws: ``GeometryError`` naming the first territory whose geometry is not a readable Polygon or
    ///   MultiPolygon.
    public init(_ territories: [Territory]) throws(GeometryError) {
        var shapes: [Shape] = []
        for territory in territories {
            guard let rings = Self.rings(of: territory.geometryJSON), !rings.isEmpty else {
                throw .unreadable(code: territory.code)
            }
            shapes.append(Self.shape(territory, rings: rings))
        }
        self.shapes = shapes
    }

    /// The territory of `level` that contains `point`, if any.
    public func locate(_ point: GeoPoint, level: Territory.Level) -> Match? {
        for index in shapes.indices where shapes[index].match.level == level {
            if shapes[index].contains(x: point.longitude, y: point.latitude) { return shapes[index].match }
        }
        return nil
    }

    /// How many territories are indexed.
    public var count: Int { shapes.count }

    private static func shape(_ territory: Territory, rings: [[(Double, Double)]]) -> Shape {
        var edges: [Edge] = []
        for ring in rings where ring.count > 1 {
            for index in ring.indices {
                let a = ring[index]
                let b = ring[(index + 1) % ring.count]
                if a != b { edges.append(Edge(x1: a.0, y1: a.1, x2: b.0, y2: b.1)) }
            }
        }
        let xs = edges.flatMap { [$0.x1, $0.x2] }
        let ys = edges.flatMap { [$0.y1, $0.y2] }
        let minY = ys.min() ?? 0
        let maxY = ys.max() ?? 0
        let bandCount = max(1, min(1024, edges.count / 4))
        let bandHeight = max((maxY - minY) / Double(bandCount), .leastNonzeroMagnitude)
        var bands = [[Edge]](repeating: [], count: bandCount)
        for edge in edges {
            let low = min(bandCount - 1, Int((min(edge.y1, edge.y2) - minY) / bandHeight))
            let high = min(bandCount - 1, Int((max(edge.y1, edge.y2) - minY) / bandHeight))
            for band in low...high { bands[band].append(edge) }
        }
        return Shape(
            match: Match(level: territory.level, code: territory.code, name: territory.name, served: territory.served),
            minX: xs.min() ?? 0, maxX: xs.max() ?? 0, minY: minY, maxY: maxY, bandHeight: bandHeight, bands: bands)
    }

    /// The rings (outer boundaries and holes) of a GeoJSON Polygon or MultiPolygon, as (longitude, latitude).
    public static func rings(of geometryJSON: String) -> [[(Double, Double)]]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(geometryJSON.utf8)) as? [String: Any],
            let type = object["type"] as? String, let coordinates = object["coordinates"] as? [Any]
        else { return nil }
        let polygons: [Any]
        switch type {
        case "Polygon": polygons = [coordinates]
        case "MultiPolygon": polygons = coordinates
        default: return nil
        }
        var rings: [[(Double, Double)]] = []
        for polygon in polygons {
            guard let polygonRings = polygon as? [[[Double]]] else { return nil }
            for ring in polygonRings {
                guard ring.allSatisfy({ $0.count >= 2 }) else { return nil }
                rings.append(ring.map { ($0[0], $0[1]) })
            }
        }
        return rings
    }
}
