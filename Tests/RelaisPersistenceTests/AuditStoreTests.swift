import Fluent
import FluentPostgresDriver
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Audit store", .tags(.database))
struct AuditStoreTests {
    struct Boom: Error {}

    @Test(
        "another process appends between and beside the server's entries: the chain stays whole",
        arguments: TestDatabase.available)
    func anotherWriter(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let server = tests.store
            // A `relais` command run beside the server: same database, stores of its own.
            let command = StoreEnvironment(
                engine: server.engine, cipher: try FieldCipher(key: testEncryptionKey),
                auditChain: AuditChain(deploymentKey: testEncryptionKey),
                clock: TestClock()
            )
            .store(on: tests.database)
            try await server.audit.append(AuditRecord(actor: nil, action: .signInFailed, resourceID: "server 1"))
            try await command.audit.append(AuditRecord(actor: nil, action: .signInFailed, resourceID: "command"))
            // A change and its entry in one plain transaction (as a sign-in), then a grouped append.
            try await server.transaction { tx -> Void in
                try await tx.audit.append(AuditRecord(actor: nil, action: .signInFailed, resourceID: "server 2"))
            }
            try await command.audit.append(AuditRecord(actor: nil, action: .signInFailed, resourceID: "command 2"))
            try await server.audit.append(AuditRecord(actor: nil, action: .signInFailed, resourceID: "server 3"))

            let entries = try await server.audit.entries(AuditStore.Filter())
            #expect(entries.map(\.resourceID) == ["server 3", "command 2", "server 2", "command", "server 1"])

            // Both at once: two instances of the server on PostgreSQL; on SQLite, a command writing while the server
            // does (each waits for SQLite's write lock rather than fail with "database is locked").
            let atOnce = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<atOnce {
                    let store = index.isMultiple(of: 2) ? server : command
                    group.addTask {
                        try await store.audit.append(
                            AuditRecord(actor: nil, action: .signInFailed, resourceID: "at once \(index)"))
                    }
                }
                try await group.waitForAll()
            }
            let chain = try await server.audit.verify()
            #expect(chain.brokenLink == nil)
            #expect(chain.checked == 5 + atOnce)
        }
    }

    @Test(
        "a group's check of the chain's end holds the chain's lock until its commit and refuses an end that moved",
        arguments: TestDatabase.postgresOnly)
    func chainCheck(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let sql = try #require(tests.database as? any SQLDatabase)
            let end = try await tests.store.audit.append(AuditRecord(actor: nil, action: .signInFailed))
            let lockKey = 0x5245_4C41_4953  // "RELAIS", migration 0016
            try await tests.database.transaction { tx in
                let check = try #require(
                    try await (tx as! any SQLDatabase)
                        .raw("SELECT relais_audit_chain_continues(\(bind: end.sequence), \(bind: end.hash)) AS link")
                        .first())
                #expect(try check.decode(column: "link", as: String.self) == end.hash)
                // Another connection (another instance's writer) cannot take the lock meanwhile.
                let other = try #require(
                    try await sql.raw("SELECT pg_try_advisory_lock(\(unsafeRaw: String(lockKey))) AS taken").first())
                #expect(try other.decode(column: "taken", as: Bool.self) == false)
            }

            let otherHash = (end.hash.first == "0" ? "1" : "0") + end.hash.dropFirst()
            for (sequence, hash) in [(end.sequence - 1, end.previousHash), (end.sequence, otherHash)] {
                let error = await #expect(throws: PSQLError.self) {
                    try await sql.raw("SELECT relais_audit_chain_continues(\(bind: sequence), \(bind: hash))").run()
                }
                #expect(error?.serverInfo?[.sqlState] == "40001")  // serialization_failure
            }
        }
    }

    @Test(
        "an entry written in a transaction that fails is rolled back with the change", arguments: TestDatabase.available
    )
    func sameTransaction(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            await #expect(throws: Boom.self) {
                // `-> Void` is spelled out: a body that always throws would otherwise be inferred as returning
                // `Never`, and that generic path crashes after the rollback with Swift 6.3.1.
                try await tests.store.transaction { tx -> Void in
                    _ = try await tx.accounts.createOrganisation(name: "Rolled back", kind: .agency)
                    try await tx.audit.append(AuditRecord(actor: nil, action: .organisationCreated))
                    throw Boom()
                }
            }
            let entries = try await tests.store.audit.entries(AuditStore.Filter())
            let organisation = try await tests.store.accounts.organisation(named: "Rolled back")
            #expect(entries.isEmpty)
            #expect(organisation == nil)
        }
    }

    @Test("concurrent appends form one chain with no gap or fork", arguments: TestDatabase.available)
    func concurrentAppends(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await tests.store.audit.append(
                            AuditRecord(actor: nil, action: .signInFailed, outcome: .failure, resourceID: "r\(index)"))
                    }
                }
                try await group.waitForAll()
            }
            let result = try await tests.store.audit.verify(pageSize: 5)
            #expect(result.brokenLink == nil)
            #expect(result.checked == 24)
        }
    }

    @Test("an entry edited in the database is found by verification", arguments: TestDatabase.available)
    func tamperDetected(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            for index in 0..<5 {
                try await tests.store.audit.append(AuditRecord(actor: nil, action: .signIn, resourceID: "r\(index)"))
            }
            let sql = try #require(tests.database as? any SQLDatabase)
            try await sql.update("audit_events").set("purpose", to: "rewritten").where("sequence", .equal, 3).run()
            let result = try await tests.store.audit.verify()
            #expect(result.brokenLink == AuditChain.BrokenLink(sequence: 3, reason: .contentChanged))
            #expect(result.checked == 2)
        }
    }

    @Test("entries filter by action and outcome and page backwards", arguments: TestDatabase.available)
    func filters(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            for index in 0..<6 {
                try await tests.store.audit.append(
                    AuditRecord(
                        actor: nil, action: index.isMultiple(of: 2) ? .signIn : .signInFailed,
                        outcome: index.isMultiple(of: 2) ? .success : .failure))
            }
            let failures = try await tests.store.audit.entries(.init(action: .signInFailed))
            #expect(failures.map(\.sequence) == [6, 4, 2])
            let page = try await tests.store.audit.entries(.init(beforeSequence: 4, limit: 2))
            #expect(page.map(\.sequence) == [3, 2])
        }
    }
}
