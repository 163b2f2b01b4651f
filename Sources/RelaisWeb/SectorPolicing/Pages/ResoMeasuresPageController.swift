import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/mesures`: RÉSO's measures for a police service over a period — messages per sector and by topic, the time
/// to a first reply (median, 90th percentile), messages sent on unanswered, contacts by kind, problems opened and
/// resolved, repeat places — as charts and tables, every count under the threshold withheld. For analysts and supervisors.
struct ResoMeasuresPageController {
    static let path = "/reso/mesures"
    static let periods = [30, 90, 365]

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "reso", "mesures", access: .signedIn, use: show)
    }

    struct Screen: Encodable {
        let periods: [Choice]
        let messages: String
        let answered: String
        let median: String
        let p90: String
        let escalated: String
        let problemsOpened: String
        let problemsResolved: String
        let repeatPlaces: String
        let threshold: Int
        let sections: [ChartSection]
    }

    @Sendable func show(_ request: Request) async throws -> View {
        let actor = try request.deskContext().actor
        let service: Organisation.ID
        if let supervised = actor.memberships.first(where: { $0.role == .sectorSupervisor })?.organisationID {
            service = supervised
        } else if actor.holds(.analyst), AccessPolicy.decide(actor, Permission(.read, .statistics)).isAllowed,
            let any = try await request.relais.reso.book.current(request.store).directory.officers.first
        {
            service = any.organisationID
        } else {
            throw AccessError.forbidden
        }
        let days = request.query[Int.self, at: "jours"].flatMap { Self.periods.contains($0) ? $0 : nil } ?? 90
        let now = request.store.now
        let interval = DateInterval(start: now.addingTimeInterval(-Double(days) * 86_400), end: now)
        let store = request.store
        let rows = try await store.residentMessages.measureRows(organisation: service, in: interval)
        let problems = try await store.sectorProblems.list(organisation: service, sectors: nil)
        let events =
            try await store.sectorProblems.events(organisation: service, since: interval.start)
            + store.sectorContacts.events(organisation: service, since: interval.start)
        let places = RepeatPlaces.signals(events, now: now, days: days, minimum: ResoDesk.repeatMinimum)
        let measures = ResoMeasures.of(rows, problems: problems, repeatPlaces: places.count, in: interval)
        let contacts = try await store.sectorContacts.counts(organisation: service, in: interval)
        let threshold = request.relais.config.statisticsThreshold
        let withheld = request.t("reso.measures.withheld")
        let directory = try await request.relais.reso.book.current(store).directory
        func shown(_ count: Int) -> String { count >= threshold || count == 0 ? String(count) : withheld }
        func section(_ id: String, _ title: String, _ items: [(String, Int)]) -> ChartSection {
            let (counts, total) = SmallCells.suppress(items.map(\.1), threshold: threshold)
            return ChartSection(
                id: id, title: title, items: zip(items, counts).map { (label: $0.0.0, count: $0.1) },
                total: total.map(String.init) ?? withheld, withheld: withheld)
        }
        let enough = measures.answered >= threshold
        func hours(_ value: Double?) -> String {
            guard enough else { return withheld }
            return value.map { String(format: "%.1f h", $0) } ?? "—"
        }
        let screen = Screen(
            periods: Self.periods.map {
                Choice(value: String($0), label: request.t("reso.measures.days", String($0)), checked: $0 == days)
            }, messages: shown(measures.messages), answered: shown(measures.answered),
            median: hours(measures.replyHoursMedian), p90: hours(measures.replyHoursP90),
            escalated: shown(measures.escalated), problemsOpened: shown(measures.problemsOpened),
            problemsResolved: shown(measures.problemsResolved), repeatPlaces: String(measures.repeatPlaces),
            threshold: threshold,
            sections: [
                section(
                    "sectors", request.t("reso.measures.by_sector"),
                    directory.sectors.map { ("\($0.city) — \($0.name)", measures.bySector[$0.code] ?? 0) }),
                section(
                    "topics", request.t("reso.measures.by_topic"),
                    MessageTopic.allCases.map { (request.t($0.labelKey), measures.byTopic[$0] ?? 0) }),
                section(
                    "contacts", request.t("reso.measures.by_contact"),
                    ContactKind.allCases.map { (request.t($0.labelKey), contacts[$0] ?? 0) }),
            ])
        return try await request.renderPage("reso/measures", title: request.t("reso.measures.title"), content: screen)
    }
}
