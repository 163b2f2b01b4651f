import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile mediation team's figures for a year, for other programmes' reports: requests received by situation
/// and by borough, small counts withheld.
enum MediationAnnualFigures {
    static func of(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures? {
        let counts = try await request.store.serviceRequests.counts(
            in: .calendarYear(year, timeZone: request.relais.config.timeZone))
        guard !counts.isEmpty else { return nil }
        let boroughs = try await request.store.territories.all(level: .borough)
        var bySituation: [String: Int] = [:]
        var byBorough: [String: Int] = [:]
        for row in counts {
            bySituation[row.situation, default: 0] += row.count
            byBorough[row.borough ?? "", default: 0] += row.count
        }
        let outside = request.t("mediation.request.no_borough")
        return AnnualFigures(
            source: request.t("mediation.annual.source", String(year)),
            sections: [
                request.suppressedChart(
                    id: "mediation-situations", title: request.t("mediation.annual.by_situation"),
                    bySituation.keys.sorted().map { (request.t("mediation.situation.\($0)"), bySituation[$0] ?? 0) },
                    withheld: withheld),
                request.suppressedChart(
                    id: "mediation-boroughs", title: request.t("mediation.annual.by_borough"),
                    byBorough.keys.sorted().map { code in
                        (
                            code.isEmpty ? outside : boroughs.first { $0.code == code }?.name ?? code,
                            byBorough[code] ?? 0
                        )
                    }, withheld: withheld),
            ])
    }
}
