import Fluent

/// The person a work-log entry is about (a pseudonymous record of the platform's persons, within the police
/// service), when the officer named them.
struct AddContactPersons: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "SectorPolicing.AddContactPersons" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reso_contacts")
            .field("person_id", .uuid, .references("persons", "id", onDelete: .setNull)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reso_contacts").deleteField("person_id").update()
    }
}
