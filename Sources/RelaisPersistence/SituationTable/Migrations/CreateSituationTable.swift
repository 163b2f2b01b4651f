import Fluent
import SQLKit

/// The situation table's records: its agencies and their agreements, the risk taxonomy's versions, situations and
/// their risk factors, the agencies' votes, the intervening agencies, the trends' counters, and the sealed identities (deleted when a
/// situation is rejected or its retention period ends).
struct CreateSituationTable: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "SituationTable.CreateSituationTable" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("table_agencies")
            .field("organisation_id", .uuid, .identifier(auto: false), .references("organisations", "id"))
            .field("sector", .string, .required)
            .field("agreement_signed_on", .datetime)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("risk_taxonomies")
            .field("version", .string, .identifier(auto: false))
            .field("imported_at", .datetime, .required)
            .field("document", .string, .required)
            .create()
        try await database.schema("situations")
            .id()
            .field("reference", .string, .required)
            .field("originating_agency_id", .uuid, .required, .references("organisations", "id"))
            .field("originating_sector", .string, .required)
            .field("opened_at", .datetime, .required)
            // The month opened, in the deployment's time zone (`2026-11`), so trends group by it on either engine.
            .field("opened_month", .string, .required)
            .field("opened_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("stage", .string, .required)
            .field("taxonomy_version", .string)
            .field("subject", .string)
            .field("age_cohorts", .string)
            .field("genders", .string)
            .field("summary_sealed", .string)
            .field("meeting_id", .uuid, .references("meetings", "id"))
            .field("brought_at", .datetime)
            .field("decided_at", .datetime)
            .field("rejection_reason", .string)
            .field("lead_agency_id", .uuid, .references("organisations", "id"))
            .field("lead_sector", .string)
            .field("identity_shared_until", .datetime)
            .field("revealed_at", .datetime)
            .field("first_intervention_at", .datetime)
            // Hours from the table's decision to the first intervention, for the trends.
            .field("hours_to_intervention", .int)
            .field("services_sealed", .string)
            .field("report_back_meeting_id", .uuid, .references("meetings", "id"))
            .field("conclusion", .string)
            .field("concluded_at", .datetime)
            .field("identity_destroyed_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema("situation_factors")
            .field("situation_id", .uuid, .required, .references("situations", "id", onDelete: .cascade))
            .field("factor_code", .string, .required)
            .field("category_code", .string, .required)
            .unique(on: "situation_id", "factor_code")
            .create()
        try await database.schema("situation_assisting")
            .field("situation_id", .uuid, .required, .references("situations", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("position", .int, .required)
            .unique(on: "situation_id", "organisation_id")
            .create()
        try await database.schema("situation_votes")
            .field("situation_id", .uuid, .required, .references("situations", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("meets_threshold", .bool, .required)
            .field("voted_at", .datetime, .required)
            .field("voted_by", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "situation_id", "organisation_id")
            .create()
        // The trends' counters, kept with every save (TrendCounts): month × dimension × value → count.
        try await database.schema("situation_counts")
            .field("month", .string, .required)
            .field("dimension", .string, .required)
            .field("value", .string, .required)
            .field("count", .int, .required)
            .unique(on: "month", "dimension", "value")
            .create()
        try await database.schema("situation_identities")
            .field("situation_id", .uuid, .identifier(auto: false), .references("situations", "id"))
            .field("identity_sealed", .string, .required)
            .create()
        // Agendas, an agency's own situations, the trends by month, the identities due for destruction.
        try await sql.create(index: "situations_by_meeting").on("situations").column("meeting_id").run()
        try await sql.create(index: "situations_by_report_back").on("situations").column("report_back_meeting_id").run()
        try await sql.create(index: "situations_by_agency").on("situations").column("originating_agency_id")
            .column("opened_at").run()
        try await sql.create(index: "situations_by_month").on("situations").column("opened_month").run()
        try await sql.create(index: "situation_factors_by_code").on("situation_factors").column("factor_code").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "situation_identities", "situation_counts", "situation_votes", "situation_assisting", "situation_factors",
            "situations",
            "risk_taxonomies", "table_agencies",
        ] {
            try await database.schema(table).delete()
        }
    }
}
