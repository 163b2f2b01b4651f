import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/esup/mesures`: the programme's measures for it and its health partner over a period — consults per evening and
/// by hour, by outcome and by kind, the frontline officers' time (median, 90th percentile), the share resolved
/// without transport or arrest, and contacts before and after a support plan — as charts and as tables, every count
/// under the threshold withheld.
struct MeasuresPageController {
    static let path = "/esup/mesures"

    /// The periods offered, in days.
    static let periods = [30, 90, 365]

    func register(on routes: any RoutesBuilder) {
        // Analysts, and the team itself (checked by the desk): the measures are de-identified.
        routes.on(.GET, "esup", "mesures", access: .signedIn, use: show)
    }

    struct Screen: Encodable {
        let periods: [Choice]
        let days: Int
        let total: String
        let perEvening: String
        let medianMinutes: String
        let p90Minutes: String
        let resolvedPercent: String
        let threshold: Int
        let hourChart: BarChart
        let sections: [ChartSection]
        let planPeople: String
        let planBefore: String
        let planAfter: String
        let planWindow: Int
    }

    @Sendable func show(_ request: Request) async throws -> View {
        let desk = ESUPDesk(context: try request.deskContext())
        let store = request.store
        let team = try await desk.team()
        let analyst =
            desk.actor.holds(.analyst) && AccessPolicy.decide(desk.actor, Permission(.read, .statistics)).isAllowed
        guard analyst || desk.isMember(of: team) else { throw AccessError.forbidden }
        let days = request.query[Int.self, at: "jours"].flatMap { Self.periods.contains($0) ? $0 : nil } ?? 90
        let now = store.now
        let rows = try await store.consults.measureRows(
            team: team, in: DateInterval(start: now.addingTimeInterval(-Double(days) * 86_400), end: now))
        let measures = ESUPMeasures.of(rows, plans: try await store.supportPlans.firstPlans(team: team), now: now)
        let threshold = request.relais.config.statisticsThreshold
        let catalogue = request.relais.catalogue
        let language = request.language
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let withheld = t("esup.measures.withheld")
        func section(_ id: String, _ title: String, _ items: [(String, Int)]) -> ChartSection {
            let (counts, total) = SmallCells.suppress(items.map(\.1), threshold: threshold)
            return ChartSection(
                id: id, title: title, items: zip(items, counts).map { (label: $0.0.0, count: $0.1) },
                total: total.map(String.init) ?? withheld, withheld: withheld)
        }
        let total = measures.total
        let enough = total >= threshold
        let hours = (0..<24).map { (String(format: "%02d h", $0), measures.byHour[$0]) }
        let sections = [
            section("hours", t("esup.measures.by_hour"), hours),
            section(
                "outcomes", t("esup.measures.by_outcome"),
                ConsultOutcome.allCases.map { (t($0.labelKey), measures.byOutcome[$0] ?? 0) }),
            section(
                "situations", t("esup.measures.by_situation"),
                ConsultSituation.allCases.map { (t($0.labelKey), measures.bySituation[$0] ?? 0) }),
        ]
        let hourCounts = SmallCells.suppressAlone(measures.byHour, threshold: threshold)
        let hourChart = BarChart(zip(hours, hourCounts).map { (label: $0.0.0, count: $0.1) })
        let plans = measures.plans
        let plansShown = plans.people >= threshold
        let content = Screen(
            periods: Self.periods.map {
                Choice(
                    value: String($0), label: catalogue.text("esup.measures.days", language, [String($0)]),
                    checked: $0 == days)
            },
            days: days, total: enough ? String(total) : withheld,
            perEvening: enough ? String(format: "%.1f", Double(measures.perEveningTenths) / 10) : withheld,
            medianMinutes: enough ? measures.officerMinutesMedian.map { "\($0) min" } ?? "—" : withheld,
            p90Minutes: enough ? measures.officerMinutesP90.map { "\($0) min" } ?? "—" : withheld,
            resolvedPercent: enough ? measures.resolvedWithoutTransportPercent.map { "\($0) %" } ?? "—" : withheld,
            threshold: threshold, hourChart: hourChart, sections: sections,
            planPeople: plansShown ? String(plans.people) : withheld,
            planBefore: plansShown ? String(plans.contactsBefore) : withheld,
            planAfter: plansShown ? String(plans.contactsAfter) : withheld, planWindow: ESUPMeasures.planWindowDays)
        return try await request.renderPage("esup/measures", title: t("esup.measures.title"), content: content)
    }
}
