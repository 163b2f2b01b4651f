import Fluent
import SQLKit

/// ÉSUP's records: the evenings' duos, the consults (the request's identifying parts, the advice and the
/// assessment sealed), the support plans (sealed) and the follow-up tasks.
struct CreatePsychosocialSupport: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "PsychosocialSupport.CreatePsychosocialSupport" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        // The organisation whose officers and social workers form the duos (one per deployment).
        try await database.schema("esup_teams")
            .field("organisation_id", .uuid, .identifier(auto: false), .references("organisations", "id"))
            .field("recorded_at", .datetime, .required)
            .create()
        try await database.schema("esup_duos")
            .id()
            .field("team_id", .uuid, .required, .references("organisations", "id"))
            .field("evening", .string, .required)
            .field("call_sign", .string, .required)
            .field("officer_id", .uuid, .required, .references("users", "id"))
            .field("social_worker_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("status_since", .datetime, .required)
            .unique(on: "team_id", "evening", "call_sign")
            .create()
        try await database.schema("esup_consults")
            .id()
            .field("reference", .string, .required)
            .field("team_id", .uuid, .required, .references("organisations", "id"))
            .field("requester_organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("requested_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("requested_at", .datetime, .required)
            // The evening (`2026-11-27`, local, begun before 6 h) and the hour, so measures group on either engine.
            .field("evening", .string, .required)
            .field("hour", .int, .required)
            .field("request_sealed", .string, .required)
            .field("situations", .string, .required)
            .field("mode", .string, .required)
            .field("emergency_first", .bool, .required)
            .field("stage", .string, .required)
            .field("duo_id", .uuid, .references("esup_duos", "id"))
            .field("accepted_at", .datetime)
            .field("arrived_at", .datetime)
            .field("officers_freed_at", .datetime)
            .field("officer_minutes", .int)
            .field("closed_at", .datetime)
            .field("advice_sealed", .string)
            .field("assessment_sealed", .string)
            .field("outcome", .string)
            .field("legal_ground", .string)
            .field("resource_ids", .string)
            .field("person_id", .uuid, .references("persons", "id"))
            .unique(on: "reference")
            .create()
        try await sql.create(index: "esup_consults_by_stage").on("esup_consults").column("team_id").column("stage")
            .run()
        try await sql.create(index: "esup_consults_by_person").on("esup_consults").column("person_id").run()
        try await sql.create(index: "esup_consults_by_requester").on("esup_consults").column("requested_by").run()
        try await database.schema("esup_support_plans")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("team_id", .uuid, .required, .references("organisations", "id"))
            .field("content_sealed", .string, .required)
            .field("review_on", .string, .required)
            .field("written_at", .datetime, .required)
            .field("written_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        try await sql.create(index: "esup_support_plans_by_person").on("esup_support_plans").column("person_id").run()
        try await database.schema("esup_tasks")
            .id()
            .field("team_id", .uuid, .required, .references("organisations", "id"))
            .field("consult_id", .uuid, .references("esup_consults", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("persons", "id", onDelete: .cascade))
            .field("what_sealed", .string, .required)
            .field("assignee_id", .uuid, .required, .references("users", "id"))
            .field("due_on", .string, .required)
            .field("done_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["esup_tasks", "esup_support_plans", "esup_consults", "esup_duos", "esup_teams"] {
            try await database.schema(table).delete()
        }
    }
}
