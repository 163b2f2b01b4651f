import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// Carries board changes to the live boards of every instance.
///
/// On PostgreSQL a change is a `NOTIFY` that every instance (this one included) hears on its own `LISTEN`
/// connection, then refreshes its boards; on SQLite, which runs one instance, the change goes straight to the
/// hub.
final class BoardFeed: Sendable {
    let hub: BoardHub
    private let engine: DatabaseEngine
    private let listener = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(hub: BoardHub, engine: DatabaseEngine) {
        self.hub = hub
        self.engine = engine
    }

    /// Announces that the organisation's board changed (call after the change is committed).
    func publish(_ organisationID: Organisation.ID, store: RelaisStore) async {
        if engine == .postgres {
            do {
                try await ChangeNotices.notifyBoardChanged(organisationID, on: store)
                return
            } catch {
                // The change is saved; at least this instance's boards will show it.
            }
        }
        await hub.refresh(organisationID)
    }

    /// Announces, inside the transaction that makes a change, that the organisation's board changed: on PostgreSQL
    /// the notice leaves with the commit (and a group of writes sends one). Call ``publishAnnounced(_:)`` after the
    /// commit.
    func announce(_ organisationID: Organisation.ID, in transaction: RelaisStore) async throws {
        try await ChangeNotices.notifyBoardChanged(organisationID, on: transaction)
    }

    /// After the commit of a change announced with ``announce(_:in:)``: tells this instance's boards on SQLite (on
    /// PostgreSQL, the notice does, on every instance).
    func publishAnnounced(_ organisationID: Organisation.ID) async {
        if engine != .postgres { await hub.refresh(organisationID) }
    }

    /// Starts listening for other instances' changes (PostgreSQL only).
    func start(url: String, eventLoop: any EventLoop, logger: Logger) {
        let hub = self.hub
        let task = Task {
            await ChangeNotices.listenForBoardChanges(
                url: url, eventLoop: eventLoop, logger: logger,
                onConnect: { await hub.refreshAll() },
                onChange: { await hub.refresh($0) })
        }
        listener.withLockedValue { $0 = task }
    }

    func stop() async {
        listener.withLockedValue { $0 }?.cancel()
        await hub.closeAll()
    }
}

/// Starts and stops the feed with the application.
struct BoardFeedLifecycle: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        if case .postgres(let url) = application.relais.config.database {
            application.relais.mediation.board.start(
                url: url, eventLoop: application.eventLoopGroup.any(), logger: application.logger)
        }
    }

    func shutdownAsync(_ application: Application) async {
        await application.relais.mediation.board.stop()
    }
}
