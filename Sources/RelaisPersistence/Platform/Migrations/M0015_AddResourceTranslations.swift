import Fluent
import SQLKit

/// 0015 — a service's name and description in other languages (Relais's `translations` extension of HSDS) on its
/// search row, so that results show in the worker's language.
struct AddResourceTranslations: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.AddResourceTranslations" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.raw("ALTER TABLE resource_services ADD COLUMN translations TEXT").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.raw("ALTER TABLE resource_services DROP COLUMN translations").run()
    }
}
