// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The Relais package is the parent folder; a path dependency is named after its folder, whatever the clone is called.
let relais = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

// Benchmarks live in their own package so that `swift build` of Relais does not build the harness.
// Run them with `cd Benchmarks && swift package benchmark` (see docs/PERFORMANCE.md).
let package = Package(
    name: "RelaisBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        /// Point → borough over the whole Montréal agglomeration (issue 3: ≤ 10 µs per lookup).
        .executableTarget(
            name: "TerritoryLookup",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "RelaisCore", package: relais),
            ],
            path: "Benchmarks/TerritoryLookup",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        /// "Have we met this person?" over 1,000,000 person records, on SQLite or PostgreSQL (issue 16: p99 ≤ 2 ms).
        .executableTarget(
            name: "PersonLookup",
            dependencies: [
                .product(name: "RelaisCore", package: relais),
                .product(name: "RelaisPersistence", package: relais),
            ],
            path: "Benchmarks/PersonLookup"
        ),
        /// Address suggestions over 500,000 address points, on SQLite or PostgreSQL (issue 17: p95 ≤ 20 ms).
        .executableTarget(
            name: "PlaceLookup",
            dependencies: [
                .product(name: "RelaisCore", package: relais),
                .product(name: "RelaisPersistence", package: relais),
            ],
            path: "Benchmarks/PlaceLookup"
        ),
    ]
)
