import Fluent
import SQLKit

/// The mobile mediation team's migrations after those shipped before programmes were modules.
public enum MediationMigrations {
    public static func all(stores: StoreEnvironment) -> [any Migration] {
        [AddRequestClosures(), CreateBackupAlerts()]
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

/// A worker's call for backup, alerting every board until a dispatcher acknowledges it.
struct CreateBackupAlerts: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "Mediation.CreateBackupAlerts" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("backup_alerts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("team_id", .uuid, .required, .references("mobile_teams", "id", onDelete: .cascade))
            .field("request_id", .uuid, .references("service_requests", "id", onDelete: .setNull))
            .field("raised_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("raised_at", .datetime, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await sql.create(index: "backup_alerts_open").on("backup_alerts").column("organisation_id")
            .column("acknowledged_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("backup_alerts").delete()
    }
}
