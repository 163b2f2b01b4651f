import Foundation
import NIOConcurrencyHelpers
import NIOCore
import RelaisCore
import RelaisPersistence
import Vapor

/// Sends the outbox through the configured SMTP server: claims the messages due, hands each over, marks it sent, or
/// failed with its next attempt (a refusal that is not temporary gives up at once). Without a server configured,
/// messages wait, and the administrator's page says why.
struct MailSender: Sendable {
    let store: RelaisStore
    let client: SMTPClient?
    let from: String
    let logger: Logger
    /// How long a claimed message is this sender's before another may take it (a sender that stopped mid-way).
    static let lease: TimeInterval = 120

    /// One pass over the due messages.
    /// - Returns: how many were sent.
    @discardableResult
    func sendDue(limit: Int = 20) async throws -> Int {
        guard let client else { return 0 }
        var sent = 0
        for entry in try await store.outbox.claimDue(limit: limit, lease: Self.lease) {
            let rendered = entry.message.rendered(
                from: from, messageID: "\(entry.id.uuidString.lowercased())@relais", date: store.now,
                boundary: "relais-\(entry.id.uuidString.lowercased())")
            do {
                try await client.send(rendered, from: from, to: entry.message.to)
                try await store.outbox.markSent(entry.id)
                sent += 1
            } catch {
                let failure = error as? SMTPClient.Failure
                let permanent = failure.map { !$0.isTransient } ?? false
                logger.warning(
                    "mail: message \(entry.id) (\(entry.purpose)) not sent, attempt \(entry.attempts + 1): \(String(describing: error))"
                )
                try await store.outbox.markFailed(
                    entry.id, attempts: entry.attempts + 1, error: String(describing: error), permanent: permanent)
            }
        }
        return sent
    }
}

extension Application {
    /// The outbox's sender on the application's database.
    var mailSender: MailSender {
        let config = relais.config
        return MailSender(
            store: store,
            client: config.smtp.map { SMTPClient(settings: $0, heloName: config.mailHeloName, group: eventLoopGroup) },
            from: config.mailFrom, logger: logger)
    }
}

/// Runs ``MailSender`` every two seconds while the server runs (tests run passes themselves).
final class MailSenderLifecycle: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing, application.relais.config.smtp != nil else { return }
        let sender = application.mailSender
        let logger = application.logger
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        try await sender.sendDue()
                    } catch {
                        logger.warning(
                            "mail: the outbox could not be read, will try again: \(String(describing: error))")
                    }
                    try? await Task.sleep(for: .seconds(2))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
