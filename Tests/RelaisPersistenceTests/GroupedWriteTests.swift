import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing

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
