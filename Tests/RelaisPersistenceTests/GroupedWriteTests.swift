import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("Grouped writes", .tags(.database))
struct GroupedWriteTests {
    struct Boom: Error {}

    @Test(
        "writes sent at once share commits, yet one that fails undoes only its own rows",
        arguments: TestDatabase.available)
    func failureStaysAlone(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let store = app.store
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
}

@Suite("Board notices in transactions", .tags(.database))
struct TransactionNoticeTests {
    struct Boom: Error {}

    @Test(
        "a notice sent inside a transaction leaves with its commit, and never when it rolls back",
        arguments: TestDatabase.postgresOnly)
    func noticesFollowCommits(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            guard case .postgres(let url) = app.relais.config.database else { return }
            let (committed, rolledBack, last) = (
                Organisation.ID(UUID()), Organisation.ID(UUID()), Organisation.ID(UUID())
            )
            let (notices, heard) = AsyncStream.makeStream(of: Organisation.ID.self)
            let (ready, connected) = AsyncStream.makeStream(of: Void.self)
            let listener = Task {
                await ChangeNotices.listenForBoardChanges(
                    url: url, eventLoop: app.eventLoopGroup.any(), logger: app.logger,
                    onConnect: { connected.yield() }, onChange: { heard.yield($0) })
            }
            defer { listener.cancel() }
            for await _ in ready { break }

            let store = app.store
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
