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

    @Test(
        "only the sign-in flow, the data page, operations, Open311 (which checks its api_key), HSDS, keyed calendars, RÉSO's residents' pages and the committees' open meetings are public"
    )
    func publicRoutes() async throws {
        try await withRelaisApp { app in
            let publicRoutes = Set(app.routes.all.filter { $0.access == .public }.map(\.description))
            #expect(
                publicRoutes == [
                    "GET /connexion", "POST /connexion", "GET /connexion/code", "POST /connexion/code",
                    "POST /deconnexion",
                    "POST /langue", "GET /a-propos-des-donnees", "GET /health", "GET /ready", "GET /metrics",
                    "GET /api/openapi.json",
                    // The base map: territories' outlines, imported streets and landmarks, all public data.
                    "GET /carte/fond.json",
                    // A forgotten password, and the page an invitation's or a reset's single-use link opens.
                    "GET /mot-de-passe/oublie", "POST /mot-de-passe/oublie", "GET /mot-de-passe/nouveau",
                    "POST /mot-de-passe/nouveau",
                    // Open311 GeoReport v2: reading is public by the specification (and de-identified here);
                    // POST requests checks the api_key itself, to answer in the specification's error format.
                    "GET /open311/:document", "GET /open311/v2/:resource", "POST /open311/v2/:resource",
                    "GET /open311/v2/services/:service", "GET /open311/v2/requests/:request",
                    "GET /open311/v2/tokens/:token",
                    // HSDS 3.0: the directory of public services, for partner systems (no capacity, no referrals).
                    "GET /hsds", "GET /hsds/services", "GET /hsds/services/:id", "GET /hsds/organizations",
                    "GET /hsds/organizations/:id", "GET /hsds/taxonomies", "GET /hsds/taxonomies/:id",
                    "GET /hsds/taxonomy_terms", "GET /hsds/taxonomy_terms/:id",
                    // A situation table agency's meeting calendar, for calendar applications that cannot sign in:
                    // behind a key derived from the deployment's, and meetings only.
                    "GET /table/calendrier/:file",
                    // RÉSO's residents' pages: who is the officer of a place (sectors, cards, photos, the map) and
                    // a non-emergency message to them (throttled per device and address; nothing read back).
                    "GET /reso", "GET /reso/ou", "GET /reso/secteurs", "GET /reso/secteurs/:code",
                    "GET /reso/agent.json", "GET /reso/adresses", "GET /reso/carte.json",
                    "GET /reso/photos/:officer/:version/:file", "GET /reso/secteurs/:code/message",
                    "POST /reso/secteurs/:code/message", "GET /reso/message-envoye/:reference",
                    "GET /reso/rencontres/:file",
                    // The committees' open meetings: their pages, registration (a hidden field against robots), the
                    // secret link that cancels one, each committee's calendar, and a report once published (the
                    // page answers 404 to the public before).
                    "GET /comites/rencontres", "GET /comites/rencontres/:id", "POST /comites/rencontres/:id",
                    "GET /comites/inscriptions/:token", "POST /comites/inscriptions/:token",
                    "GET /comites/calendriers/:file", "GET /comites/rapport/:year",
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
