import Fluent
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Migrations", .tags(.database))
struct MigrationTests {
    @Test("run up, down and up again, leaving the same tables", arguments: TestDatabase.available)
    func upDownUp(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let tables = [
                "organisations", "users", "web_sessions", "api_tokens", "audit_events", "sign_in_failures",
                "territories", "memberships",
            ]
            #expect(try await existingTables(tests, tables) == Set(tables))
            try await tests.revertAll()
            #expect(try await existingTables(tests, tables).isEmpty)
            try await tests.migrate()
            #expect(try await existingTables(tests, tables) == Set(tables))
            _ = try await tests.makeAccount(role: .dispatcher)
        }
    }

    /// The names every database made so far has recorded, in order. A migration's name is its identity: a database
    /// that recorded these must not run any of them again after a type is moved or renamed, so they never change
    /// (a new migration adds a line).
    static let shippedNames =
        [
            "CreateOrganisations", "CreateUsers", "CreateWebSessions", "CreateAPITokens", "CreateAuditEvents",
            "CreateSignInFailures", "CreateTerritories", "CreateServiceRequests", "CreateMobileTeams", "AddTokenScopes",
            "CreateResourceDirectory", "LinkResourceOrganizations", "CreateInterventions", "GridIndexResourcePositions",
            "AddResourceTranslations", "CreateAuditChainEnd", "CreateAuditChainCheck", "KeyAuditChain",
            "SealPoliceEventNumbers", "CreateMemberships", "CreateMeetings", "CreatePersons", "CreatePlaces",
            "CreateOutbox", "AddTerritoryParent",
        ].map { "RelaisPersistence." + $0 } + ["Mediation.AddRequestClosures", "Mediation.CreateBackupAlerts"]

    @Test(
        "each migration records its frozen name, and a database that has them runs none again",
        arguments: TestDatabase.available)
    func frozenNames(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let sql = try #require(tests.database as? any SQLDatabase)
            let recorded = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at, name")
                .all()
                .map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(recorded) == Set(Self.shippedNames))
            #expect(recorded.count == Self.shippedNames.count)
            _ = try await tests.makeAccount(role: .dispatcher)
            try await tests.migrate()
            let again = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
            #expect(try again?.decode(column: "n", as: Int.self) == Self.shippedNames.count)
            #expect(try await tests.store.accounts.countUsers() == 1)
        }
    }

    /// Which of `tables` can be queried.
    private func existingTables(_ tests: TestStores, _ tables: [String]) async throws -> Set<String> {
        let sql = try #require(tests.database as? any SQLDatabase)
        var found: Set<String> = []
        for table in tables {
            do {
                _ = try await sql.select().column(SQLLiteral.all).from(table).limit(1).all()
                found.insert(table)
            } catch {}
        }
        return found
    }
}
