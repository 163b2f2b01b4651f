import Fluent
import SQLKit

/// 0006 — recent failed sign-ins, for throttling per account and per address.
struct CreateSignInFailures: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateSignInFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .id()
            .field("account_key", .string, .required)
            .field("address", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.create(index: "sign_in_failures_account_idx").on("sign_in_failures")
            .column("account_key").column("occurred_at").run()
        try await sql?.create(index: "sign_in_failures_address_idx").on("sign_in_failures")
            .column("address").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
