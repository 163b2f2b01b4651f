import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/table/tendances`: what the table's discussions add up to, for the community's planning — charts drawn on the
/// server and the same figures as tables, every small cell withheld; and `/table/tendances/rtd.csv`, one row per
/// discussion in the shape of the province's Risk-driven Tracking Database.
struct TrendsPageController {
    static let path = "/table/tendances"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "table", "tendances", access: .permission(Permission(.read, .statistics)), use: show)
        routes.on(
            .GET, "table", "tendances", "rtd.csv", access: .permission(Permission(.read, .tableReport)), use: export)
        for name in ["facteurs-de-risque.csv", "facteurs-de-risque.json"] {
            routes.on(
                .GET, "table", .constant(name), access: .permission(Permission(.read, .riskTaxonomy)), use: taxonomy)
        }
    }

    /// `/table/facteurs-de-risque.csv` and `.json`: the risk factors in use, as `relais table taxonomy import` reads
    /// them.
    @Sendable func taxonomy(_ request: Request) async throws -> Response {
        let name = request.url.path.split(separator: "/").last.map(String.init) ?? ""
        let taxonomy = try await request.store.riskTaxonomies.current()
        var headers = HTTPHeaders()
        let body: String
        if name.hasSuffix(".csv") {
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            body = taxonomy.csv()
        } else {
            headers.contentType = .json
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            body = String(decoding: try encoder.encode(taxonomy), as: UTF8.self)
        }
        headers.add(name: .contentDisposition, value: "attachment; filename=\"\(taxonomy.version)-\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    struct PeriodRow: Encodable {
        let period: String
        let accepted: String
        let notAccepted: String
        let brought: String
    }

    struct Content: Encodable {
        let hasData: Bool
        let from: String
        let to: String
        let threshold: Int
        let totalBrought: String
        let totalAccepted: String
        let acceptance: String
        let riskLowered: String
        let quarters: [PeriodRow]
        let months: [PeriodRow]
        let monthChart: BarChart
        let sections: [ChartSection]
        let mayExport: Bool
    }

    @Sendable func show(_ request: Request) async throws -> View {
        let store = request.store
        let language = request.language
        let catalogue = request.relais.catalogue
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let withheld = t("statistics.withheld")
        func shown(_ value: Int?) -> String { value.map(String.init) ?? withheld }
        let range = try await store.situations.monthsWithDiscussions()
        let published = try await range.asyncFlatMap { try await store.situations.trends(months: $0) }?
            .published(threshold: request.relais.config.statisticsThreshold)
        let taxonomy = try await store.riskTaxonomies.current()
        func section(
            _ id: String, _ titleKey: String, _ counts: [TableTrends.Count], total: Int??,
            label: (String) -> String
        ) -> ChartSection {
            ChartSection(
                id: id, title: t(titleKey), items: counts.map { (label($0.key), $0.count) }, total: total.map(shown),
                withheld: withheld)
        }
        let label: (String) -> String = { t($0) }
        var sections: [ChartSection] = []
        var months: [TableTrends.Period] = []
        var quarters: [TableTrends.Period] = []
        if let published {
            months = published.months
            quarters = published.quarters
            sections = [
                section(
                    "subjects", "table.trends.subjects", published.subjects.counts, total: published.subjects.total,
                    label: label),
                section(
                    "cohorts", "table.trends.cohorts", published.cohorts.counts, total: published.cohorts.total,
                    label: label),
                section(
                    "genders", "table.trends.genders", published.genders.counts, total: published.genders.total,
                    label: label),
                section("factors", "table.trends.factors", published.factors, total: nil) { code in
                    taxonomy.factor(code).map { "\($0.category.label(language)) — \($0.factor.label(language))" }
                        ?? code
                },
                section(
                    "lead-sectors", "table.trends.lead_sectors", published.leadSectors.counts,
                    total: published.leadSectors.total, label: label),
                section(
                    "conclusions", "table.trends.conclusions", published.conclusions.counts,
                    total: published.conclusions.total, label: label),
                section(
                    "delays", "table.trends.delays", published.delays.counts, total: published.delays.total,
                    label: label),
                section(
                    "rejections", "table.trends.rejections", published.rejections.counts,
                    total: published.rejections.total, label: label),
            ]
        }
        func period(_ row: TableTrends.Period) -> PeriodRow {
            PeriodRow(
                period: row.period, accepted: shown(row.accepted), notAccepted: shown(row.notAccepted),
                brought: shown(row.brought))
        }
        let monthChart = BarChart(months.suffix(24).map { ($0.period, $0.brought) })
        let content = Content(
            hasData: published != nil, from: range?.lowerBound ?? "", to: range?.upperBound ?? "",
            threshold: request.relais.config.statisticsThreshold, totalBrought: shown(published?.totalBrought),
            totalAccepted: shown(published?.totalAccepted),
            acceptance: published?.acceptancePercent.map { "\($0) %" } ?? withheld,
            riskLowered: published?.riskLoweredPercent.map { "\($0) %" } ?? withheld,
            quarters: quarters.map(period), months: months.suffix(24).map(period), monthChart: monthChart,
            sections: sections,
            mayExport: AccessPolicy.decide(try request.deskContext().actor, Permission(.read, .tableReport)).isAllowed)
        return try await request.renderPage("table/trends", title: t("table.trends.title"), content: content)
    }

    @Sendable func export(_ request: Request) async throws -> Response {
        let store = request.store
        let situations =
            try await store.situations.monthsWithDiscussions().asyncFlatMap {
                try await store.situations.discussions(months: $0)
            } ?? []
        let agencies = try await store.tableAgencies.byOrganisation()
        let text = RTDExport.csv(
            situations, agencies: agencies, taxonomy: try await store.riskTaxonomies.current(),
            timeZone: request.relais.config.timeZone)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"table-rtd.csv\"")
        try await TableDesk(context: try request.deskContext()).context.audit(
            .tableReportExported, resourceType: .situation, purpose: "\(situations.count)")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
