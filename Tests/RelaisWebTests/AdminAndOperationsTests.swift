import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("Administration pages and operations", .tags(.web, .database))
struct AdminAndOperationsTests {
    @Test("the accounts page shows names and e-mails, and audits each account read", arguments: TestDatabase.available)
    func usersPage(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let admin = try await app.makeAccount(role: .admin)
            let other = try await app.makeAccount(role: .dispatcher, email: "camille@emmis.example")
            let browser = TestBrowser(app)
            try await browser.signIn(email: admin.user.email, password: admin.password)
            let page = try await browser.get("/admin/comptes")
            #expect(page.status == .ok)
            #expect(page.text.contains("camille@emmis.example"))
            let reads = try await app.store.audit.entries(.init(action: .personalInformationRead))
            #expect(Set(reads.compactMap(\.resourceID)) == [admin.user.id.description, other.user.id.description])
            #expect(reads.allSatisfy { $0.purpose == "account_administration" && $0.actorUserID == admin.user.id })
        }
    }

    @Test("the audit page lists and filters entries, and refuses an unknown filter")
    func auditPage() async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin)
            let browser = TestBrowser(app)
            _ = try await browser.signIn(email: admin.user.email, password: "wrong password typed")
            try await browser.signIn(email: admin.user.email, password: admin.password)
            let all = try await browser.get("/admin/journal")
            #expect(all.text.contains("Connexion refusée"))
            #expect(all.text.contains("<td>Connexion</td>"))
            let failures = try await browser.get("/admin/journal?action=sign_in_failed")
            #expect(failures.text.contains("Connexion refusée"))
            #expect(!failures.text.contains("<td>Connexion</td>"))
            let bad = try await browser.get("/admin/journal?action=everything")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Action inconnue."))
        }
    }

    @Test("health, readiness and metrics answer", arguments: TestDatabase.available)
    func operations(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let browser = TestBrowser(app)
            #expect(try await browser.get("/health").text == #"{"status":"ok"}"#)
            #expect(try await browser.get("/ready").status == .ok)
            _ = try await browser.get("/connexion")
            let metrics = try await browser.get("/metrics")
            #expect(metrics.text.contains(#"http_requests_total{method="GET",path="/connexion",status="200"}"#))
            #expect(metrics.text.contains("relais_database_up 1"))
            #expect(metrics.text.contains("relais_database_pool_connections_max "))
        }
    }

    @Test("every API route is described in the OpenAPI document, and nothing more")
    func openAPIMatchesRoutes() async throws {
        try await withRelaisApp { app in
            let response = try await TestBrowser(app).get("/api/openapi.json")
            let document = try #require(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let served = Set(
                app.routes.all.filter { $0.path.first?.description == "api" && $0.path.count > 2 }
                    .map { route in
                        let path = route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }
                        return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
                    }
                    + ["GET /health", "GET /ready"])
            #expect(described == served)
        }
    }
}
