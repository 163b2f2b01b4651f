import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The situation table's figures for a year, for other programmes' reports: the risk factors of the situations
/// brought to the table (a situation counts in several, so there is no total), small counts withheld.
enum TableAnnualFigures {
    static func of(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures? {
        let trends = try await request.store.situations.trends(
            months: String(format: "%04d-01", year)...String(format: "%04d-12", year))
        let published = trends.published(threshold: request.relais.config.statisticsThreshold)
        guard !published.factors.isEmpty else { return nil }
        let taxonomy = try await request.store.riskTaxonomies.current()
        let language = request.language
        return AnnualFigures(
            source: request.t("table.annual.source", String(year)),
            sections: [
                ChartSection(
                    id: "table-factors", title: request.t("table.annual.factors"),
                    items: published.factors.map { count in
                        (
                            label: taxonomy.factor(count.key).map {
                                "\($0.category.label(language)) — \($0.factor.label(language))"
                            } ?? count.key, count: count.count
                        )
                    }, total: nil, withheld: withheld)
            ])
    }
}
