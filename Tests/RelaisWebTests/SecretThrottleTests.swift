import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// Guessing a secret in parallel: each attempt is counted before its secret is checked, atomically on both engines.
@Suite("Throttling every secret, in parallel too", .tags(.web, .database))
struct SecretThrottleTests {
    @Test(
        "24 wrong passwords at once: five are checked, the others wait, and so does the right one after them",
        arguments: TestDatabase.available)
    func parallelSignIns(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await TestBrowser(app).signIn(email: account.user.email, password: "wrong \(index)").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // At most five passwords checked; the others wait (429), or, on a machine too busy to take them all in
            // time, are told to come back (503): none is checked past the limit.
            let maximum = app.relais.throttle.maximumPerAccount
            let checked = statuses.filter { $0 == .unauthorized }.count
            #expect((1...maximum).contains(checked), "\(statuses)")
            #expect(statuses.allSatisfy { [.unauthorized, .tooManyRequests, .serviceUnavailable].contains($0) })
            #expect(try await app.store.audit.entries(.init(action: .signInFailed, limit: 100)).count == checked)
            let right = TestBrowser(app)
            #expect(
                try await right.signIn(email: account.user.email, password: account.password).status == .tooManyRequests
            )
            #expect(right.cookie("relais_session") == nil)
        }
    }

    @Test("removing the second factor and changing the password are throttled like sign-in")
    func otherSecrets() async throws {
        let clock = TestClock()
        try await withRelaisApp(options: .init(clock: clock)) { app in
            let account = try await app.makeAccount(role: .analyst)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let page = try await browser.get("/compte/second-facteur")
            let match = try #require(page.text.firstMatch(of: try Regex(#"data-testid="totp-secret">([A-Z2-7 ]+)<"#)))
            let totp = TOTP(secret: try #require(Base32.decode(String(match.output[1].substring ?? ""))))
            _ = try await browser.post(
                "/compte/second-facteur", form: ["code": totp.code(forStep: totp.step(at: clock.now))])
            clock.advance(by: 60)

            var statuses: [HTTPStatus] = []
            for guess in 0..<8 {
                statuses.append(
                    try await browser.post(
                        "/compte/second-facteur/retrait", form: ["code": String(format: "%06d", guess)]
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unprocessableEntity })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
            let right = try await browser.post(
                "/compte/second-facteur/retrait", form: ["code": totp.code(forStep: totp.step(at: clock.now))])
            #expect(right.status == .tooManyRequests)
            #expect(right.headers.first(name: .retryAfter) != nil)
            #expect(right.text.contains("Trop de tentatives échouées"))
            #expect(try await app.store.accounts.secondFactor(for: account.user.id)?.confirmed == true)
            let password = try await browser.post(
                "/compte/mot-de-passe",
                form: [
                    "current": account.password, "new": "une toute nouvelle phrase de passe",
                    "confirmation": "une toute nouvelle phrase de passe",
                ])
            #expect(password.status == .tooManyRequests)

            clock.advance(by: app.relais.throttle.window + 1)
            let later = try await browser.post(
                "/compte/second-facteur/retrait", form: ["code": totp.code(forStep: totp.step(at: clock.now))])
            #expect(later.location == "/compte?avis=second_factor_removed")
        }
    }

    @Test("40 wrong sign-ins at once from one address: no server error, only refusals and waits")
    func manyAtOnce() async throws {
        try await withRelaisApp { app in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await TestBrowser(app).signIn(email: "nobody\(index)@test.example", password: "guess")
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { [.unauthorized, .tooManyRequests, .serviceUnavailable].contains($0) })
            #expect(statuses.filter { $0 == .unauthorized }.count <= app.relais.throttle.maximumPerAddress)
        }
    }

    @Test("past its queue, password work is refused at once with 503 and Retry-After, never a 500")
    func overload() async throws {
        /// As slow as bcrypt at the deployment's cost, without the CPU.
        struct SlowHasher: PasswordHasher {
            func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
                Thread.sleep(forTimeInterval: 0.05)
                return Array(password)
            }
            func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest)
                throws -> Bool
            {
                Thread.sleep(forTimeInterval: 0.05)
                return Array(password) == Array(digest)
            }
        }
        let work = PasswordWork(hasher: SlowHasher(), threads: 1, maximumWaiting: 2)
        let digest = try await work.hash("correct horse battery staple")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask { (try? await work.verify("wrong", created: digest)) != nil }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.contains(false) && outcomes.contains(true))
        try await work.shutdown()

        try await withRelaisApp { app in
            app.on(.GET, "occupe", access: .public) { _ -> String in throw ServiceOverloaded(retryAfter: 2) }
            app.on(.GET, "api", "v1", "occupe", access: .public) { _ -> String in
                throw ConnectionPoolTimeoutError.connectionRequestTimeout
            }
            let page = try await TestBrowser(app).get("/occupe")
            #expect(page.status == .serviceUnavailable)
            #expect(page.headers.first(name: .retryAfter) == "2")
            #expect(page.text.contains("très sollicité"))
            let api = try await TestBrowser(app).get("/api/v1/occupe")
            #expect(api.status == .serviceUnavailable)
            #expect(try api.json()["code"] as? String == "overloaded")
        }
    }
}
