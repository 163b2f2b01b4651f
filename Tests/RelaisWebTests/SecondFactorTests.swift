import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("TOTP second factor", .tags(.web, .database))
struct SecondFactorTests {
    /// The secret shown on the set-up page, read back the way a person would type it.
    func secret(from page: BrowserResponse) throws -> [UInt8] {
        let match = try #require(page.text.firstMatch(of: try Regex(#"data-testid="totp-secret">([A-Z2-7 ]+)<"#)))
        return try #require(Base32.decode(String(match.output[1].substring ?? "")))
    }

    @Test(
        "set up a second factor, then sign in with password and a code that works once",
        arguments: TestDatabase.available)
    func fullFlow(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withRelaisApp(engine, options: .init(clock: clock)) { app in
            let account = try await app.makeAccount(role: .policeSocialWorker)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let totp = TOTP(secret: try secret(from: try await browser.get("/compte/second-facteur")))

            let wrong = try await browser.post("/compte/second-facteur", form: ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity)
            let enabled = try await browser.post(
                "/compte/second-facteur", form: ["code": totp.code(forStep: totp.step(at: clock.now))])
            #expect(enabled.location == "/compte?avis=second_factor_enabled")
            #expect(try await app.store.audit.entries(.init(action: .secondFactorEnabled)).count == 1)

            clock.advance(by: 60)
            let other = TestBrowser(app)
            let password = try await other.signIn(email: account.user.email, password: account.password)
            #expect(password.location == "/connexion/code")
            #expect(try await other.get("/").status == .seeOther, "the password alone does not sign in")

            let badCode = try await other.post("/connexion/code", form: ["code": "123456"])
            #expect(badCode.status == .unauthorized)
            #expect(badCode.text.contains("Ce code est incorrect ou a déjà servi."))
            let code = totp.code(forStep: totp.step(at: clock.now))
            let signedIn = try await other.post("/connexion/code", form: ["code": code])
            #expect(signedIn.location == "/")
            #expect(try await other.get("/").status == .ok)

            let third = TestBrowser(app)
            try await third.signIn(email: account.user.email, password: account.password)
            let replay = try await third.post("/connexion/code", form: ["code": code])
            #expect(replay.status == .unauthorized, "a code works once")
            #expect(try await app.store.audit.entries(.init(action: .secondFactorFailed)).count == 2)
        }
    }

    @Test("when the deployment requires it, a role that reads personal information must set it up first")
    func required() async throws {
        try await withRelaisApp(options: .init(requireSecondFactor: true)) { app in
            let worker = try await app.makeAccount(role: .mobileWorker)
            let browser = TestBrowser(app)
            try await browser.signIn(email: worker.user.email, password: worker.password)
            let home = try await browser.get("/")
            #expect(home.location == "/compte/second-facteur")
            #expect(try await browser.get("/compte/second-facteur").status == .ok)

            let analyst = try await app.makeAccount(role: .analyst)
            let other = TestBrowser(app)
            try await other.signIn(email: analyst.user.email, password: analyst.password)
            #expect(try await other.get("/").status == .ok, "analysts read no personal information")
        }
    }
}
