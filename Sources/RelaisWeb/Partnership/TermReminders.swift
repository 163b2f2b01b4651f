import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// Reminds of terms ending within 90 days: an e-mail to the member and to each coordinator of the committee's
/// police service, once per term, whichever instance gets there first.
struct TermReminders {
    let store: RelaisStore
    let services: AppServices

    static let days = 90

    /// Sends the reminders due now; returns how many terms were reminded.
    @discardableResult
    func run() async throws -> Int {
        let today = Evening.day(of: store.now, timeZone: services.config.timeZone)
        guard let until = CivilDay.adding(days: Self.days, to: today) else { return 0 }
        let due = try await store.committees.unreminded(endingBy: until, today: today)
        guard !due.isEmpty else { return 0 }
        let mail = CommitteeMail(services)
        var sent = 0
        for mandate in due {
            guard let committee = try await store.committees.committee(mandate.committeeID),
                let member = try await store.committees.members(
                    [mandate.memberID], by: Reader(nil, for: .committeeMembers)
                ).first
            else { continue }
            var messages = [
                mail.termEnding(
                    mandate, committee: committee, memberName: member.identity.name, to: member.identity.email,
                    language: member.language)
            ]
            for membership in try await store.accounts.members(of: committee.organisationID)
            where membership.role == .committeeCoordinator {
                if let user = try await store.accounts.user(membership.user), user.isActive {
                    messages.append(
                        mail.termEnding(
                            mandate, committee: committee, memberName: member.identity.name, to: user.email,
                            language: user.language))
                }
            }
            let outgoing = messages
            let reminded = try await store.transaction { tx -> Bool in
                guard try await tx.committees.markReminded(mandate.id) else { return false }
                for message in outgoing { _ = try await tx.outbox.enqueue(message, purpose: "committee_term") }
                return true
            }
            if reminded { sent += 1 }
        }
        return sent
    }
}

/// Runs ``TermReminders`` every hour while the server runs (not in tests: they call it).
final class TermRemindersLifecycle: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing else { return }
        let reminders = TermReminders(store: application.store, services: application.relais)
        let logger = application.logger
        task.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    do {
                        let sent = try await reminders.run()
                        if sent > 0 { logger.info("committees: \(sent) term reminders sent") }
                    } catch {
                        logger.warning("committees: reminders failed, will try again: \(String(describing: error))")
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
