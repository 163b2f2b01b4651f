import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A resident's message from the public page, without an account: the gates first (per device and per address),
/// then the safety questions and the fields; kept with its audit entry and the resident's receipt in one
/// transaction.
struct ResidentDesk {
    let store: RelaisStore
    let services: AppServices
    let requestID: String?

    var reso: ResoServices { services.reso }

    /// Who sent it, for the gates: the network address, and the device's cookie if it has one.
    struct Sender {
        let address: String
        let device: String?
    }

    /// Sends the message to the officer of `sectorCode`.
    /// - Throws: ``MessageRefusal/tooMany`` past the limits, ``MessageRefusal`` or ``ValidationError`` from the
    ///   rules; a sector that does not exist answers 404.
    func send(_ form: MessageRules.Form, to sectorCode: String, from sender: Sender, language: Language) async throws
        -> ResidentMessage
    {
        let snapshot = try await reso.book.current(store)
        guard let sector = snapshot.directory.sector(sectorCode) else { throw Abort(.notFound) }
        let now = store.now
        let limits = MessageRules.sendLimits
        let addressKey = "address:" + sender.address
        let deviceKey = sender.device.map { "device:" + $0 }
        let decision = limits.decide(
            accountFailures: deviceKey.map { reso.messages.recent($0, window: limits.window, now: now) } ?? [],
            addressFailures: reso.messages.recent(addressKey, window: limits.window, now: now), now: now)
        guard decision == .allowed else { throw MessageRefusal.tooMany }
        let content = try MessageRules.compose(form)
        let answer = snapshot.directory.answer(for: sectorCode, at: now, in: services.config.timeZone)
        let officer = answer?.officer
        guard
            let service = officer?.organisationID ?? answer?.cover?.organisationID
                ?? snapshot.directory.officers.first?.organisationID
        else { throw MessageRefusal.noOfficer }
        let mail = ResoMail(services)
        let requestID = requestID
        let message = try await store.transaction { tx in
            let message = try await tx.residentMessages.receive(
                content, organisation: service, sector: sectorCode, officer: officer?.id, language: language)
            if let receipt = mail.receipt(message, sector: sector, officer: officer) {
                _ = try await tx.outbox.enqueue(receipt, purpose: "reso_receipt")
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .residentMessageReceived, resourceType: .residentMessage,
                    resourceID: message.id.description, purpose: sectorCode, requestID: requestID))
            return message
        }
        reso.messages.record(addressKey, window: limits.window, now: now)
        if let deviceKey { reso.messages.record(deviceKey, window: limits.window, now: now) }
        return message
    }
}
