import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// What the table needs done without anyone asking: the schedule's meetings of the coming four weeks added, and the
/// identities of situations concluded longer ago than the retention period destroyed (each destruction audited).
struct TableUpkeep {
    let store: RelaisStore
    let settings: TableSettings
    let timeZone: TimeZone

    /// Adds the coming meetings (another instance adding them at the same time is not an error).
    func schedule() async throws {
        do {
            try await store.transaction { tx in
                try await tx.meetings.schedule(
                    series: TableSettings.series, settings.schedule,
                    in: DateInterval(start: tx.now, duration: 28 * 86_400), timeZone: timeZone,
                    location: settings.location)
            }
        } catch StoreError.duplicate {
            return
        }
    }

    /// Destroys the identities due for destruction.
    /// - Returns: how many.
    @discardableResult
    func destroyDueIdentities() async throws -> Int {
        let retention = settings.retentionDays
        return try await store.transaction { tx in
            let destroyed = try await tx.situations.destroyIdentities(retentionDays: retention)
            for id in destroyed {
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .situationIdentityDestroyed, resourceType: .situation,
                        resourceID: id.description, purpose: "retention \(retention) days"))
            }
            return destroyed.count
        }
    }
}

/// Runs ``TableUpkeep`` every hour while the server runs (not in tests, which run it with their clock).
final class TableUpkeepLifecycle: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing else { return }
        let logger = application.logger
        let upkeep = TableUpkeep(
            store: application.store, settings: application.relais.table.settings,
            timeZone: application.relais.config.timeZone)
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        try await upkeep.schedule()
                        let destroyed = try await upkeep.destroyDueIdentities()
                        if destroyed > 0 { logger.info("table: \(destroyed) identities destroyed after retention") }
                    } catch {
                        logger.warning("table: upkeep failed, will try again: \(String(describing: error))")
                    }
                    try? await Task.sleep(for: .seconds(3_600))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
