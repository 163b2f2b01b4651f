import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// Sends on the messages nobody answered within the delay (`RELAIS_RESO_REPLY_HOURS`): to the colleague who covers
/// the sector's officer (their designated colleague, or one on duty in the same city) and to the service's
/// supervisors, by e-mail with a link — each message once, whichever instance gets there first.
struct MessageEscalation {
    let store: RelaisStore
    let services: AppServices

    /// Sends on every message overdue now; returns how many.
    @discardableResult
    func run() async throws -> Int {
        let reso = services.reso
        let hours = reso.settings.replyHours
        let now = store.now
        let overdue = try await store.residentMessages.overdue(
            receivedBy: now.addingTimeInterval(-Double(hours) * 3_600))
        guard !overdue.isEmpty else { return 0 }
        let directory = try await reso.book.current(store).directory
        let mail = ResoMail(services)
        var sent = 0
        var supervisorsOf: [Organisation.ID: [User.ID]] = [:]
        for message in overdue {
            let sector =
                directory.sector(message.sectorCode)
                ?? Sector(code: message.sectorCode, name: message.sectorCode, city: "")
            let officer = message.officerID.flatMap { directory.officer($0) }
            let cover =
                directory.cover(for: officer, in: sector, at: now, timeZone: services.config.timeZone)
                ?? officer?.coverID.flatMap { directory.officer($0) }
            let supervisors: [User.ID]
            if let known = supervisorsOf[message.organisationID] {
                supervisors = known
            } else {
                supervisors = try await store.accounts.members(of: message.organisationID)
                    .filter { $0.role == .sectorSupervisor }.map(\.user)
                supervisorsOf[message.organisationID] = supervisors
            }
            var recipients: [User] = []
            for id in (cover?.userID.map { [$0] } ?? []) + supervisors {
                if let user = try await store.accounts.user(id), user.isActive,
                    !recipients.contains(where: { $0.id == id })
                {
                    recipients.append(user)
                }
            }
            let notified = recipients
            let escalated = try await store.transaction { tx -> Bool in
                guard try await tx.residentMessages.escalate(message.id, to: cover?.id, note: cover?.name ?? "")
                else { return false }
                for user in notified {
                    _ = try await tx.outbox.enqueue(
                        mail.escalation(message, to: user.email, language: user.language, sector: sector, hours: hours),
                        purpose: "reso_escalation")
                }
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .residentMessageEscalated, resourceType: .residentMessage,
                        resourceID: message.id.description, purpose: cover?.id.description ?? "supervisors"))
                return true
            }
            if escalated { sent += 1 }
        }
        return sent
    }
}

/// Runs ``MessageEscalation`` every minute while the server runs (not in tests: they call it).
final class MessageEscalationLifecycle: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing else { return }
        let escalation = MessageEscalation(store: application.store, services: application.relais)
        let logger = application.logger
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        let sent = try await escalation.run()
                        if sent > 0 { logger.info("reso: \(sent) unanswered messages sent on") }
                    } catch {
                        logger.warning("reso: escalation failed, will try again: \(String(describing: error))")
                    }
                    try? await Task.sleep(for: .seconds(60))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
