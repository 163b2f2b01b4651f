import Fluent
import SQLKit

/// 0015 — a service's name and description in other languages (Relais's `translations` extension of HSDS) on its
/// search row, so that results show in the worker's language.
struct AddResourceTranslations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.raw("ALTER TABLE resource_services ADD COLUMN translations TEXT").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.raw("ALTER TABLE resource_services DROP COLUMN translations").run()
    }
}
