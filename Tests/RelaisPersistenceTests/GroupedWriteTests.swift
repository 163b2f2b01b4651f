import Foundation
import Logging
import NIOPosix
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import Testing

@Suite("Grouped writes", .tags(.database))
struct GroupedWriteTests {
    struct Boom: Error {}

    @Test(
        "writes sent at once share commits, yet one that fails undoes only its own rows",
        arguments: TestDatabase.available)
    func failureStaysAlone(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<30 {
                    group.addTask {
                        do {
                            try await store.groupedTransaction { tx -> Void in
                                try await tx.audit.append(
                                    AuditRecord(actor: nil, action: .signInFailed, resourceID: "w\(index)"))
                                if index == 7 { throw Boom() }
                            }
                            return (index, true)
                        } catch is Boom {
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { !$0.value }.map(\.key) == [7])
            let written = Set(try await store.audit.entries(.init(limit: 100)).compactMap(\.resourceID))
            #expect(written == Set((0..<30).filter { $0 != 7 }.map { "w\($0)" }))
            let chain = try await store.audit.verify()
            #expect(chain.brokenLink == nil)
            #expect(chain.checked == 29)
        }
    }

    @Test(
        "a grouped write that reads or writes through the database itself gets what it would alone",
        arguments: TestDatabase.available)
    func bodiesThatQuery(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            // The chain's end is now known: on PostgreSQL, later groups first try to be one statement.
            try await store.audit.append(AuditRecord(actor: nil, action: .signInFailed))
            let seen = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await store.groupedTransaction { tx in
                            let organisation = try await tx.accounts.createOrganisation(
                                name: "Groupe \(index)", kind: .agency)
                            try await tx.audit.append(
                                AuditRecord(
                                    actor: nil, action: .organisationCreated, resourceID: organisation.id.description))
                            return try await tx.accounts.organisations().count { $0.name.hasPrefix("Groupe") }
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            // Each body saw at least its own organisation, and the last to commit saw them all.
            #expect(seen.allSatisfy { $0 >= 1 })
            #expect(seen.max() == 12)
            let organisations = try await store.accounts.organisations().filter { $0.name.hasPrefix("Groupe") }
            #expect(organisations.count == 12)
            let chain = try await store.audit.verify()
            #expect(chain.brokenLink == nil)
            #expect(chain.checked == 13)
        }
    }
}

@Suite("Board notices in transactions", .tags(.database))
struct TransactionNoticeTests {
    struct Boom: Error {}

    @Test(
        "a notice sent inside a transaction leaves with its commit, and never when it rolls back",
        arguments: TestDatabase.postgresOnly)
    func noticesFollowCommits(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            guard case .postgres(let url) = tests.location else { return }
            let (committed, rolledBack, last) = (
                Organisation.ID(UUID()), Organisation.ID(UUID()), Organisation.ID(UUID())
            )
            let (notices, heard) = AsyncStream.makeStream(of: Organisation.ID.self)
            let (ready, connected) = AsyncStream.makeStream(of: Void.self)
            let listener = Task {
                await ChangeNotices.listenForBoardChanges(
                    url: url, eventLoop: MultiThreadedEventLoopGroup.singleton.any(),
                    logger: Logger(label: "relais.tests"),
                    onConnect: { connected.yield() }, onChange: { heard.yield($0) })
            }
            defer { listener.cancel() }
            for await _ in ready { break }

            let store = tests.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        try? await store.groupedTransaction { tx -> Void in
                            try await ChangeNotices.notifyBoardChanged(index == 7 ? rolledBack : committed, on: tx)
                            try await tx.audit.append(AuditRecord(actor: nil, action: .signInFailed))
                            if index == 7 { throw Boom() }
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await ChangeNotices.notifyBoardChanged(last, on: store)

            var received: [Organisation.ID] = []
            for await notice in notices {
                received.append(notice)
                if notice == last { break }
            }
            #expect(received.contains(committed))
            #expect(!received.contains(rolledBack))
        }
    }
}
