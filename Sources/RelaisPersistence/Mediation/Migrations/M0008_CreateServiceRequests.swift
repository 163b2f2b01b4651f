import Fluent
import SQLKit

/// 0008 — requests to the mobile mediation team, with their screening and triage.
struct CreateServiceRequests: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateServiceRequests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("service_requests")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("source", .string, .required)
            .field("police_event_number", .string)
            .field("caller_sealed", .string)
            .field("address_sealed", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("territory_code", .string)
            .field("territory_name", .string)
            .field("territory_served", .bool, .required)
            .field("situation", .string, .required)
            .field("description_sealed", .string, .required)
            .field("people_count", .int, .required)
            .field("vulnerabilities", .string, .required)
            .field("danger_to_life", .bool, .required)
            .field("weapon", .bool, .required)
            .field("crime_in_progress", .bool, .required)
            .field("medical_emergency", .bool, .required)
            .field("triaged_outcome", .string, .required)
            .field("triaged_priority", .int)
            .field("outcome", .string, .required)
            .field("priority", .int)
            .field("override_reason_sealed", .string)
            // The team while one is sent, then the team that handled it. Teams (0009) are never deleted.
            .field("team_id", .uuid)
            .field("received_at", .datetime, .required)
            .field("dispatched_at", .datetime)
            .field("en_route_at", .datetime)
            .field("on_scene_at", .datetime)
            .field("cleared_at", .datetime)
            .field("created_by", .uuid, .required, .references("users", "id", onDelete: .restrict))
            .field("idempotency_key", .string)
            .field("idempotency_fingerprint", .string)
            .unique(on: "created_by", "idempotency_key")
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.create(index: "service_requests_queue_idx").on("service_requests")
            .column("organisation_id").column("outcome").column("received_at").run()
        try await sql?.create(index: "service_requests_team_idx").on("service_requests")
            .column("team_id").column("dispatched_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_requests").delete()
    }
}
