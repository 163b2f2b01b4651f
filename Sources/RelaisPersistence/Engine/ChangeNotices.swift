import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import RelaisCore
import SQLKit

/// Notices that an organisation's live board changed, shared by every instance through PostgreSQL's
/// LISTEN/NOTIFY. (SQLite runs one instance, which tells its own boards directly.)
public enum ChangeNotices {
    /// The PostgreSQL channel of board changes; the payload is the organisation's id.
    public static let boardChannel = "relais_board"

    /// Sends a board-change notice to every instance listening (PostgreSQL only). Inside a transaction, the notice
    /// leaves with the commit, and a group of writes sends one per organisation (``RelaisStore/groupedTransaction(_:)``).
    public static func notifyBoardChanged(_ organisationID: Organisation.ID, on store: RelaisStore) async throws {
        try await notify(boardChannel, organisationID, on: store)
    }

    /// Sends a notice on a programme's `channel` that something of `organisationID` changed (PostgreSQL only; as
    /// ``notifyBoardChanged(_:on:)``).
    public static func notify(_ channel: String, _ organisationID: Organisation.ID, on store: RelaisStore)
        async throws
    {
        guard store.engine == .postgres else { return }
        try await store.notify(channel, payload: organisationID.description)
    }

    /// Listens for board-change notices on a connection of its own until the task is cancelled, reconnecting
    /// after a second when the connection drops. `onConnect` runs at each (re)connection: notices sent while
    /// disconnected are lost, so the caller refreshes everything then.
    public static func listenForBoardChanges(
        url: String, eventLoop: any EventLoop, logger: Logger,
        onConnect: @escaping @Sendable () async -> Void,
        onChange: @escaping @Sendable (Organisation.ID) async -> Void
    ) async {
        await listen(
            to: boardChannel, url: url, eventLoop: eventLoop, logger: logger, onConnect: onConnect, onChange: onChange)
    }

    /// Listens on `channel` as ``listenForBoardChanges(url:eventLoop:logger:onConnect:onChange:)`` does on the
    /// board's.
    public static func listen(
        to channel: String, url: String, eventLoop: any EventLoop, logger: Logger,
        onConnect: @escaping @Sendable () async -> Void,
        onChange: @escaping @Sendable (Organisation.ID) async -> Void
    ) async {
        while !Task.isCancelled {
            do {
                let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
                let connection = try await PostgresConnection.connect(
                    on: eventLoop, configuration: configuration, id: 0, logger: logger)
                try await withTaskCancellationHandler {
                    let notices = try await connection.listen(channel)
                    await onConnect()
                    for try await notice in notices {
                        if let id = Organisation.ID(notice.payload) { await onChange(id) }
                    }
                } onCancel: {
                    _ = connection.close() as EventLoopFuture<Void>
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "\(channel) notices: connection lost, retrying", metadata: ["error": "\(type(of: error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
