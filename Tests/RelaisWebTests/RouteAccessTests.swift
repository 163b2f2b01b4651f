import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Every route declares its access", .tags(.web))
struct RouteAccessTests {
    @Test("no route is left without a declared permission")
    func allDeclared() async throws {
        try await withRelaisApp { app in
            let undeclared = app.routes.all.filter { $0.access == nil }.map(\.description)
            #expect(undeclared.isEmpty, "routes without access: \(undeclared)")
            #expect(app.routes.all.count >= 15)
        }
    }

    @Test("only the sign-in flow, the data page and operations are public")
    func publicRoutes() async throws {
        try await withRelaisApp { app in
            let publicRoutes = Set(app.routes.all.filter { $0.access == .public }.map(\.description))
            #expect(
                publicRoutes == [
                    "GET /connexion", "POST /connexion", "GET /connexion/code", "POST /connexion/code",
                    "POST /deconnexion",
                    "POST /langue", "GET /a-propos-des-donnees", "GET /health", "GET /ready", "GET /metrics",
                    "GET /api/openapi.json",
                ])
        }
    }

    @Test("a route added without a declaration is refused rather than open")
    func undeclaredIsRefused() async throws {
        try await withRelaisApp { app in
            app.get("sans-declaration") { _ in "secret" }
            let response = try await TestBrowser(app).get("/sans-declaration")
            #expect(response.status == .forbidden)
            #expect(!response.text.contains("secret"))
        }
    }
}
