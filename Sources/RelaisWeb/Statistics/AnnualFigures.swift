import Foundation
import RelaisCore
import Vapor

/// A programme's de-identified figures for a year, for another programme's report (the committees' annual report
/// adds those of every programme the deployment runs): charts already suppressed, and where they come from.
struct AnnualFigures: Sendable, Encodable {
    let source: String
    let sections: [ChartSection]
}

extension Request {
    /// Counts under the threshold withheld, with their complements, as a chart with its total.
    func suppressedChart(id: String, title: String, _ items: [(String, Int)], withheld: String? = nil)
        -> ChartSection
    {
        let withheld = withheld ?? t("statistics.withheld")
        let (counts, total) = SmallCells.suppress(items.map(\.1), threshold: relais.config.statisticsThreshold)
        return ChartSection(
            id: id, title: title, items: zip(items, counts).map { (label: $0.0.0, count: $0.1) },
            total: total.map(String.init) ?? withheld, withheld: withheld)
    }
}

extension DateInterval {
    /// A calendar year in `timeZone`: from its first midnight to the next year's.
    static func calendarYear(_ year: Int, timeZone: TimeZone) -> DateInterval {
        let start = Meeting.instant(day: String(format: "%04d-01-01", year), minute: 0, timeZone: timeZone) ?? .now
        let end = Meeting.instant(day: String(format: "%04d-01-01", year + 1), minute: 0, timeZone: timeZone) ?? .now
        return DateInterval(start: start, end: max(start, end))
    }
}
