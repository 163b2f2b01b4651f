import Foundation
import RelaisCore
import Testing

@Suite("Point → territory")
struct TerritoryIndexTests {
    /// The whole Montréal agglomeration (19 boroughs, 15 linked cities), from the shared data folder.
    static let agglomerationFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(
            "shared/data/geo/montreal-limites-administratives/limites-administratives-agglomeration.geojson")
    static let hasAgglomeration = FileManager.default.fileExists(atPath: agglomerationFile.path)

    static func agglomeration() throws -> [Territory] {
        try GeoJSONTerritories.read(
            Data(contentsOf: agglomerationFile), level: .borough, codeProperty: "ABREV", nameProperty: "NOM",
            served: ["VM", "SO", "PM", "MH"])
    }

    @Test(
        "known places fall in the right borough or linked city", .enabled(if: hasAgglomeration),
        arguments: [
            (45.5088, -73.5542, "VM"),  // Hôtel de ville
            (45.5155, -73.5340, "VM"),  // Île Sainte-Hélène, an island of Ville-Marie
            (45.4799, -73.5772, "SO"),  // Marché Atwater
            (45.5270, -73.5698, "PM"),  // Parc La Fontaine
            (45.5580, -73.5515, "MH"),  // Stade olympique
            (45.4841, -73.6014, "WM"),  // Westmount, a linked city
            (45.4600, -73.8000, "PC"),  // Pointe-Claire
        ])
    func knownPlaces(_ latitude: Double, _ longitude: Double, _ code: String) throws {
        let index = try TerritoryIndex(try Self.agglomeration())
        let match = index.locate(try GeoPoint(latitude: latitude, longitude: longitude), level: .borough)
        #expect(match?.code == code)
        #expect(match?.served == ["VM", "SO", "PM", "MH"].contains(code))
    }

    @Test("the south shore, Laval and the sea are in no territory", .enabled(if: hasAgglomeration))
    func water() throws {
        let index = try TerritoryIndex(try Self.agglomeration())
        let longueuil = try GeoPoint(latitude: 45.5312, longitude: -73.5185)
        let laval = try GeoPoint(latitude: 45.5700, longitude: -73.7500)
        #expect(index.locate(longueuil, level: .borough) == nil)
        #expect(index.locate(laval, level: .borough) == nil)
        #expect(index.locate(try GeoPoint(latitude: 0, longitude: 0), level: .borough) == nil)
        #expect(index.locate(try GeoPoint(latitude: 45.5088, longitude: -73.5542), level: .sector) == nil)
    }

    @Test(
        "the bands never change an answer: 5,000 random points agree with a plain ray cast",
        .enabled(if: hasAgglomeration))
    func agreesWithNaive() throws {
        let territories = try Self.agglomeration()
        let index = try TerritoryIndex(territories)
        let naive = territories.map { (code: $0.code, rings: Naive.rings($0.geometryJSON)) }
        var generator = SplitMix(seed: 20_261_123)
        var inside = 0
        for _ in 0..<5_000 {
            let point = try GeoPoint(
                latitude: 45.40 + Double.random(in: 0..<0.33, using: &generator),
                longitude: -73.98 + Double.random(in: 0..<0.51, using: &generator))
            let expected = naive.first { Naive.contains($0.rings, point) }?.code
            #expect(index.locate(point, level: .borough)?.code == expected)
            if expected != nil { inside += 1 }
        }
        #expect(inside > 2_000, "the sample should mostly fall on the island")
    }

    @Test("a hole is outside, an island inside the hole is inside")
    func holes() throws {
        let square = { (size: Double) in "[[0,0],[\(size),0],[\(size),\(size)],[0,\(size)],[0,0]]" }
        let shifted = "[[4,4],[6,4],[6,6],[4,6],[4,4]]"
        let geometry =
            #"{"type":"MultiPolygon","coordinates":[[\#(square(10)),[[2,2],[8,2],[8,8],[2,8],[2,2]]],[\#(shifted)]]}"#
        let index = try TerritoryIndex([
            Territory(level: .borough, code: "T", name: "Test", geometryJSON: geometry, served: true)
        ])
        #expect(index.locate(try GeoPoint(latitude: 1, longitude: 1), level: .borough)?.code == "T")
        #expect(index.locate(try GeoPoint(latitude: 3, longitude: 3), level: .borough) == nil)
        #expect(index.locate(try GeoPoint(latitude: 5, longitude: 5), level: .borough)?.code == "T")
    }

    @Test("unreadable geometry names its territory")
    func unreadable() {
        #expect(throws: TerritoryIndex.GeometryError.unreadable(code: "X")) {
            try TerritoryIndex([
                Territory(
                    level: .borough, code: "X", name: "X", geometryJSON: #"{"type":"Point","coordinates":[1,2]}"#,
                    served: false)
            ])
        }
    }

    @Test(
        "coordinates outside the valid range are refused",
        arguments: [(91.0, 0.0), (-90.5, 0.0), (0.0, 180.5), (Double.nan, 0.0)])
    func range(_ latitude: Double, _ longitude: Double) {
        #expect(throws: GeoPoint.Problem.self) { try GeoPoint(latitude: latitude, longitude: longitude) }
    }
}

/// A plain even-odd ray cast over every edge, to check the banded index against.
enum Naive {
    static func rings(_ geometryJSON: String) -> [[[Double]]] {
        let object = try? JSONSerialization.jsonObject(with: Data(geometryJSON.utf8)) as? [String: Any]
        return (object?["coordinates"] as? [[[[Double]]]])?.flatMap { $0 } ?? []
    }

    static func contains(_ rings: [[[Double]]], _ point: GeoPoint) -> Bool {
        var inside = false
        let (x, y) = (point.longitude, point.latitude)
        for ring in rings {
            for index in ring.indices {
                let a = ring[index]
                let b = ring[(index + 1) % ring.count]
                if (a[1] > y) != (b[1] > y), x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]) { inside.toggle() }
            }
        }
        return inside
    }
}

/// A small seeded generator, so that the random sample is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
