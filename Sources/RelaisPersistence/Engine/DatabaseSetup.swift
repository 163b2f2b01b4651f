import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where the data lives: a SQLite file (the default), SQLite in memory (tests) or PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public var engine: DatabaseEngine {
        switch self {
        case .sqliteFile, .sqliteMemory: .sqlite
        case .postgres: .postgres
        }
    }

    /// Connections each event loop's pool opens by default (SQLite writes take turns anyway; its readers do not).
    public var defaultConnectionsPerEventLoop: Int {
        engine == .sqlite ? 1 : 4
    }

    /// A second pool on the same SQLite file that only writes: a write transaction then never waits for a
    /// connection busy with reads (Fluent's SQLite pools keep one connection per event loop). `nil` for SQLite in
    /// memory (a second pool would open another database) and for PostgreSQL (one pool of several connections).
    public func writerConfiguration() -> DatabaseConfigurationFactory? {
        guard case .sqliteFile(let path) = self else { return nil }
        return .sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: nil)
    }

    /// The Fluent configuration for this location.
    /// - Parameter connectionsPerEventLoop: the pool's size per event loop (`RELAIS_DATABASE_POOL`); nil for the
    ///   default. A request that waits longer than 5 s for a connection is answered 503 with `Retry-After`.
    /// - Throws: when a PostgreSQL address cannot be parsed.
    public func configuration(connectionsPerEventLoop: Int? = nil) throws -> DatabaseConfigurationFactory {
        let maxConnectionsPerEventLoop = connectionsPerEventLoop ?? defaultConnectionsPerEventLoop
        return switch self {
        case .sqliteFile(let path):
            .sqlite(.file(path), maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, sqlLogLevel: nil)
        case .sqliteMemory:
            .sqlite(.memory, maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, sqlLogLevel: nil)
        case .postgres(let url):
            .postgres(
                configuration: try SQLPostgresConfiguration(url: url),
                maxConnectionsPerEventLoop: maxConnectionsPerEventLoop,
                connectionPoolTimeout: .seconds(5), encodingContext: .default, decodingContext: .default,
                sqlLogLevel: .trace)
        }
    }
}

/// Whether a SQLite commit waits for the disk (`PRAGMA synchronous` of the writing connections).
public enum SQLiteDurability: String, Sendable, CaseIterable {
    /// Every commit is on disk before it is acknowledged, as PostgreSQL's `synchronous_commit = on`: an acknowledged
    /// call survives a power cut. Group commit shares one sync among the writes that arrive together.
    case full
    /// The log is synced at checkpoints only: faster on slow disks, but a power cut may lose the last acknowledged
    /// commits (never corrupt the file). For a deployment that chooses speed, knowingly.
    case normal
}

extension DatabaseID {
    /// The SQLite file's writing pool (see ``DatabaseLocation/writerConfiguration()``).
    public static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}

extension RelaisStore {
    /// Puts a SQLite file in write-ahead-log mode (kept in the file): readers no longer wait for the writer, and a
    /// commit appends to the log instead of rewriting a rollback journal. Nothing to do on PostgreSQL.
    public func prepareEngine() async throws {
        guard engine == .sqlite, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
    }
}
