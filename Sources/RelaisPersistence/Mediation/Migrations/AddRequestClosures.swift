import Fluent
import SQLKit

/// The mobile mediation team's migrations after those shipped before programmes were modules.
public enum MediationMigrations {
    public static func all(stores: StoreEnvironment) -> [any Migration] {
        [AddRequestClosures()]
    }
}

/// A request closed without a team's work (cancelled, no team sent, a duplicate) with its sealed reason, and the
/// notes and call-backs on a request (sealed).
struct AddRequestClosures: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "Mediation.AddRequestClosures" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        // One column a statement: SQLite adds them one at a time.
        for (column, type) in [
            ("closure_kind", DatabaseSchema.DataType.string), ("closure_reason_sealed", .string),
            ("duplicate_of", .uuid),
        ] {
            try await database.schema("service_requests").field(
                .definition(name: .key(.string(column)), dataType: type, constraints: [])
            ).update()
        }
        try await database.schema("request_notes")
            .id()
            .field("request_id", .uuid, .required, .references("service_requests", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text_sealed", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await sql.create(index: "request_notes_by_request").on("request_notes").column("request_id").run()
        // The list of requests: by organisation, newest first.
        try await sql.create(index: "service_requests_by_received").on("service_requests")
            .column("organisation_id").column("received_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("request_notes").delete()
        for column in ["closure_kind", "closure_reason_sealed", "duplicate_of"] {
            try await database.schema("service_requests").deleteField(.key(.string(column))).update()
        }
    }
}
