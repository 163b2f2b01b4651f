import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/statistiques/delais`: response times (median and 90th percentile) by borough and by hour of day.
struct StatisticsPageController {
    static let path = "/statistiques/delais"

    func register(on routes: any RoutesBuilder) {
        routes.on(
            .GET, "statistiques", "delais", access: .permission(Permission(.read, .statistics)), use: responseTimes)
    }

    struct Row: Encodable {
        let label: String
        let requests: Int
        let dispatch: String
        let scene: String
        let clear: String
    }

    struct Period: Encodable {
        let days: Int
        let current: Bool
    }

    struct Content: Encodable {
        let periods: [Period]
        let days: Int
        let overall: Row
        let boroughs: [Row]
        let hours: [Row]
    }

    @Sendable func responseTimes(_ request: Request) async throws -> View {
        let days = request.query[Int.self, at: "jours"].flatMap { ResponseTimes.periods.contains($0) ? $0 : nil } ?? 30
        let report = try await API.StatisticsController.report(request, days: days)
        let names = Dictionary(
            try await request.store.territories.all(level: .borough).map { ($0.code, $0.name) },
            uniquingKeysWith: { first, _ in first })
        let content = Content(
            periods: ResponseTimes.periods.map { Period(days: $0, current: $0 == days) }, days: days,
            overall: Self.row(request.t("mediation.statistics.all"), report.overall),
            boroughs: report.byBorough.map {
                Self.row(
                    $0.code.isEmpty ? request.t("mediation.request.no_borough") : names[$0.code] ?? $0.code, $0.summary)
            },
            hours: report.byHour.map { Self.row(String(format: "%02d h", $0.hour), $0.summary) })
        return try await request.renderPage(
            "mediation/statistics", title: request.t("mediation.statistics.title"), content: content)
    }

    private static func row(_ label: String, _ summary: ResponseTimeSummary) -> Row {
        Row(
            label: label, requests: summary.requests, dispatch: figures(summary.toDispatch),
            scene: figures(summary.toScene), clear: figures(summary.toClear))
    }

    /// "median / p90" in minutes, or a dash when no request reached that step.
    private static func figures(_ figures: ResponseTimeSummary.Figures) -> String {
        guard let median = figures.median, let p90 = figures.p90 else { return "—" }
        return String(format: "%.0f / %.0f min", (median / 60).rounded(.up), (p90 / 60).rounded(.up))
    }
}
