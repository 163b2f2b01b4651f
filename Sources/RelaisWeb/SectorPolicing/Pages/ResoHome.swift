import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// RÉSO's part of a home page: for an officer or a supervisor, the messages waiting for a first answer (the oldest
/// first, those sent on marked) and the officer's own card as the public sees it. Nothing the residents wrote.
enum ResoHome {
    static func sections(_ request: Request) async throws -> [HomeSection] {
        guard let actor = request.actor, AccessPolicy.decide(actor, Permission(.read, .residentMessage)).isAllowed
        else { return [] }
        let desk = ResoDesk(context: try request.deskContext())
        let waiting = try await desk.inbox().filter { $0.status == .new }.sorted { $0.receivedAt < $1.receivedAt }
        let now = request.store.now
        var items = waiting.prefix(8).map { message in
            HomeSection.Item(
                text: request.t(
                    "reso.home.waiting", message.reference, request.t(message.topic.labelKey),
                    String(max(0, Int(now.timeIntervalSince(message.receivedAt) / 3_600)))),
                link: MessagesPagesController.path(message.id), urgent: message.escalatedAt != nil)
        }
        if let officer = try await desk.ownOfficer(), let sector = officer.sectorCode {
            items.append(
                HomeSection.Item(
                    text: request.t("reso.home.card"), link: PublicPagesController.sectorPath(sector)))
        }
        return [
            HomeSection(title: request.t("reso.home.title"), items: items, empty: request.t("reso.home.none"))
        ]
    }
}
