import ConsoleKit
import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Command-line tools", .tags(.database))
struct CommandTests {
    @Test("users create makes an account that can sign in, and audits it", arguments: TestDatabase.available)
    func createUser(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            _ = try await app.store.accounts.createOrganisation(name: "Accueil Bonneau", kind: .communityOrganisation)
            let command = CreateUserCommand(readPassword: { "tisane du dimanche au parc" })
            try await run(
                command,
                [
                    "--email", "rivka@bonneau.example", "--name", "Rivka", "--role", "agency_representative",
                    "--organisation", "Accueil Bonneau",
                ], on: app)
            let credentials = try #require(try await app.store.accounts.credentials(email: "rivka@bonneau.example"))
            #expect(credentials.user.memberships.map(\.role) == [.agencyRepresentative])
            let response = try await TestBrowser(app).signIn(
                email: "rivka@bonneau.example", password: "tisane du dimanche au parc")
            #expect(response.status == .seeOther)
            #expect(try await app.store.audit.entries(.init(action: .userCreated)).first?.purpose == "cli")
        }
    }

    @Test("users create refuses a weak password or a bad role and writes nothing")
    func refusals() async throws {
        try await withRelaisApp { app in
            _ = try await app.store.accounts.createOrganisation(name: "Accueil Bonneau", kind: .communityOrganisation)
            let weak = CreateUserCommand(readPassword: { "short" })
            let arguments = ["--email", "x@bonneau.example", "--name", "X", "--organisation", "Accueil Bonneau"]
            let tooShort = try await #require(throws: CommandFailure.self) {
                try await run(weak, arguments + ["--role", "analyst"], on: app)
            }
            #expect(tooShort.description.contains("at least 12 characters"))
            let badRole = try await #require(throws: CommandFailure.self) {
                try await run(weak, arguments + ["--role", "sheriff"], on: app)
            }
            #expect(badRole.description.contains("--role must be one of"))
            #expect(try await app.store.accounts.countUsers() == 0)
        }
    }

    @Test("tokens create gives a working bearer token; audit verify passes, then finds a tampered row")
    func tokensAndAudit() async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .analyst, email: "lea@ville.example")
            try await run(CreateTokenCommand(), ["--email", "lea@ville.example", "--name", "export"], on: app)
            let created = try await app.store.audit.entries(.init(action: .tokenCreated))
            #expect(created.first?.actorUserID == account.user.id)
            try await run(VerifyAuditCommand(), [], on: app)

            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.update("audit_events").set("action", to: "sign_in").where("sequence", .equal, 1).run()
            let broken = try await #require(throws: CommandFailure.self) {
                try await run(VerifyAuditCommand(), [], on: app)
            }
            #expect(broken.description.contains("broken at entry 1"))
        }
    }

    @Test("audit anchor prints the head; audit verify --anchor finds a log cut short after it")
    func auditAnchor() async throws {
        try await withRelaisApp { app in
            for index in 0..<3 {
                try await app.store.audit.append(AuditRecord(actor: nil, action: .signIn, resourceID: "r\(index)"))
            }
            let head = try #require(try await app.store.audit.verify().head)
            try await run(AnchorAuditCommand(), [], on: app)
            try await run(VerifyAuditCommand(), ["--anchor", head.description], on: app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.delete(from: "audit_events").where("sequence", .equal, 3).run()
            let cut = try await #require(throws: CommandFailure.self) {
                try await run(VerifyAuditCommand(), ["--anchor", head.description], on: app)
            }
            #expect(cut.description.contains("cut short or rewritten"))
            let bad = try await #require(throws: CommandFailure.self) {
                try await run(VerifyAuditCommand(), ["--anchor", "three:abc"], on: app)
            }
            #expect(bad.description.contains("SEQUENCE:HASH"))
        }
    }

    @Test(
        "tokens list shows an account's tokens and tokens revoke stops one at once, audited; a bad or unknown id changes nothing",
        arguments: TestDatabase.available)
    func revokeToken(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let lea = try await app.makeAccount(role: .analyst, email: "lea@ville.example")
            let kept = try await app.store.tokens.create(for: lea.user.id, name: "rapport", expiresAt: nil)
            let stolen = try await app.store.tokens.create(for: lea.user.id, name: "export", expiresAt: nil)
            // Both work, and are remembered by the server for a few seconds.
            #expect(try await APIClient(app, token: stolen.token).get("/api/v1/me").status == .ok)
            #expect(try await APIClient(app, token: kept.token).get("/api/v1/me").status == .ok)

            let notAnID = try await #require(throws: CommandFailure.self) {
                try await run(RevokeTokenCommand(), ["export"], on: app)
            }
            #expect(notAnID.description.contains("relais tokens list"))
            let unknown = try await #require(throws: CommandFailure.self) {
                try await run(RevokeTokenCommand(), [UUID().uuidString], on: app)
            }
            #expect(unknown.description.contains("no token has the id"))
            #expect(try await app.store.tokens.tokens(of: lea.user.id).allSatisfy { $0.revokedAt == nil })
            #expect(try await app.store.audit.entries(.init(action: .tokenRevoked)).isEmpty)

            try await run(RevokeTokenCommand(), [stolen.id.uuidString], on: app)
            #expect(try await APIClient(app, token: stolen.token).get("/api/v1/me").status == .unauthorized)
            #expect(try await APIClient(app, token: kept.token).get("/api/v1/me").status == .ok)
            let revoked = try #require(try await app.store.audit.entries(.init(action: .tokenRevoked)).first)
            #expect(revoked.resourceID == stolen.id.uuidString.lowercased())
            #expect(revoked.actorUserID == lea.user.id)

            let listed = try await app.store.tokens.tokens(of: lea.user.id)
            #expect(listed.map(\.name) == ["export", "rapport"] || listed.map(\.name) == ["rapport", "export"])
            let line = ListTokensCommand.line(try #require(listed.first { $0.id == stolen.id }))
            #expect(line.hasPrefix(stolen.id.uuidString.lowercased() + "\texport\tapi\t"))
            #expect(line.contains("\trevoked 20"))
            #expect(!line.contains(stolen.token))
            #expect(ListTokensCommand.line(try #require(listed.first { $0.id == kept.id })).hasSuffix("\t-\tactive"))
            // Listing needs an existing account.
            await #expect(throws: CommandFailure.self) {
                try await run(ListTokensCommand(), ["--email", "personne@ville.example"], on: app)
            }
        }
    }

    @Test("tokens create --open311 makes an api_key for a partner application that opens nothing else")
    func open311Key() async throws {
        try await withRelaisApp { app in
            let partner = try await app.makeAccount(
                role: .open311Client, email: "app311@ville.example", organisation: "Ville de Montréal",
                kind: .municipality)
            _ = try await app.makeAccount(role: .dispatcher, email: "camille@emmis.example")
            let refused = await #expect(throws: CommandFailure.self) {
                try await run(
                    CreateTokenCommand(), ["--email", "camille@emmis.example", "--name", "311", "--open311"], on: app)
            }
            #expect(refused?.description.contains("open311_client") == true)

            var context = CommandContext(
                console: Terminal(),
                input: CommandInput(arguments: [
                    "relais", "--email", "app311@ville.example", "--name", "311", "--open311",
                ]))
            context.application = app
            try await CreateTokenCommand().run(using: &context)
            let key = try await app.store.tokens.create(
                for: partner.user.id, name: "direct", expiresAt: nil, scope: .open311
            )
            .token
            #expect(key.hasPrefix("o311_"))
            #expect(try await app.store.tokens.user(for: key, scope: .open311)?.id == partner.user.id)
            // an Open311 key is not a bearer token of the JSON API
            #expect(try await app.store.tokens.user(for: key) == nil)
            let me = try await APIClient(app, token: key).get("/api/v1/me")
            #expect(me.status == .unauthorized)
        }
    }
}
