import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The committees' part of a home page: the coming meetings of the actor's committees, and for a coordinator the
/// terms ending within 90 days and the committees under their meetings for the year.
enum PartnershipHome {
    static func sections(_ request: Request) async throws -> [HomeSection] {
        guard let actor = request.actor, actor.holds(.committeeCoordinator) || actor.holds(.committeeMember) else {
            return []
        }
        let desk = CommitteeDesk(context: try request.deskContext())
        let committees = try await desk.committees()
        guard !committees.isEmpty else { return [] }
        let now = request.store.now
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: desk.timeZone)
        let coming = try await request.store.committeeMeetings.meetings(
            committees: committees.map(\.id), in: DateInterval(start: now, duration: 60 * 86_400)
        ).map(\.meeting).filter { $0.meeting.cancelledAt == nil }
        var items = coming.prefix(5).map { meeting in
            HomeSection.Item(
                text: request.t(
                    "committees.home.meeting",
                    committees.first { $0.id == meeting.committeeID }?.name(request.language) ?? "",
                    format.string(from: meeting.meeting.startsAt)),
                link: CommitteeMeetingsPagesController.path(meeting.id))
        }
        if !desk.coordinated.isEmpty {
            let mandates = try await request.store.committees.mandates(committees: committees.map(\.id))
            let year = DateInterval.calendarYear(CivilDay.year(desk.today), timeZone: desk.timeZone)
            let meetings = try await request.store.committeeMeetings.meetings(
                committees: committees.map(\.id), in: year
            ).map(\.meeting)
            for committee in committees {
                let ending = MandateRules.standing(of: committee, mandates: mandates, today: desk.today).endingSoon
                if !ending.isEmpty {
                    items.append(
                        HomeSection.Item(
                            text: request.t(
                                "committees.home.ending", committee.name(request.language), String(ending.count)),
                            link: CommitteesPagesController.path(committee), urgent: true))
                }
                if CommitteesPagesController.frequency(committee, meetings).tooFew {
                    items.append(
                        HomeSection.Item(
                            text: request.t("committees.home.too_few", committee.name(request.language)),
                            link: CommitteesPagesController.path(committee)))
                }
            }
        }
        return [
            HomeSection(
                title: request.t("committees.home.title"), items: items, empty: request.t("committees.home.none"))
        ]
    }
}
