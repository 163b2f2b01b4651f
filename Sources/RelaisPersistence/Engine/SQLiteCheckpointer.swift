import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Copies a SQLite file's write-ahead log back into the file, once a second, on a connection of its own.
///
/// The writing connections do not checkpoint (`wal_autocheckpoint = 0`, ``SQLiteSyncSetting``): a checkpoint
/// there would sync the file inside SQLite's write turn and hold every waiting write. A passive checkpoint
/// here runs beside the writers and never waits for them; the log restarts from its beginning once it has been
/// copied, so it stays small.
public final class SQLiteCheckpointer: Sendable {
    private let task: Task<SQLiteConnection?, Never>
    private let logger: Logger

    /// Starts checkpointing `path` every `interval`.
    public init(
        path: String, threadPool: NIOThreadPool, eventLoop: any EventLoop, logger: Logger,
        interval: Duration = .seconds(1)
    ) {
        self.logger = logger
        task = Task {
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            } catch {
                logger.error("SQLite checkpoint connection failed", metadata: ["error": "\(error)"])
                return nil
            }
            while (try? await Task.sleep(for: interval)) != nil {
                await Self.checkpoint(connection, logger: logger)
            }
            return connection
        }
    }

    /// Runs a last checkpoint and closes the connection.
    public func stop() async {
        task.cancel()
        // The last checkpoint runs here, outside the cancelled task, where it is not refused.
        guard let connection = await task.value else { return }
        await Self.checkpoint(connection, logger: logger)
        do {
            try await connection.close()
        } catch {
            logger.warning("SQLite checkpoint connection did not close", metadata: ["error": "\(error)"])
        }
    }

    private static func checkpoint(_ connection: SQLiteConnection, logger: Logger) async {
        do {
            _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)")
        } catch {
            logger.warning("SQLite checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
