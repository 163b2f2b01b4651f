import Fluent
import SQLKit

/// RÉSO's work log: an officer's contacts and visits, the place and note sealed, the grid cell in clear (repeat
/// places count contacts with messages).
struct AddSectorContacts: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "SectorPolicing.AddSectorContacts" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("reso_contacts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("sector_code", .string, .required)
            .field("officer_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("entry_sealed", .string, .required)
            .field("cell", .string)
            .field("problem_id", .uuid, .references("reso_problems", "id", onDelete: .setNull))
            .create()
        try await sql.create(index: "reso_contacts_by_officer").on("reso_contacts").column("officer_id").column("at")
            .run()
        try await sql.create(index: "reso_contacts_by_cell").on("reso_contacts").column("cell").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reso_contacts").delete()
    }
}
