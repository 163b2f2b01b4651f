import Fluent
import RelaisCore
import RelaisStoreTestSupport
import SQLKit
import Testing

@testable import RelaisPersistence

/// The audit chain against someone who can write the database but does not hold the deployment key.
@Suite("Audit chain: keyed, anchored, rekeyed", .tags(.database))
struct AuditChainKeyTests {
    func appendFive(_ tests: TestStores) async throws {
        for index in 0..<5 {
            try await tests.store.audit.append(AuditRecord(actor: nil, action: .signIn, resourceID: "r\(index)"))
        }
    }

    func entries(_ tests: TestStores) async throws -> [AuditEntry] {
        try await tests.store.audit.entries(.init(limit: 100)).reversed()
    }

    @Test(
        "a row edited and every later hash recomputed without the key is found; so is a cut once anchored",
        arguments: TestDatabase.available)
    func rewriteAndTruncation(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            try await appendFive(tests)
            let sql = try #require(tests.database as? any SQLDatabase)
            let clean = try await tests.store.audit.verify()
            #expect(clean.brokenLink == nil && clean.checked == 5)
            let anchor = try #require(clean.head)
            #expect(anchor.sequence == 5)

            // truncation: the last two rows removed; the shorter chain holds, the anchor does not
            try await sql.delete(from: "audit_events").where("sequence", .greaterThan, 3).run()
            #expect(try await tests.store.audit.verify().brokenLink == nil)
            let cut = try await tests.store.audit.verify(anchors: [anchor])
            #expect(cut.brokenLink == .init(sequence: 5, reason: .anchorMissing))

            // rewrite and rehash with the algorithm in the open but without the key
            var rewritten = try await entries(tests)
            rewritten[1].resourceID = "someone else"
            for index in 1..<rewritten.count {
                rewritten[index].previousHash = rewritten[index - 1].hash
                rewritten[index].hash = AuditChain.unkeyed.hash(of: rewritten[index])
                try await sql.update("audit_events").set("resource_id", to: rewritten[index].resourceID)
                    .set("previous_hash", to: rewritten[index].previousHash).set("hash", to: rewritten[index].hash)
                    .where("sequence", .equal, rewritten[index].sequence).run()
            }
            let result = try await tests.store.audit.verify()
            #expect(result.brokenLink == .init(sequence: 2, reason: .contentChanged))
        }
    }

    @Test("a log written before the chain was keyed is checked, then rekeyed; a broken one stops the step")
    func rekeyOldLog() async throws {
        try await withStore { tests in
            try await appendFive(tests)
            let keyed = AuditChain(deploymentKey: testEncryptionKey)
            // the log as an earlier version wrote it
            try await tests.store.audit.rekey(from: keyed, to: .unkeyed)
            #expect(try await tests.store.audit.verify().brokenLink != nil)
            try await tests.store.audit.rekey(from: .unkeyed, to: keyed)
            #expect(try await tests.store.audit.verify().brokenLink == nil)
            try await tests.store.audit.append(AuditRecord(actor: nil, action: .signOut))
            #expect(try await tests.store.audit.verify().checked == 6)

            try await tests.store.audit.rekey(from: keyed, to: .unkeyed)
            let sql = try #require(tests.database as? any SQLDatabase)
            try await sql.update("audit_events").set("purpose", to: "edited").where("sequence", .equal, 2).run()
            await #expect(throws: AuditLogBroken.self) { try await tests.store.audit.rekey(from: .unkeyed, to: keyed) }
            #expect(try await entries(tests)[2].hash == AuditChain.unkeyed.hash(of: try await entries(tests)[2]))
        }
    }
}
