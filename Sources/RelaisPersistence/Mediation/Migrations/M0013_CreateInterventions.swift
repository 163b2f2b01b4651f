import Fluent
import SQLKit

/// 0013 — what mobile teams did on scene: one intervention per request, its parties (identifying details sealed)
/// and the services given, referrals carrying the receiving resource's answer.
struct CreateInterventions: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateInterventions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("interventions")
            .id()
            .field("request_id", .uuid, .required, .references("service_requests", "id", onDelete: .restrict))
            .field("team_id", .uuid, .required, .references("mobile_teams", "id", onDelete: .restrict))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("started_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("outcome", .string)
            .field("police_avoided", .bool)
            .field("minutes_on_scene", .int)
            .unique(on: "request_id")
            .create()
        try await database.schema("intervention_parties")
            .id()
            .field("intervention_id", .uuid, .required, .references("interventions", "id", onDelete: .cascade))
            .field("ordinal", .int, .required)
            .field("role", .string, .required)
            .field("number", .int, .required)
            .field("identity_sealed", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "intervention_id", "role", "number")
            .create()
        try await database.schema("intervention_services")
            .id()
            .field("intervention_id", .uuid, .required, .references("interventions", "id", onDelete: .cascade))
            .field("ordinal", .int, .required)
            .field("kind", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("detail_sealed", .string, .required)
            .field("resource_service_id", .string)
            .field("resource_name", .string)
            .field("resource_address", .string)
            .field("departed_at", .datetime)
            .field("arrived_at", .datetime)
            .field("answer", .string)
            .field("answer_due_at", .datetime)
            .field("answered_at", .datetime)
            .field("answered_by", .uuid, .references("users", "id", onDelete: .setNull))
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.create(index: "intervention_parties_intervention_idx").on("intervention_parties")
            .column("intervention_id").run()
        try await sql?.create(index: "intervention_services_intervention_idx").on("intervention_services")
            .column("intervention_id").column("ordinal").run()
        // Referrals awaiting a resource's answer, for its staff.
        try await sql?.create(index: "intervention_services_referral_idx").on("intervention_services")
            .column("resource_service_id").column("answer").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["intervention_services", "intervention_parties", "interventions"] {
            try await database.schema(table).delete()
        }
    }
}
