import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Access control and error pages", .tags(.web, .database))
struct AccessAndErrorsTests {
    @Test(
        "a role without the permission gets a localised 403 and the attempt is audited",
        arguments: TestDatabase.available)
    func forbidden(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let response = try await browser.get("/admin/journal")
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Accès refusé"))
            let denied = try await app.store.audit.entries(.init(action: .accessDenied))
            #expect(denied.first?.actorUserID == account.user.id)
            #expect(denied.first?.purpose?.contains("read:audit_log") == true)
        }
    }

    @Test("a signed-out visitor is sent to sign in, and comes back after")
    func signInFirst() async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .admin)
            let browser = TestBrowser(app)
            let response = try await browser.get("/admin/journal")
            #expect(response.location == "/connexion?suite=/admin/journal")
            _ = try await browser.get("/connexion?suite=/admin/journal")
            let signIn = try await browser.post(
                "/connexion",
                form: ["email": account.user.email, "password": account.password, "suite": "/admin/journal"])
            #expect(signIn.location == "/admin/journal")
        }
    }

    @Test(
        "unknown pages answer 404 in the visitor's language",
        arguments: [("fr", "Page introuvable"), ("en", "Page not found")])
    func notFound(_ language: String, _ title: String) async throws {
        try await withRelaisApp { app in
            let browser = TestBrowser(app)
            browser.setCookie("relais_lang", language)
            let response = try await browser.get("/nulle-part")
            #expect(response.status == .notFound)
            #expect(response.text.contains(title))
            #expect(response.text.contains("<html lang=\"\(language)\""))
        }
    }

    @Test("a known address with the wrong method answers 405 with the allowed methods")
    func methodNotAllowed() async throws {
        try await withRelaisApp { app in
            let response = try await TestBrowser(app).send(.DELETE, "/api/v1/me", headers: [:], body: nil)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: "Allow") == "GET")
            #expect(response.headers.contentType?.subType == "problem+json")
        }
    }

    @Test("styles and scripts are served to GET and HEAD; other methods and paths outside their folders are not")
    func publicFiles() async throws {
        try await withRelaisApp { app in
            let browser = TestBrowser(app)
            let style = try await browser.get("/css/app.css")
            #expect(style.status == .ok)
            #expect(style.headers.contentType == .css)
            #expect(try await browser.send(.HEAD, "/js/mediation/board.js", headers: [:], body: nil).status == .ok)
            #expect(try await browser.send(.POST, "/css/app.css", headers: [:], body: nil).status != .ok)
            #expect(try await browser.get("/css/../Package.swift").status != .ok)
            #expect(try await browser.get("/css/absent.css").status == .notFound)
        }
    }

    @Test("a server error shows a localised page and no internals")
    func serverError() async throws {
        struct SecretFailure: Error, CustomStringConvertible {
            var description: String { "database password is hunter2" }
        }
        try await withRelaisApp { app in
            app.on(.GET, "panne", access: .public) { _ -> String in throw SecretFailure() }
            let response = try await TestBrowser(app).get("/panne")
            #expect(response.status == .internalServerError)
            #expect(response.text.contains("Une erreur est survenue de notre côté."))
            #expect(!response.text.contains("hunter2"))
            #expect(!response.text.contains("SecretFailure"))
        }
    }

    @Test("pages and error answers alike are not cached, framed or sniffed")
    func securityHeaders() async throws {
        try await withRelaisApp { app in
            app.on(.GET, "panne", access: .public) { _ -> String in throw Abort(.internalServerError) }
            let analyst = try await app.makeAccount(role: .analyst)
            let signedIn = TestBrowser(app)
            try await signedIn.signIn(email: analyst.user.email, password: analyst.password)
            var json = HTTPHeaders()
            json.contentType = .json
            let answers: [(String, BrowserResponse)] = [
                ("page", try await TestBrowser(app).get("/connexion")),
                ("404 page", try await TestBrowser(app).get("/nulle-part")),
                ("401 problem+json", try await TestBrowser(app).get("/api/v1/me")),
                ("403 page", try await signedIn.get("/admin/journal")),
                ("405", try await TestBrowser(app).send(.DELETE, "/connexion", headers: [:], body: nil)),
                ("422 problem+json", try await TestBrowser(app).get("/hsds/services?per_page=0")),
                ("500 page", try await TestBrowser(app).get("/panne")),
                (
                    "403 csrf",
                    try await TestBrowser(app).send(.POST, "/connexion", headers: json, body: ByteBuffer(string: "{}"))
                ),
            ]
            for (name, response) in answers {
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(name)")
                #expect(
                    response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true,
                    "\(name)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(name)")
                #expect(response.headers.first(name: .cacheControl) == "no-store", "\(name)")
            }
        }
    }
}
