import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Wakes the team's screens when its queue changes: each screen asks for the queue after the version it shows and
/// waits (a long poll) until a newer one exists or a while has passed. On PostgreSQL a change is also a `NOTIFY` on
/// ``channel``, which every instance hears, so a screen served by another instance wakes too.
actor QueueSignal {
    /// The PostgreSQL channel of queue changes; the payload is the team's organisation id.
    static let channel = "relais_esup_queue"

    private var versions: [Organisation.ID: Int] = [:]
    private var waiters: [Organisation.ID: [UUID: CheckedContinuation<Int, Never>]] = [:]
    private var listener: Task<Void, Never>?

    /// The queue's current version (0 until its first change in this process).
    func version(of team: Organisation.ID) -> Int { versions[team] ?? 0 }

    /// The queue of `team` changed: every waiting screen wakes with the new version.
    func changed(_ team: Organisation.ID) {
        let version = (versions[team] ?? 0) + 1
        versions[team] = version
        for waiter in (waiters.removeValue(forKey: team) ?? [:]).values { waiter.resume(returning: version) }
    }

    /// Waits until the queue is newer than `seen`, or `timeout` passed; returns the version then.
    func wait(_ team: Organisation.ID, after seen: Int, timeout: Duration) async -> Int {
        let current = version(of: team)
        guard current == seen else { return current }
        let id = UUID()
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.expire(team, id)
        }
        let version = await withCheckedContinuation { continuation in
            waiters[team, default: [:]][id] = continuation
        }
        timer.cancel()
        return version
    }

    private func expire(_ team: Organisation.ID, _ id: UUID) {
        waiters[team]?.removeValue(forKey: id)?.resume(returning: version(of: team))
    }

    /// Wakes every waiting screen (at shutdown).
    func releaseAll() {
        for (team, list) in waiters {
            for waiter in list.values { waiter.resume(returning: version(of: team)) }
        }
        waiters = [:]
        listener?.cancel()
    }

    /// Listens for other instances' changes (PostgreSQL only).
    func listen(url: String, eventLoop: any EventLoop, logger: Logger) {
        listener = Task {
            await ChangeNotices.listen(
                to: Self.channel, url: url, eventLoop: eventLoop, logger: logger, onConnect: {},
                onChange: { [weak self] team in await self?.changed(team) })
        }
    }
}

/// What ÉSUP keeps for the process's life: the queue's signal.
struct ESUPServices: Sendable {
    let queue = QueueSignal()
}

extension AppServices {
    /// ÉSUP's services (the programme is enabled wherever its routes answer).
    var esup: ESUPServices {
        guard let services = programmes[ESUPServices.self] else {
            preconditionFailure("ÉSUP is not running in this deployment")
        }
        return services
    }
}

/// Starts and stops the queue's listener with the application.
struct QueueSignalLifecycle: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        if case .postgres(let url) = application.relais.config.database {
            await application.relais.esup.queue.listen(
                url: url, eventLoop: application.eventLoopGroup.any(), logger: application.logger)
        }
    }

    func shutdownAsync(_ application: Application) async {
        await application.relais.esup.queue.releaseAll()
    }
}
