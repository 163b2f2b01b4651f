import Fluent
import NIOConcurrencyHelpers
import RelaisCore

/// 0018 — the audit chain keyed with a secret outside the database: every entry's links and hashes rewritten from
/// plain SHA-256 to HMAC-SHA256 under a key derived from the deployment key, after the whole log was checked under
/// the old hashes (a broken log stops the migration: look at it with `relais audit verify` first). Reverting writes
/// the plain hashes back, after checking the keyed ones.
struct KeyAuditChain: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.KeyAuditChain" }

    let stores: StoreEnvironment

    func prepare(on database: any Database) async throws {
        try await rewrite(on: database, from: .unkeyed, to: stores.auditChain)
    }

    func revert(on database: any Database) async throws {
        try await rewrite(on: database, from: stores.auditChain, to: .unkeyed)
    }

    private func rewrite(on database: any Database, from current: AuditChain, to chain: AuditChain) async throws {
        let stores = stores
        try await database.transaction { transaction in
            try await stores.store(on: transaction).audit.rekey(from: current, to: chain)
        }
        stores.auditTail.withLockedValue { $0 = nil }
    }
}
