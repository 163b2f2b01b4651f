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

    /// Connections each event loop's pool may open (SQLite writes take turns anyway).
    public var maxConnectionsPerEventLoop: Int {
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
    /// - Throws: when a PostgreSQL address cannot be parsed.
    public func configuration() throws -> DatabaseConfigurationFactory {
        switch self {
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
