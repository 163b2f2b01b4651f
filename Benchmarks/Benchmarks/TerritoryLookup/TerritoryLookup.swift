import Benchmark
import Foundation
import RelaisCore

/// The Montréal agglomeration's 34 boroughs and linked cities, from the shared data folder beside the project.
private let agglomeration = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("shared/data/geo/montreal-limites-administratives/limites-administratives-agglomeration.geojson")

/// 10,000 points spread over the agglomeration's bounding box (about 60 % fall inside a territory), fixed seed.
private func samplePoints() -> [GeoPoint] {
    var state: UInt64 = 20_261_123
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<10_000).map { _ in try! GeoPoint(latitude: 45.40 + 0.33 * next(), longitude: -73.98 + 0.51 * next()) }
}

let benchmarks: @Sendable () -> Void = {
    let territories = try! GeoJSONTerritories.read(
        Data(contentsOf: agglomeration), level: .borough, codeProperty: "ABREV", nameProperty: "NOM",
        served: ["VM", "SO", "PM", "MH"])
    let index = try! TerritoryIndex(territories)
    let points = samplePoints()

    Benchmark(
        "point → borough, Montréal agglomeration",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(5))
    ) { benchmark in
        var found = 0
        for iteration in benchmark.scaledIterations {
            if index.locate(points[iteration % points.count], level: .borough) != nil { found += 1 }
        }
        blackHole(found)
    }

    Benchmark(
        "baseline: the same loop without a lookup",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(2))
    ) { benchmark in
        var sum = 0.0
        for iteration in benchmark.scaledIterations { sum += points[iteration % points.count].latitude }
        blackHole(sum)
    }

    Benchmark(
        "index the Montréal agglomeration (34 areas, 26,480 vertices)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(5))
    ) { _ in
        blackHole(try! TerritoryIndex(territories))
    }
}
