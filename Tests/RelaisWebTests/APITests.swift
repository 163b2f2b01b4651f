import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("JSON API", .tags(.web, .database))
struct APITests {
    func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        headers.contentType = .json
        return headers
    }

    func json(_ response: BrowserResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test("without a token: 401 problem+json; with an unknown token: 401 and audited")
    func unauthenticated() async throws {
        try await withRelaisApp { app in
            let browser = TestBrowser(app)
            let anonymous = try await browser.get("/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try json(anonymous)["code"] as? String == "auth.sign_in_required")
            let forged = try await browser.send(.GET, "/api/v1/me", headers: bearer("rls_forged"), body: nil)
            #expect(try json(forged)["code"] as? String == "auth.invalid_token")
            #expect(try await app.store.audit.entries(.init(action: .invalidToken)).count == 1)
        }
    }

    @Test("a bearer token acts as its account", arguments: TestDatabase.available)
    func me(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .analyst, language: .english)
            let token = try await app.makeToken(for: account.user)
            let response = try await TestBrowser(app).send(.GET, "/api/v1/me", headers: bearer(token), body: nil)
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["role"] as? String == "analyst")
            #expect(body["language"] as? String == "en")
        }
    }

    @Test("creating an organisation writes it and its audit entry together", arguments: TestDatabase.available)
    func create(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let admin = try await app.makeAccount(role: .admin)
            let token = try await app.makeToken(for: admin.user)
            let response = try await TestBrowser(app).send(
                .POST, "/api/v1/organisations", headers: bearer(token),
                body: ByteBuffer(string: #"{"name": "Dans la rue", "kind": "community_organisation"}"#))
            #expect(response.status == .created)
            let id = try #require(try json(response)["id"] as? String)
            #expect(response.location == "/api/v1/organisations/\(id)")
            let entries = try await app.store.audit.entries(.init(action: .organisationCreated))
            #expect(entries.map(\.resourceID) == [id])
        }
    }

    @Test(
        "bad bodies get 422 with per-field messages and change nothing",
        arguments: [
            (#"{"name": "#, "malformed_body", [String]()),
            (#"{"name": "", "kind": "bakery"}"#, "validation_failed", ["name", "kind"]),
            (#"{"name": 42}"#, "malformed_body", [String]()),
        ])
    func badBodies(_ body: String, _ code: String, _ fields: [String]) async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin)
            let token = try await app.makeToken(for: admin.user)
            let before = try await app.store.accounts.organisations().count
            let response = try await TestBrowser(app).send(
                .POST, "/api/v1/organisations", headers: bearer(token), body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableEntity)
            let problem = try json(response)
            #expect(problem["code"] as? String == code)
            let errors = problem["errors"] as? [[String: Any]] ?? []
            #expect(errors.compactMap { $0["field"] as? String } == fields)
            #expect(errors.allSatisfy { !($0["message"] as? String ?? "").isEmpty })
            #expect(try await app.store.accounts.organisations().count == before)
            #expect(try await app.store.audit.entries(.init(action: .organisationCreated)).isEmpty)
        }
    }

    @Test("a duplicate name is a 409 conflict")
    func duplicate() async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin, organisation: "Relais")
            let token = try await app.makeToken(for: admin.user)
            let response = try await TestBrowser(app).send(
                .POST, "/api/v1/organisations", headers: bearer(token),
                body: ByteBuffer(string: #"{"name": "Relais", "kind": "agency"}"#))
            #expect(response.status == .conflict)
            #expect(try json(response)["code"] as? String == "name.taken")
        }
    }

    @Test("a role without the permission gets 403, in English when the account is English")
    func forbidden() async throws {
        try await withRelaisApp { app in
            let worker = try await app.makeAccount(role: .mobileWorker, language: .english)
            let token = try await app.makeToken(for: worker.user)
            let response = try await TestBrowser(app).send(
                .POST, "/api/v1/organisations", headers: bearer(token),
                body: ByteBuffer(string: #"{"name": "X", "kind": "agency"}"#))
            #expect(response.status == .forbidden)
            #expect(try json(response)["detail"] as? String == "Your role does not allow this action.")
        }
    }

    @Test("a browser session writes through the API only with its X-CSRF-Token")
    func sessionNeedsCSRFHeader() async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn(email: admin.user.email, password: admin.password)
            var headers = HTTPHeaders()
            headers.contentType = .json
            let refused = try await browser.send(
                .POST, "/api/v1/organisations", headers: headers,
                body: ByteBuffer(string: #"{"name": "A", "kind": "agency"}"#))
            #expect(refused.status == .forbidden)
            let accepted = try await browser.postJSON("/api/v1/organisations", #"{"name": "A", "kind": "agency"}"#)
            #expect(accepted.status == .created)
        }
    }

    @Test("audit events page backwards and refuse bad parameters with 422")
    func auditEvents() async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin)
            let token = try await app.makeToken(for: admin.user)
            for _ in 0..<3 {
                try await app.store.audit.append(AuditRecord(actor: app.actor(admin.user), action: .signIn))
            }
            let browser = TestBrowser(app)
            let page = try await browser.send(.GET, "/api/v1/audit-events?limit=2", headers: bearer(token), body: nil)
            let body = try json(page)
            #expect((body["items"] as? [Any])?.count == 2)
            #expect(body["nextBefore"] as? Int == 2)
            let bad = try await browser.send(
                .GET, "/api/v1/audit-events?limit=0&action=nope", headers: bearer(token), body: nil)
            #expect(bad.status == .unprocessableEntity)
            let fields = (try json(bad)["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["action", "limit"])
            let repeated = try await browser.send(
                .GET, "/api/v1/audit-events?before=&before=2", headers: bearer(token), body: nil)
            #expect(repeated.status == .unprocessableEntity)
            #expect(try json(repeated)["errors"].map { "\($0)" }?.contains("query.repeated") == true)
        }
    }
}
