import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Upgrade from a database made by an earlier layout", .tags(.database))
struct UpgradeTests {
    /// A SQLite database made by Relais at a067aa1 — before programmes were modules and before memberships — with the
    /// tests' encryption key: the demo (one account per role), a dispatcher's API token and three requests from the
    /// police with their event numbers sealed; the directory emptied to keep the file small.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/layout-a067aa1.sql")
    /// The dispatcher's token in the fixture (it exists only there).
    static let dispatcherToken = "rls_zpJ4Dp7ov9cwRDdFLIFfwypTd94FIovVeys2FrqY6jU"
    static let requestIDs = [
        "b4c1f0e3-07fd-4ed0-b1b9-cdcd4eb292ac", "9f5c8b53-fe7d-45d5-a6bd-ac6083af3838",
        "18e9e9bb-e748-43de-85cb-7e78afeed8f2",
    ]

    /// The fixture's statements: each ends a line with `;` (the dump has no such line inside a string).
    static func statements() throws -> [String] {
        let text = try String(contentsOf: fixture, encoding: .utf8)
        var statements: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix("--") {
            current += line + "\n"
            if line.hasSuffix(";") {
                statements.append(current)
                current = ""
            }
        }
        return statements
    }

    @Test(
        "the new layout migrates it: only the new migrations run, every account keeps its role, sealed data opens, the audit chain holds"
    )
    func upgrade() async throws {
        var options = TestAppOptions()
        options.beforeMigrating = { app in
            let sql = try #require(app.db as? any SQLDatabase)
            for statement in try Self.statements() { try await sql.raw(SQLQueryString(statement)).run() }
        }
        try await withRelaisApp(.sqlite, options: options) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let batches = try await sql.raw("SELECT name, batch FROM _fluent_migrations ORDER BY batch, name").all()
                .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "batch", as: Int.self)) }
            let names =
                (RelaisMigrations.all(stores: app.relais.stores)
                + app.programmes.flatMap { $0.migrations(stores: app.relais.stores) }).map(\.name)
            #expect(batches.map(\.0).sorted() == names.sorted())
            let later = batches.filter { $0.1 > 1 }.map(\.0)
            #expect(
                later == [
                    "Mediation.AddRequestClosures", "Mediation.CreateBackupAlerts", "Partnership.CreatePartnership",
                    "PsychosocialSupport.CreatePsychosocialSupport", "RelaisPersistence.AddTerritoryParent",
                    "RelaisPersistence.CreateMeetings",
                    "RelaisPersistence.CreateMemberships", "RelaisPersistence.CreateOutbox",
                    "RelaisPersistence.CreatePersons", "RelaisPersistence.CreatePlaces",
                    "SectorPolicing.AddContactPersons", "SectorPolicing.AddSectorContacts",
                    "SectorPolicing.AddSectorProblems",
                    "SectorPolicing.CreateSectorPolicing",
                    "SituationTable.CreateSituationTable",
                ])

            // every demo account holds the role it had, in its organisation, as its only membership
            let users = try await app.store.accounts.users()
            #expect(users.count == 11)
            for user in users {
                #expect(user.memberships.count == 1)
                #expect(user.memberships.first?.organisationID == user.organisationID)
            }
            // (every role but those added since: RÉSO's supervisor, the committees' members)
            #expect(
                Set(users.flatMap { $0.memberships.map(\.role) })
                    == Set(Role.allCases).subtracting([.sectorSupervisor, .committeeMember]))

            // the dispatcher's token still works, and the police's sealed event numbers open
            let api = APIClient(app, token: Self.dispatcherToken)
            let me = try await api.get("/api/v1/me")
            #expect(me.status == .ok)
            #expect(try me.json()["role"] as? String == "dispatcher")
            for (index, id) in Self.requestIDs.enumerated() {
                let request = try await api.get("/api/v1/service-requests/\(id)")
                #expect(request.status == .ok)
                #expect(request.text.contains("SPVM-2026-00012\(index + 1)"))
            }
            let verification = try await app.store.audit.verify()
            #expect(verification.brokenLink == nil)
            #expect(verification.checked >= 17)
        }
    }
}
