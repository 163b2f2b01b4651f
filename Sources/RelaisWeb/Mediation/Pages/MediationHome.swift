import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile mediation team's part of a home page: for a dispatcher, the calls for backup, the waiting requests
/// (oldest first) and the teams free; for a worker, their team and its assignment. Nothing that identifies anyone.
enum MediationHome {
    static func sections(_ request: Request) async throws -> [HomeSection] {
        guard let actor = request.actor else { return [] }
        var sections: [HomeSection] = []
        if let organisation = actor.organisations(for: Permission(.read, .serviceRequest)).first,
            AccessPolicy.decide(actor, Permission(.update, .serviceRequest)).isAllowed
        {
            let board = try await BoardSnapshot.build(for: organisation, store: request.store)
            let waiting = board.requests.filter { $0.status == RequestStatus.waiting.rawValue }
            let free = board.teams.filter { $0.status == TeamStatus.available.rawValue }
            var items = board.alerts.map {
                HomeSection.Item(
                    text: request.t("mediation.board.backup_from") + " " + $0.teamName, link: "/tableau", urgent: true)
            }
            items += waiting.prefix(5).map {
                HomeSection.Item(
                    text: request.t(
                        "mediation.home.waiting", request.t("mediation.situation.\($0.situation)"),
                        $0.territoryName ?? "—",
                        String(max(0, Int(request.store.now.timeIntervalSince($0.receivedAt) / 60)))),
                    link: "/demandes/\($0.id)", urgent: $0.priority <= Priority.high.rawValue)
            }
            items.append(
                HomeSection.Item(
                    text: request.t("mediation.home.counts", String(waiting.count), String(free.count)),
                    link: "/tableau"))
            sections.append(
                HomeSection(
                    title: request.t("mediation.home.dispatch"), items: items, empty: request.t("mediation.home.none")))
        }
        if AccessPolicy.decide(actor, Permission(.update, .teamStatus)) == .allowed(.related(.ownTeam)),
            let team = try await request.store.teams.team(memberID: actor.userID)
        {
            var items = [
                HomeSection.Item(
                    text: request.t("mediation.home.team", team.name, request.t(team.status.labelKey)),
                    link: MobilePagesController.path)
            ]
            if let current = team.currentRequestID,
                let summary = try await request.store.serviceRequests.summary(current)
            {
                items.append(
                    HomeSection.Item(
                        text: request.t(
                            "mediation.home.assignment", request.t("mediation.situation.\(summary.situation)"),
                            summary.territoryName ?? "—"), link: MobilePagesController.path, urgent: true))
            }
            sections.append(
                HomeSection(
                    title: request.t("mediation.home.my_team"), items: items, empty: request.t("mediation.home.none")))
        }
        if AccessPolicy.decide(actor, Permission(.update, .resourceDirectory)).isAllowed {
            let desk = ResourceDesk(context: try request.deskContext())
            let awaiting = try await desk.awaitingReferrals()
            let coming = try await desk.escorts().filter { $0.arrivedAt == nil }
            var items = coming.map {
                HomeSection.Item(
                    text: request.t("mediation.home.escort_coming", $0.teamName, $0.resourceName),
                    link: "/ma-ressource",
                    urgent: true)
            }
            if awaiting > 0 {
                items.append(
                    HomeSection.Item(
                        text: request.t("mediation.home.referrals_awaiting", String(awaiting)), link: "/ma-ressource",
                        urgent: true))
            }
            sections.append(
                HomeSection(
                    title: request.t("mediation.home.my_resource"), items: items,
                    empty: request.t("mediation.home.resource_nothing")))
        }
        return sections
    }
}
