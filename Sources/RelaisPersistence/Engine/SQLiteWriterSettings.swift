import Fluent
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import SQLKit

/// Which SQLite connections are set up for writing: how durable a commit is, and no checkpoints of their own.
///
/// In WAL mode, `synchronous = FULL` (the default, ``SQLiteDurability/full``) syncs the log at every commit, so an
/// acknowledged write survives a power cut; NORMAL syncs only at checkpoints. Checkpoints run beside the writers
/// (``SQLiteCheckpointer``, when the server runs one) instead of inside a commit, where they would hold SQLite's write
/// turn while the file syncs. The settings belong to a connection and Fluent opens connections without a hook, so a
/// write transaction applies them the first time it gets a connection, and not again (docs/PERFORMANCE.md).
final class SQLiteWriterSettings: Sendable {
    /// Whether a ``SQLiteCheckpointer`` runs (only then do writing connections stop checkpointing).
    let checkpointsElsewhere: Bool
    let durability: SQLiteDurability

    init(checkpointsElsewhere: Bool, durability: SQLiteDurability) {
        self.checkpointsElsewhere = checkpointsElsewhere
        self.durability = durability
    }

    /// Takes SQLite's write lock as a write transaction's first statement, with a write that changes nothing.
    ///
    /// Fluent begins SQLite transactions as `DEFERRED`: the lock would be taken at the first write, and a transaction
    /// that read before it, while another process (a `relais` command beside the server) committed, would fail
    /// with "database is locked" — SQLite cannot move a reading snapshot forward, so it does not wait. Taken first,
    /// the lock is waited for (SQLiteNIO's busy handler retries) and the snapshot is the latest.
    static func takeWriteLock(on transaction: any Database) async throws {
        guard let sql = transaction as? any SQLDatabase else { return }
        try await sql.raw("UPDATE audit_events SET sequence = sequence WHERE 0").run()
    }

    private struct Applied {
        weak var connection: SQLiteConnection?
    }

    private let applied = NIOLockedValueBox<[Applied]>([])

    /// Applies the settings on the connection behind `database`, unless it already has them.
    func apply(on database: any Database) async throws {
        guard let sqlite = database as? any SQLiteDatabase else { return }
        let connection = try await sqlite.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        let known = applied.withLockedValue { list in
            list.removeAll { $0.connection == nil }
            return list.contains { $0.connection === connection }
        }
        guard !known else { return }
        _ = try await connection.query(
            durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        if checkpointsElsewhere { _ = try await connection.query("PRAGMA wal_autocheckpoint = 0") }
        applied.withLockedValue { $0.append(Applied(connection: connection)) }
    }
}
