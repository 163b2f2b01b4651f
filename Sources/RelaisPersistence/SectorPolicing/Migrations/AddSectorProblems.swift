import Fluent
import SQLKit

/// RÉSO's problems (SARA: the analysis, partners and actions sealed; the title and place name a place or a pattern),
/// and, on each message, the grid cell of its point (repeat places are counted by cell, without opening anything)
/// and the problem it is linked to.
struct AddSectorProblems: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "SectorPolicing.AddSectorProblems" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("reso_problems")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("sector_code", .string, .required)
            .field("title", .string, .required)
            .field("place", .string, .required)
            .field("cell", .string)
            .field("stage", .string, .required)
            .field("work_sealed", .string, .required)
            .field("assessment", .string)
            .field("opened_at", .datetime, .required)
            .field("opened_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("closed_at", .datetime)
            .create()
        try await sql.create(index: "reso_problems_by_sector").on("reso_problems").column("sector_code").run()
        try await database.schema("reso_problem_actions")
            .id()
            .field("problem_id", .uuid, .required, .references("reso_problems", "id", onDelete: .cascade))
            .field("what_sealed", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string, .required)
            .field("done_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "reso_problem_actions_by_problem").on("reso_problem_actions").column("problem_id")
            .run()
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema("reso_messages").field("cell", .string).update()
        try await database.schema("reso_messages")
            .field("problem_id", .uuid, .references("reso_problems", "id", onDelete: .setNull)).update()
        try await sql.create(index: "reso_messages_by_cell").on("reso_messages").column("cell").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.drop(index: "reso_messages_by_cell").run()
        try await database.schema("reso_messages").deleteField("problem_id").update()
        try await database.schema("reso_messages").deleteField("cell").update()
        try await database.schema("reso_problem_actions").delete()
        try await database.schema("reso_problems").delete()
    }
}
