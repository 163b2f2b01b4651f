import Fluent
import SQLKit

/// RÉSO's records: the officers (their public card, sector and weekly duty), the history of their sectors, their
/// photos at the card's sizes, and the residents' messages (what was written sealed) with their follow-up.
struct CreateSectorPolicing: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "SectorPolicing.CreateSectorPolicing" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("reso_officers")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("cell_phone", .string, .required)
            .field("languages", .string, .required)
            // One officer per sector at a time (NULLs are distinct on both engines).
            .field("sector_code", .string)
            .field("cover_id", .uuid)
            // The weekly duty: `start-end` minutes of the week, comma-separated.
            .field("duty", .string, .required)
            .field("photo_version", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "sector_code")
            .create()
        try await database.schema("reso_assignments")
            .id()
            .field("officer_id", .uuid, .required, .references("reso_officers", "id", onDelete: .cascade))
            .field("sector_code", .string, .required)
            .field("from_at", .datetime, .required)
            .field("until_at", .datetime)
            .create()
        try await sql.create(index: "reso_assignments_by_officer").on("reso_assignments").column("officer_id").run()
        try await database.schema("reso_photos")
            .field("officer_id", .uuid, .required, .references("reso_officers", "id", onDelete: .cascade))
            .field("size", .string, .required)
            .field("version", .int, .required)
            .field("bytes", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "officer_id", "size")
            .create()
        try await database.schema("reso_messages")
            .id()
            .field("reference", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("sector_code", .string, .required)
            .field("officer_id", .uuid, .references("reso_officers", "id", onDelete: .setNull))
            .field("received_at", .datetime, .required)
            .field("language", .string, .required)
            .field("topic", .string, .required)
            .field("content_sealed", .string, .required)
            .field("status", .string, .required)
            .field("first_reply_at", .datetime)
            .field("escalated_at", .datetime)
            // The colleague it went to, unanswered.
            .field("escalated_to", .uuid, .references("reso_officers", "id", onDelete: .setNull))
            .unique(on: "reference")
            .create()
        try await sql.create(index: "reso_messages_by_sector").on("reso_messages").column("sector_code")
            .column("received_at").run()
        try await sql.create(index: "reso_messages_by_status").on("reso_messages").column("status").run()
        try await database.schema("reso_message_steps")
            .id()
            .field("message_id", .uuid, .required, .references("reso_messages", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("text_sealed", .string, .required)
            .create()
        try await sql.create(index: "reso_message_steps_by_message").on("reso_message_steps").column("message_id")
            .run()
    }

    func revert(on database: any Database) async throws {
        for table in ["reso_message_steps", "reso_messages", "reso_photos", "reso_assignments", "reso_officers"] {
            try await database.schema(table).delete()
        }
    }
}
