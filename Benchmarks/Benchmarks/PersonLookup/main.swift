import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import RelaisCore
import RelaisPersistence
import SQLKit

// "Have we met this person?" over 1,000,000 person records (issue 16: p99 ≤ 2 ms on both engines).
//
// Builds a database of PERSONS (default 1,000,000) pseudonymous persons of one team, each with two blind indexes
// (full name with birth date, phone), through the same migrations and cipher as Relais; then times
// `PersonStore.find` — a miss (the usual answer: the index alone), and a hit (the index, then the record opened and
// its read audited in one transaction) — beside the raw engine answering `SELECT 1` on the same pool.
//   swift run -c release PersonLookup                          # SQLite file in a temporary folder
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/relais_bench swift run -c release PersonLookup

struct WallClock: RelaisCore.Clock {
    var now: Date { Date() }
}

let environment = ProcessInfo.processInfo.environment
let count = Int(environment["PERSONS"] ?? "") ?? 1_000_000
let samples = Int(environment["SAMPLES"] ?? "") ?? 5_000
let key = [UInt8](repeating: 3, count: 32)
let location: DatabaseLocation =
    environment["DATABASE_URL"].map { .postgres(url: $0) }
    ?? .sqliteFile(path: NSTemporaryDirectory() + "relais-persons-\(UUID().uuidString).sqlite")
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
let cipher = try FieldCipher(key: key)

let team = try await store.accounts.createOrganisation(name: "ÉSUP", kind: .policeService)
let worker = try await store.accounts.createUser(
    email: "worker@bench.example", displayName: "Bench", role: .policeSocialWorker, organisationID: team.id,
    passwordHash: "not-a-hash")
let reader = Reader(
    AccessPolicy([.platform, .psychosocialSupport]).actor(for: worker), for: .personFollowUp, requestID: "bench")

/// The identifiers of person `n` (deterministic).
func identifiers(_ n: Int) -> PersonIdentifiers {
    PersonIdentifiers(
        givenName: "Prénom\(n)", familyName: "Nom\(n % 50_000)",
        birthDate: String(format: "%04d-%02d-%02d", 1940 + n % 65, 1 + n % 12, 1 + n % 28),
        phone: String(format: "514%07d", n))
}

// Loading, in batches of 1,000 rows per statement inside transactions of 50,000.
let loadStart = ContinuousClock.now
let batch = 1_000
var next = 0
while next < count {
    let from = next
    let end = min(count, next + 50_000)
    try await database.transaction { tx in
        let tsql = tx as! any SQLDatabase
        var start = from
        while start < end {
            let stop = min(end, start + batch)
            var persons = SQLQueryString("INSERT INTO persons (id, organisation_id, programme, reference, identifiers_sealed, created_at) VALUES ")
            var keys = SQLQueryString("INSERT INTO identity_keys (blind, subject_id, subject_kind, programme, organisation_id, recorded_at) VALUES ")
            let now = Date()
            for n in start..<stop {
                let id = UUID()
                let person = identifiers(n)
                let sealed = cipher.seal(String(decoding: try JSONEncoder().encode(person), as: UTF8.self))
                let comma: SQLQueryString = n == start ? "" : ", "
                persons = persons + comma
                    + "(\(bind: id), \(bind: team.id.rawValue), 'esup', \(bind: "P-\(n)"), \(bind: sealed), \(bind: now))"
                for (index, personKey) in person.keys.enumerated() {
                    let separator: SQLQueryString = n == start && index == 0 ? "" : ", "
                    keys = keys + separator
                        + "(\(bind: cipher.blindIndex(personKey.indexed)), \(bind: id), 'person', 'esup', \(bind: team.id.rawValue), \(bind: now))"
                }
            }
            try await tsql.raw(persons).run()
            try await tsql.raw(keys).run()
            start = stop
        }
    }
    next = end
}
if location.engine == .postgres { try await sql.raw("ANALYZE").run() }
print("engine: \(location.engine == .postgres ? "PostgreSQL" : "SQLite"); \(count) persons loaded in \(ContinuousClock.now - loadStart)")

func measure(_ name: String, _ body: (Int) async throws -> Void) async throws {
    var times: [Duration] = []
    times.reserveCapacity(samples)
    for i in 0..<200 { try await body(i) }  // warm up
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
    print("\(name): p50 \(p(0.50)), p90 \(p(0.90)), p99 \(p(0.99)) (\(samples) samples)")
}

var random = SystemRandomNumberGenerator()
try await measure("reference, raw engine SELECT 1") { _ in _ = try await sql.raw("SELECT 1").all() }
// What a hit must also do: commit its audit entry durably, in the read's transaction.
try await database.transaction { tx in
    try await (tx as! any SQLDatabase).raw("CREATE TABLE IF NOT EXISTS bench_commits (n BIGINT)").run()
}
try await measure("reference, raw engine: one durable commit (an INSERT in a transaction)") { i in
    try await database.transaction { tx in
        try await (tx as! any SQLDatabase).raw("INSERT INTO bench_commits (n) VALUES (\(bind: i))").run()
    }
}
try await measure("have we met? a miss (name and birth date, phone)") { i in
    let stranger = PersonIdentifiers(
        givenName: "Inconnu\(i)", familyName: "Personne", birthDate: "1970-01-01", phone: String(format: "438%07d", i))
    let found = try await store.persons.find(stranger.keys, in: team.id, by: reader)
    precondition(found.isEmpty)
}
try await measure("have we met? a hit (the record opened, its read audited)") { _ in
    let n = Int.random(in: 0..<count, using: &random)
    let found = try await store.persons.find(identifiers(n).keys, in: team.id, by: reader)
    precondition(found.count == 1)
}
await databases.shutdownAsync()
if case .sqliteFile(let path) = location {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
