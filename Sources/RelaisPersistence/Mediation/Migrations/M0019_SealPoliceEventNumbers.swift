import Fluent
import Foundation
import RelaisCore
import SQLKit

/// 0019 — the police event number sealed like the other identifying fields of a request (a police file can be
/// looked up by it, so it identifies the people in it): `police_event_number_sealed` replaces the plaintext column,
/// existing numbers sealed on the way. Nothing searches by it, so it has no blind index.
struct SealPoliceEventNumbers: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.SealPoliceEventNumbers" }

    let stores: StoreEnvironment

    func prepare(on database: any Database) async throws {
        try await database.schema("service_requests").field("police_event_number_sealed", .string).update()
        try await copy(on: database, from: "police_event_number", to: "police_event_number_sealed") {
            stores.cipher.seal($0)
        }
        try await database.schema("service_requests").deleteField("police_event_number").update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_requests").field("police_event_number", .string).update()
        try await copy(on: database, from: "police_event_number_sealed", to: "police_event_number") {
            try stores.cipher.open($0)
        }
        try await database.schema("service_requests").deleteField("police_event_number_sealed").update()
    }

    private func copy(
        on database: any Database, from source: String, to target: String, _ transform: (String) throws -> String
    ) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let rows = try await sql.select().column("id").column(source).from("service_requests")
            .where(SQLIdentifier(source), .isNot, SQLLiteral.null).all()
        for row in rows {
            let value = try transform(try row.decode(column: source, as: String.self))
            try await sql.update("service_requests").set(SQLIdentifier(target), to: value)
                .where("id", .equal, try row.decode(column: "id", as: UUID.self)).run()
        }
    }
}
