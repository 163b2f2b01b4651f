import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Live board over WebSocket", .tags(.web, .database))
struct LiveBoardTests {
    /// Signs a dispatcher in with a cookie session (as the board page does) and gives an API client too.
    func dispatcher(_ app: Application) async throws -> (browser: TestBrowser, client: APIClient) {
        let account = try await app.makeAccount(role: .dispatcher)
        let browser = TestBrowser(app)
        try await browser.signIn(email: account.user.email, password: account.password)
        return (browser, APIClient(app, token: try await app.makeToken(for: account.user)))
    }

    func requests(_ board: [String: Any]) -> [[String: Any]] { board["requests"] as? [[String: Any]] ?? [] }

    @Test("a board gets the current board on connecting, then every change as it happens")
    func pushes() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let (browser, client) = try await dispatcher(app)
            let port = try await app.startServer()
            let board = try await BoardClient.connect(port: port, cookies: browser.cookieHeader, on: app.eventLoopGroup)
            let initial = await board.next()
            #expect(initial.map(requests)?.isEmpty == true)

            _ = try await client.post("/api/v1/service-requests", json: intakeJSON())
            // The delivery time itself is measured by Benchmarks/load/board.sh; here the margin allows for tests
            // running in parallel on a busy machine.
            let changed = await board.next(within: .seconds(3)) { !requests($0).isEmpty }
            #expect(changed != nil, "no update pushed")
            #expect(changed.map(requests)?.first?["situation"] as? String == "conflict_between_people")
            // the board carries no personal information
            #expect(changed.map { "\($0)" }?.contains("Tremblay") == false)

            // a redirected call (weapon) does not reach the board
            _ = try await client.post("/api/v1/service-requests", json: intakeJSON(weapon: true))
            let afterWeapon = await board.next(within: .milliseconds(500)) { requests($0).count > 1 }
            #expect(afterWeapon == nil)

            await board.close()
            await app.server.shutdown()
        }
    }

    @Test("a board that reconnects catches up with what changed meanwhile")
    func catchesUp() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let (browser, client) = try await dispatcher(app)
            let port = try await app.startServer()
            let first = try await BoardClient.connect(port: port, cookies: browser.cookieHeader, on: app.eventLoopGroup)
            _ = await first.next()
            await first.close()
            _ = try await client.post("/api/v1/service-requests", json: intakeJSON())
            let again = try await BoardClient.connect(port: port, cookies: browser.cookieHeader, on: app.eventLoopGroup)
            let caughtUp = await again.next()
            #expect(caughtUp.map(requests)?.count == 1)
            await again.close()
            await app.server.shutdown()
        }
    }

    @Test("the board's socket refuses a visitor who is not signed in, or a role without access")
    func refusals() async throws {
        try await withRelaisApp { app in
            let port = try await app.startServer()
            await #expect(throws: (any Error).self) {
                _ = try await BoardClient.connect(port: port, cookies: "", on: app.eventLoopGroup)
            }
            let analyst = try await app.makeAccount(role: .analyst)
            let browser = TestBrowser(app)
            try await browser.signIn(email: analyst.user.email, password: analyst.password)
            await #expect(throws: (any Error).self) {
                _ = try await BoardClient.connect(port: port, cookies: browser.cookieHeader, on: app.eventLoopGroup)
            }
            await app.server.shutdown()
        }
    }

    @Test(
        "with PostgreSQL, a change made on one instance reaches boards connected to another",
        arguments: TestDatabase.postgresOnly)
    func acrossInstances(_ engine: TestDatabase) async throws {
        try await withRelaisInstances(engine, count: 2) { apps in
            let (one, two) = (apps[0], apps[1])
            try await one.importDemoBoroughs()
            let (browser, _) = try await dispatcher(one)
            let portTwo = try await two.startServer()
            _ = try await one.startServer()
            let board = try await BoardClient.connect(
                port: portTwo, cookies: browser.cookieHeader, on: two.eventLoopGroup)
            _ = await board.next()
            // a moment for instance two's LISTEN connection
            try await Task.sleep(for: .milliseconds(300))
            let account = try await one.makeAccount(role: .dispatcher)
            let client = APIClient(one, token: try await one.makeToken(for: account.user))
            _ = try await client.post("/api/v1/service-requests", json: intakeJSON())
            let changed = await board.next(within: .seconds(3)) { !requests($0).isEmpty }
            #expect(changed != nil, "instance two's board did not hear instance one's change")
            await board.close()
            await one.server.shutdown()
            await two.server.shutdown()
        }
    }
}
