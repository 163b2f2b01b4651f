import Fluent
import SQLKit

/// 0016 — on PostgreSQL, one call that takes the audit chain's lock and then reads the chain's end, so that a group of
/// writes spends one round trip on both instead of two. The function is `VOLATILE`: its second statement takes a
/// fresh snapshot after the lock is held, and so sees the entry the lock's previous holder committed.
struct CreateAuditChainEnd: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateAuditChainEnd" }

    /// The advisory lock's key ("RELAIS"); every instance must use the same.
    static let lockKey: Int64 = 0x5245_4C41_4953

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE FUNCTION relais_audit_chain_end() RETURNS SETOF audit_events LANGUAGE sql VOLATILE AS $$
                SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.lockKey)));
                SELECT * FROM audit_events ORDER BY sequence DESC LIMIT 1;
            $$
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP FUNCTION relais_audit_chain_end()").run()
    }
}
