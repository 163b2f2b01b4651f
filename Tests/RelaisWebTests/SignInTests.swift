import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("Signing in and out", .tags(.web, .database))
struct SignInTests {
    @Test("a wrong password is refused in French, opens no session and is audited", arguments: TestDatabase.available)
    func wrongPassword(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            let response = try await browser.signIn(email: account.user.email, password: "not the password at all")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Adresse courriel ou mot de passe incorrect."))
            #expect(browser.cookie("relais_session") == nil)
            let failures = try await app.store.audit.entries(.init(action: .signInFailed))
            #expect(failures.first?.resourceID == account.user.id.description)
        }
    }

    @Test("an unknown e-mail gets the same answer as a wrong password")
    func unknownEmail() async throws {
        try await withRelaisApp { app in
            let response = try await TestBrowser(app).signIn(
                email: "nobody@test.example", password: "whatever it is here")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Adresse courriel ou mot de passe incorrect."))
        }
    }

    @Test("empty fields are named, with 422, and nothing is written")
    func emptyFields() async throws {
        try await withRelaisApp { app in
            let browser = TestBrowser(app)
            _ = try await browser.get("/connexion")
            let response = try await browser.post("/connexion", form: ["email": "", "password": ""])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Entrez votre adresse courriel."))
            #expect(response.text.contains("Entrez votre mot de passe."))
            #expect(try await app.store.audit.entries(.init()).isEmpty)
        }
    }

    @Test(
        "the right password opens a session with a safe cookie and lands on the home page",
        arguments: TestDatabase.available)
    func signIn(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            let response = try await browser.signIn(email: account.user.email, password: account.password)
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.setCookie("relais_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Bonjour, Test dispatcher"))
            #expect(try await app.store.audit.entries(.init(action: .signIn)).count == 1)
        }
    }

    @Test("behind HTTPS the cookies are Secure")
    func secureCookies() async throws {
        try await withRelaisApp(options: .init(publicURL: URL(string: "https://relais.example")!)) { app in
            let account = try await app.makeAccount(role: .analyst)
            let response = try await TestBrowser(app).signIn(email: account.user.email, password: account.password)
            #expect(response.setCookie("relais_session")?.contains("Secure") == true)
        }
    }

    @Test("signing in gives a new session id: a token planted before is worthless")
    func rotation() async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let first = try #require(browser.cookie("relais_session"))
            try await browser.signIn(email: account.user.email, password: account.password)
            let second = try #require(browser.cookie("relais_session"))
            #expect(first != second)
            #expect(try await app.store.sessions.find(token: first) == nil)
        }
    }

    @Test(
        "a form without its anti-forgery token is refused, audited, and signs nobody in",
        arguments: TestDatabase.available)
    func csrf(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            _ = try await browser.get("/connexion")
            let response = try await browser.post(
                "/connexion", form: ["email": account.user.email, "password": account.password], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Le formulaire a expiré"))
            #expect(browser.cookie("relais_session") == nil)
            #expect(try await app.store.audit.entries(.init(action: .csrfRejected)).count == 1)
        }
    }

    @Test(
        "after five failures the account is throttled, even with the right password", arguments: TestDatabase.available)
    func throttle(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withRelaisApp(engine, options: .init(clock: clock)) { app in
            let account = try await app.makeAccount(role: .mobileWorker)
            let browser = TestBrowser(app)
            for _ in 0..<5 {
                let failed = try await browser.signIn(email: account.user.email, password: "wrong password number")
                #expect(failed.status == .unauthorized)
            }
            let blocked = try await browser.signIn(email: account.user.email, password: account.password)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Trop de tentatives échouées. Réessayez dans 15 minute(s)."))
            #expect(blocked.headers.first(name: .retryAfter) != nil)
            #expect(browser.cookie("relais_session") == nil)
            #expect(try await app.store.audit.entries(.init(action: .signInThrottled)).count == 1)

            clock.advance(by: 15 * 60 + 1)
            let later = try await browser.signIn(email: account.user.email, password: account.password)
            #expect(later.status == .seeOther)
        }
    }

    @Test("after 30 idle minutes the session ends and the sign-in page says so")
    func idleExpiry() async throws {
        let clock = TestClock()
        try await withRelaisApp(options: .init(clock: clock)) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            clock.advance(by: 29 * 60)
            #expect(try await browser.get("/").status == .ok)
            clock.advance(by: 30 * 60)
            let expired = try await browser.get("/compte")
            #expect(expired.status == .seeOther)
            #expect(expired.location == "/connexion?suite=/compte&avis=session_expired")
            let page = try await browser.get(try #require(expired.location))
            #expect(page.text.contains("Votre session a expiré."))
        }
    }

    @Test("12 hours after sign-in the session ends even if used all along")
    func absoluteExpiry() async throws {
        let clock = TestClock()
        try await withRelaisApp(options: .init(clock: clock)) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            for _ in 0..<25 {  // 25 × 29 min = 12 h 5 min
                clock.advance(by: 29 * 60)
                _ = try await browser.get("/")
            }
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("signing out closes the session on the server and is audited", arguments: TestDatabase.available)
    func signOut(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let token = try #require(browser.cookie("relais_session"))
            let response = try await browser.post("/deconnexion", form: [:])
            #expect(response.location == "/connexion?avis=signed_out")
            #expect(try await app.store.sessions.find(token: token) == nil)
            browser.setCookie("relais_session", token)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await app.store.audit.entries(.init(action: .signOut)).count == 1)
        }
    }

    @Test("the language switch is remembered for the user and survives sign-out and sign-in")
    func language() async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            _ = try await browser.post("/langue", form: ["langue": "en", "retour": "/"])
            #expect(try await browser.get("/").text.contains("Hello, Test dispatcher"))
            _ = try await browser.post("/deconnexion", form: [:])
            let other = TestBrowser(app)
            try await other.signIn(email: account.user.email, password: account.password)
            let home = try await other.get("/")
            #expect(home.text.contains("<html lang=\"en\""))
            let bad = try await other.post("/langue", form: ["langue": "xx", "retour": "/"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Unknown language"))
        }
    }

    @Test(
        "a redirect after sign-in or a language switch never leaves the site",
        arguments: [
            "//evil.example/x", "/\t/evil.example/", "/\n/evil.example", "/\\evil.example", "/ /evil.example",
            "https://evil.example", "evil.example", "/\u{85}/evil.example",
        ])
    func noOpenRedirect(_ suite: String) async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            _ = try await browser.get("/connexion")
            let response = try await browser.post(
                "/connexion", form: ["email": account.user.email, "password": account.password, "suite": suite])
            #expect(response.location == "/")
            let language = try await browser.post("/langue", form: ["langue": "en", "retour": suite])
            #expect(language.location == "/")
            let local = try await browser.post("/langue", form: ["langue": "fr", "retour": "/tableau?x=1"])
            #expect(local.location == "/tableau?x=1")
        }
    }
}
