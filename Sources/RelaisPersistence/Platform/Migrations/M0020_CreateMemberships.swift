import Fluent
import Foundation
import SQLKit

/// 0020 — people hold several roles: `memberships` (user × organisation × role) replaces `users.role`. Each account's
/// role in its organisation becomes its first (home) membership; `users.organisation_id` stays the organisation the
/// account belongs to. `position` orders a person's memberships as they were granted (the first is the home one).
struct CreateMemberships: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on.
    var name: String { "RelaisPersistence.CreateMemberships" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("memberships")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .restrict))
            .field("role", .string, .required)
            .field("position", .int, .required)
            .field("granted_at", .datetime, .required)
            .field("granted_by", .uuid)
            .unique(on: "user_id", "organisation_id", "role")
            .create()
        // Every signed-in request reads an account's memberships in order: the index gives them sorted.
        try await sql.create(index: "memberships_by_user").on("memberships").column("user_id").column("position").run()
        let users = try await sql.select().columns("id", "organisation_id", "role", "created_at").from("users").all()
        for user in users {
            try await sql.insert(into: "memberships")
                .columns("id", "user_id", "organisation_id", "role", "position", "granted_at")
                .values(
                    SQLBind(UUID()), SQLBind(try user.decode(column: "id", as: UUID.self)),
                    SQLBind(try user.decode(column: "organisation_id", as: UUID.self)),
                    SQLBind(try user.decode(column: "role", as: String.self)), SQLBind(1),
                    SQLBind(try user.decode(column: "created_at", as: Date.self))
                )
                .run()
        }
        try await database.schema("users").deleteField("role").update()
    }

    /// Back to one role each: an account keeps its home membership's role.
    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await database.schema("users").field("role", .string).update()
        let homes = try await sql.select().columns("user_id", "role").from("memberships")
            .orderBy("position").all()
        var seen: Set<UUID> = []
        for home in homes {
            let user = try home.decode(column: "user_id", as: UUID.self)
            guard seen.insert(user).inserted else { continue }
            try await sql.update("users").set("role", to: try home.decode(column: "role", as: String.self))
                .where("id", .equal, user).run()
        }
        try await database.schema("memberships").delete()
    }
}
