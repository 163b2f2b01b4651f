import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// Programmes are modules, enabled per deployment: a Sudbury situation table runs without Montréal's mobile team.
@Suite("Programmes enabled per deployment", .tags(.web, .database))
struct ProgrammesTests {
    @Test("without mediation, its pages, API, Open311 and navigation are gone (404), and the platform stays")
    func platformOnly() async throws {
        try await withRelaisApp(options: TestAppOptions(programmes: [])) { app in
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: dispatcher.user.email, password: dispatcher.password)
            for path in ["/tableau", "/demandes/nouvelle", "/mobile", "/equipes", "/open311/discovery.json"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            let client = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
            #expect(try await client.post("/api/v1/service-requests", json: "{}").status == .notFound)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(!home.text.contains("href=\"/tableau\""))
            #expect(try await browser.get("/hsds/services").status == .ok)
            let document = try JSONText.parse(Array(try await browser.get("/api/openapi.json").text.utf8))
            let paths = document["paths"]?.object?.keys.sorted() ?? []
            #expect(paths.contains("/api/v1/me") && !paths.contains { $0.hasPrefix("/api/v1/service-requests") })
            #expect(document["components"]?["schemas"]?["ServiceRequest"] == nil)
        }
    }

    @Test("the audit log's actions in the served document are exactly those the build records")
    func auditActionsDocumented() async throws {
        try await withRelaisApp { app in
            let text = try await TestBrowser(app).get("/api/openapi.json").text
            let document = try JSONText.parse(Array(text.utf8))
            let schema = document["components"]?["schemas"]?["AuditEvent"]?["properties"]?["action"]?["enum"]
            let listed = Set((schema?.array ?? []).compactMap(\.string))
            #expect(listed == Set(Programmes.auditActions.map(\.rawValue)))
            #expect(listed.contains("service_request_created") && listed.contains("sign_in"))
        }
        try await withRelaisApp(options: TestAppOptions(programmes: [])) { app in
            let text = try await TestBrowser(app).get("/api/openapi.json").text
            #expect(!text.contains("service_request_created"))
        }
    }

    @Test("an English-first deployment answers in English whoever has not chosen; a choice still wins")
    func defaultLanguage() async throws {
        var options = TestAppOptions()
        options.defaultLanguage = .english
        try await withRelaisApp(options: options) { app in
            let browser = TestBrowser(app)
            let page = try await browser.get("/connexion")
            #expect(page.text.contains("<html lang=\"en\""))
            let problem = try await browser.get("/api/v1/me")
            #expect(try problem.json()["title"] as? String == "Sign-in required")
            _ = try await browser.post("/langue", form: ["langue": "fr", "retour": "/connexion"])
            #expect(try await browser.get("/connexion").text.contains("<html lang=\"fr\""))
        }
        #expect(try AppConfig.parse(["RELAIS_LANGUAGE": "EN"]).defaultLanguage == .english)
        #expect(try AppConfig.parse([:]).defaultLanguage == .french)
        #expect(throws: ConfigurationError.self) { try AppConfig.parse(["RELAIS_LANGUAGE": "de"]) }
    }

    @Test("the setting names programmes this build knows, or start-up stops naming the unknown one")
    func setting() throws {
        #expect(try AppConfig.parse(["RELAIS_PROGRAMMES": " Mediation "]).programmes == ["mediation"])
        #expect(try AppConfig.parse([:]).programmes == nil)
        let error = try #require(throws: ConfigurationError.self) {
            try AppConfig.parse(["RELAIS_PROGRAMMES": "mediation,situation-table"])
        }
        #expect(error.description.contains("situation-table unknown"))
    }

    @Test("fragments merge into one document; a path or schema twice, or a dangling reference, is refused by name")
    func openAPIMerge() throws {
        func json(_ text: String) throws -> JSONValue { try JSONText.parse(Array(text.utf8)) }
        let platform = try json(
            #"{"openapi":"3.1.0","paths":{"/a":{"get":{}}},"components":{"schemas":{"Problem":{"type":"object"}}}}"#)
        let good = try json(
            ##"{"paths":{"/b":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/B"}}}}}}}},"components":{"schemas":{"B":{"$ref":"#/components/schemas/Problem"}}}}"##
        )
        let merged = try OpenAPIDocument.merge(platform: platform, fragments: [("b", good)])
        #expect(merged["paths"]?.object?.keys.sorted() == ["/a", "/b"])
        #expect(throws: OpenAPIDocument.Conflict(message: "again describes /b again")) {
            try OpenAPIDocument.merge(platform: platform, fragments: [("b", good), ("again", good)])
        }
        let dangling = try json(##"{"paths":{"/c":{"get":{"x":{"$ref":"#/components/schemas/Nowhere"}}}}}"##)
        #expect(
            throws: OpenAPIDocument.Conflict(message: "#/components/schemas/Nowhere is referred to but not defined")
        ) {
            try OpenAPIDocument.merge(platform: platform, fragments: [("c", dangling)])
        }
    }
}
