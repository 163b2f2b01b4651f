import Fluent
import SQLKit

/// 0022 — persons, a platform piece the programmes share: pseudonymous records with sealed identifiers, the blind
/// indexes that find a person again (and match one across programmes without an identity leaving its team), consent
/// per purpose, reversible merges, and the organisations' information-sharing agreements.
struct CreatePersons: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.CreatePersons" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("persons")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("programme", .string, .required)
            .field("reference", .string, .required)
            .field("identifiers_sealed", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("merged_into", .uuid, .references("persons", "id"))
            .unique(on: "reference")
            .create()
        // The records merged into one are found from it (contacts, consents and plans follow them).
        try await sql.create(index: "persons_by_merged_into").on("persons").column("merged_into").run()
        // A blind index (keyed HMAC) of one identifying value of a subject: a person, or another programme's record
        // of someone (a mediation party). Never the value itself.
        try await database.schema("identity_keys")
            .field("blind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("subject_kind", .string, .required)
            .field("programme", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "blind", "subject_id")
            .create()
        try await sql.create(index: "identity_keys_by_subject").on("identity_keys").column("subject_id").run()
        try await database.schema("consents")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("basis", .string, .required)
            .field("note_sealed", .string)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await sql.create(index: "consents_by_person").on("consents").column("person_id").run()
        try await database.schema("person_merges")
            .id()
            .field("survivor_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("merged_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("reason_sealed", .string, .required)
            .field("merged_at", .datetime, .required)
            .field("merged_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("undone_at", .datetime)
            .field("undone_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await database.schema("sharing_agreements")
            .field("first_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("second_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("signed_on", .datetime, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "first_id", "second_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["sharing_agreements", "person_merges", "consents", "identity_keys", "persons"] {
            try await database.schema(table).delete()
        }
    }
}
