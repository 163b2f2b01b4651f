import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import RelaisCore
import RelaisPersistence
import SQLKit

// Address suggestions as a dispatcher types, over 500,000 address points (issue 17: p95 ≤ 20 ms on both engines).
//
// Loads ADDRESSES (default 500,000) generated address points on real street names (the demo's OpenStreetMap streets
// of Le Plateau-Mont-Royal and the STM's corner names, from Resources/Demo) with the demo's corners and landmarks,
// through the same migrations and import as `relais addresses import`; then times what `GET /api/v1/places` does
// per keystroke — the import generation checked, the catalogue searched in memory, the civic numbers read — for a
// civic address (a third of them with a typo), a corner and a landmark, beside the raw engine's `SELECT 1`.
//   swift run -c release PlaceLookup                          # SQLite file in a temporary folder
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench swift run -c release PlaceLookup

struct WallClock: RelaisCore.Clock {
    var now: Date { Date() }
}

let environment = ProcessInfo.processInfo.environment
let count = Int(environment["ADDRESSES"] ?? "") ?? 500_000
let samples = Int(environment["SAMPLES"] ?? "") ?? 3_000
let key = [UInt8](repeating: 3, count: 32)
let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Resources/Demo")
let location: DatabaseLocation =
    environment["DATABASE_URL"].map { .postgres(url: $0) }
    ?? .sqliteFile(path: NSTemporaryDirectory() + "relais-places-\(UUID().uuidString).sqlite")
var logger = Logger(label: "relais.bench")
logger.logLevel = .warning
let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
databases.use(try location.configuration(), as: DatabaseID(string: "bench"), isDefault: true)
let stores = StoreEnvironment(
    engine: location.engine, cipher: try FieldCipher(key: key), auditChain: AuditChain(deploymentKey: key),
    clock: WallClock())
let migrations = Migrations()
migrations.add(RelaisMigrations.all(stores: stores))
let migrator = Migrator(
    databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
let database = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
let store = stores.store(on: database)
let sql = database as! any SQLDatabase

// The demo's places, then the generated addresses on their street names.
let stops = try PlaceFiles.stops(gtfs: String(contentsOf: demo.appendingPathComponent("stm-stops-emmis.txt"), encoding: .utf8))
let lines = try PlaceFiles.streets(
    geoJSON: Data(contentsOf: demo.appendingPathComponent("osm-streets-plateau.geojson")), nameProperty: "name")
let landmarks = try PlaceFiles.landmarks(
    geoJSON: Data(contentsOf: demo.appendingPathComponent("montreal-landmarks-emmis.geojson")), nameProperty: "name",
    kind: .place)
var names: [String: String] = [:]
for name in lines.map(\.name) + stops.corners.flatMap({ [$0.first, $0.second] }) {
    names[PlaceText.streetKey(name)] = names[PlaceText.streetKey(name)] ?? name
}
let streets = names.values.sorted()
var generator = SystemRandomNumberGenerator()
let loadStart = ContinuousClock.now
var points: [AddressPoint] = []
points.reserveCapacity(count)
for n in 0..<count {
    let street = streets[n % streets.count]
    let number = 2 * (n / streets.count) + 1 + (n % 2)
    points.append(
        AddressPoint(
            id: "A\(n)", number: "\(number)", street: street, city: "Montréal",
            point: try GeoPoint(
                latitude: Double.random(in: 45.45...45.58, using: &generator),
                longitude: Double.random(in: -73.65 ... -73.50, using: &generator))))
}
try await store.transaction { tx in
    try await tx.places.replaceAddresses(points, source: "bench")
    try await tx.places.replaceCorners(stops.corners, source: "stops")
    try await tx.places.replaceLandmarks(stops.landmarks + landmarks, source: "landmarks")
    try await tx.places.replaceStreetLines(lines, source: "streets")
}
if location.engine == .postgres { try await sql.raw("ANALYZE").run() }
let catalogue = try await store.places.catalogue()
print(
    "engine: \(location.engine == .postgres ? "PostgreSQL" : "SQLite"); \(count) address points on \(streets.count) streets, "
        + "\(catalogue.cornerCount) corners, \(catalogue.landmarkCount) landmarks loaded in \(ContinuousClock.now - loadStart)")

func measure(_ name: String, _ body: (Int) async throws -> Void) async throws {
    var times: [Duration] = []
    times.reserveCapacity(samples)
    for i in 0..<100 { try await body(i) }  // warm up
    for i in 0..<samples {
        let start = ContinuousClock.now
        try await body(i)
        times.append(ContinuousClock.now - start)
    }
    times.sort()
    func p(_ q: Double) -> String {
        let value = times[min(times.count - 1, Int((q * Double(times.count)).rounded(.up)) - 1)]
        let microseconds = Double(value.components.seconds) * 1e6 + Double(value.components.attoseconds) / 1e12
        return String(format: "%.3f ms", microseconds / 1_000)
    }
    print("\(name): p50 \(p(0.50)), p95 \(p(0.95)), p99 \(p(0.99)) (\(samples) samples)")
}

/// What the lookup does per keystroke (``PlaceLookup/suggest``): the generation, then the suggestions.
func suggest(_ text: String) async throws -> [PlaceCandidate] {
    _ = try await store.places.generation()
    return try await store.places.suggest(PlaceQuery(text), in: catalogue, limit: 8)
}

/// A name with one letter doubled (a typo the lookup forgives).
func typo(_ name: String) -> String {
    guard name.count > 6 else { return name }
    let index = name.index(name.startIndex, offsetBy: name.count / 2)
    return String(name[..<index]) + String(name[index]) + String(name[index...])
}

let corners = stops.corners
var missed: [String] = []
try await measure("reference, raw engine SELECT 1") { _ in _ = try await sql.raw("SELECT 1").all() }
try await measure("a civic address (\"1033 rue Rachel Est\"; one in three with a typo)") { i in
    let n = Int.random(in: 0..<count, using: &generator)
    let street = i % 3 == 0 ? typo(points[n].street) : points[n].street
    let found = try await suggest("\(points[n].number) \(street)")
    if !found.contains(where: { $0.label.hasPrefix(points[n].number + " ") }) { missed.append("\(points[n].number) \(street)") }
}
print("civic addresses not found: \(missed.count) of \(samples + 100)\(missed.isEmpty ? "" : " (\(missed.prefix(5).joined(separator: "; ")))")")
try await measure("a corner (\"coin Berri et Ontario\")") { i in
    let corner = corners[i % corners.count]
    _ = try await suggest("coin \(corner.first) et \(corner.second)")
}
try await measure("a landmark (\"métro Berri-UQAM\")") { i in
    _ = try await suggest(landmarks[i % landmarks.count].name)
}
await databases.shutdownAsync()
if case .sqliteFile(let path) = location {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
