import Fluent
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import SQLKit
import Testing
import Vapor

@Suite("Migrations", .tags(.database))
struct MigrationTests {
    @Test("run up, down and up again, leaving the same tables", arguments: TestDatabase.available)
    func upDownUp(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let tables = [
                "organisations", "users", "web_sessions", "api_tokens", "audit_events", "sign_in_failures",
                "territories",
            ]
            #expect(try await existingTables(app, tables) == Set(tables))
            try await app.autoRevert()
            #expect(try await existingTables(app, tables).isEmpty)
            try await app.autoMigrate()
            #expect(try await existingTables(app, tables) == Set(tables))
            _ = try await app.makeAccount(role: .dispatcher)
        }
    }

    /// Which of `tables` can be queried.
    private func existingTables(_ app: Application, _ tables: [String]) async throws -> Set<String> {
        let sql = try #require(app.db as? any SQLDatabase)
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
