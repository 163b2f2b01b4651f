import Fluent
import SQLKit

/// 0017 — on PostgreSQL, a check that lets a group of writes append to the audit chain in one statement, without
/// first reading the chain's end: the group's first entry is chained to the end this process remembers, and the
/// value of its `previous_hash` is `relais_audit_chain_continues(sequence, hash)` of that end. The function takes the
/// chain's lock (the key of migration 0016, held until the statement commits), reads the end with a fresh snapshot
/// and returns `hash` if the end is still that entry; otherwise it fails with `serialization_failure`, and the whole
/// statement with it (the group then runs again as a transaction that reads the end).
struct CreateAuditChainCheck: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.CreateAuditChainCheck" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE FUNCTION relais_audit_chain_continues(expected_sequence bigint, expected_hash text) RETURNS text
            LANGUAGE plpgsql VOLATILE AS $$
            DECLARE
                last_sequence bigint;
                last_hash text;
            BEGIN
                PERFORM pg_advisory_xact_lock(\(unsafeRaw: String(CreateAuditChainEnd.lockKey)));
                SELECT sequence, hash INTO last_sequence, last_hash FROM audit_events ORDER BY sequence DESC LIMIT 1;
                IF last_sequence IS DISTINCT FROM expected_sequence OR last_hash IS DISTINCT FROM expected_hash THEN
                    RAISE EXCEPTION 'the audit chain no longer ends at entry %', expected_sequence
                        USING ERRCODE = 'serialization_failure';
                END IF;
                RETURN expected_hash;
            END
            $$
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP FUNCTION relais_audit_chain_continues(bigint, text)").run()
    }
}
