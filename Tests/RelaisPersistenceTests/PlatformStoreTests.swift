import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import Testing

@Suite("The platform's other stores: territories, sign-in failures", .tags(.database))
struct PlatformStoreTests {
    static let square =
        #"{"type":"Polygon","coordinates":[[[-73.6,45.5],[-73.5,45.5],[-73.5,45.6],[-73.6,45.6],[-73.6,45.5]]]}"#

    @Test(
        "a territory saved again is replaced, not doubled; the served ones are set by code",
        arguments: TestDatabase.available)
    func territories(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store.territories
            try await store.save(
                Territory(level: .borough, code: "VM", name: "Ville-Marie", geometryJSON: Self.square, served: false))
            try await store.save(
                Territory(level: .borough, code: "PM", name: "Plateau", geometryJSON: Self.square, served: false))
            try await store.save(
                Territory(
                    level: .borough, code: "VM", name: "Ville-Marie (révisé)", geometryJSON: Self.square, served: false)
            )
            let saved = try await store.all(level: .borough)
            #expect(saved.map(\.code).sorted() == ["PM", "VM"])
            #expect(saved.first { $0.code == "VM" }?.name == "Ville-Marie (révisé)")
            let unknown = try await store.setServed(["VM", "XX"], level: .borough)
            #expect(unknown == ["XX"])
            #expect(try await store.all(level: .borough).filter(\.served).map(\.code) == ["VM"])
        }
    }

    @Test(
        "wrong secrets sent at once are each counted before any is checked: no more get through than the limit",
        arguments: TestDatabase.available)
    func attemptsAtOnce(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let throttle = SignInThrottle(maximumPerAccount: 5, maximumPerAddress: 50)
            let key = store.signInFailures.accountKey(for: "camille@emmis.example")
            // Seven at once, two more than the limit: enough to race, few enough that under the whole suite's load
            // none waits past the pool's request timeout for one of its four connections (twelve did, once).
            let decisions = try await withThrowingTaskGroup(of: SignInThrottle.Decision.self) { group in
                for _ in 0..<7 {
                    group.addTask {
                        try await store.signInFailures.attempt(
                            accountKey: key, address: "192.0.2.7", throttle: throttle)
                    }
                }
                return try await group.reduce(into: [SignInThrottle.Decision]()) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .allowed }.count == 5)
            try await store.signInFailures.clear(accountKey: key)
            #expect(
                try await store.signInFailures.attempt(accountKey: key, address: "192.0.2.7", throttle: throttle)
                    == .allowed)
        }
    }
}
