import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/comites/rapport/<year>`: the partnership structure's annual report — the security needs by community and theme
/// and their trend against the year before, each committee's work (meetings held against the rules, attendance,
/// actions done and open), the delegates' meetings — on screen with server-drawn charts and printable to a clean PDF
/// (the print stylesheet). Coordinators and analysts read it any time and publish it; once published it is public.
/// Every count about people under the threshold is withheld, with its complements.
struct AnnualReportPagesController {
    static func path(_ year: Int) -> String { "/comites/rapport/\(year)" }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "comites", "rapport", ":year", access: .public, use: show)
        routes.on(
            .POST, "comites", "rapport", ":year", "publication",
            access: .permission(Permission(.update, .committeeMember)), use: publish)
    }

    struct WorkRow: Encodable {
        let committee: String
        let held: Int
        let planned: String
        let minimum: Int
        let tooFew: Bool
        let cancelled: Int
        let averageMembers: String
        let organisations: Int
        let residents: String
        let actionsDone: Int
        let actionsOpen: Int
    }

    struct TrendRow: Encodable {
        let label: String
        let previous: String
        let current: String
        let direction: String
    }

    struct NeedsRow: Encodable {
        let label: String
        let cells: [String]
        let total: String
    }

    struct Screen: Encodable {
        let year: Int
        let previousYear: Int
        let published: Bool
        let mayPublish: Bool
        let thresholdText: String
        let sections: [ChartSection]
        let themes: [String]
        let needs: [NeedsRow]
        let needsTotals: [String]
        let needsTotal: String
        let communityTrend: [TrendRow]
        let themeTrend: [TrendRow]
        let work: [WorkRow]
        let delegateMeetings: [String]
        let hasDelegateMeetings: Bool
        let delegates: String
        let years: [Choice]
        /// The de-identified figures of the other programmes the deployment runs, for the same year.
        let others: [AnnualFigures]
        let hasOthers: Bool
    }

    @Sendable func show(_ request: Request) async throws -> View {
        guard let year = request.parameters.get("year").flatMap({ $0.count == 4 ? Int($0) : nil }),
            (2000...2100).contains(year)
        else { throw Abort(.notFound) }
        let published = try await request.store.committeeWork.published()
        var organisations = published.filter { $0.year == year }.map(\.organisation)
        var mayPublish = false
        if let actor = request.actor {
            let desk = CommitteeDesk(context: try request.deskContext())
            if !desk.coordinated.isEmpty {
                organisations = desk.coordinated
                mayPublish = true
            } else if actor.holds(.analyst), AccessPolicy.decide(actor, Permission(.read, .statistics)).isAllowed {
                organisations = Array(Set((try await request.store.committees.committees()).map(\.organisationID)))
            }
        }
        guard !organisations.isEmpty else { throw Abort(.notFound) }
        let store = request.store
        let zone = request.relais.config.timeZone
        let committees = try await store.committees.committees(organisations: organisations)
        let ids = committees.map(\.id)
        let interval = DateInterval.calendarYear(year, timeZone: zone)
        let meetings = try await store.committeeMeetings.meetings(committees: ids, in: interval)
        let concerns = try await store.committeeWork.concerns(committees: ids, since: "\(year - 1)-01-01")
            .filter { CivilDay.year($0.raisedOn) <= year }
        let actions = try await store.committeeWork.actions(
            committees: ids, doneSince: "\(year)-01-01", raisedBefore: interval.end)
        let pairs = try await store.committeeWork.pairs(year: year)
        let threshold = request.relais.config.statisticsThreshold
        let report = AnnualReport.of(
            year: year, committees: committees, meetings: meetings.map(\.meeting),
            minutes: Dictionary(meetings.compactMap { found in found.minutes.map { (found.meeting.id, $0) } }) { $1 },
            concerns: concerns, actions: actions, pairs: pairs, timeZone: zone, threshold: threshold)
        let withheld = request.t("committees.report.withheld")
        func shown(_ value: Int?) -> String { value.map(String.init) ?? withheld }
        func trend<C>(_ rows: [AnnualReport.Trend<C>], label: (C) -> String) -> [TrendRow] {
            rows.map { row in
                var direction = ""
                if let before = row.previous, let now = row.current {
                    direction = now > before ? "↑" : now < before ? "↓" : "="
                }
                return TrendRow(
                    label: label(row.category), previous: shown(row.previous), current: shown(row.current),
                    direction: direction)
            }
        }
        let language = request.language
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: zone)
        let communities = Community.allCases
        var others: [AnnualFigures] = []
        for programme in request.application.programmes where programme.id != PartnershipProgramme.programmeID {
            if let figures = try await programme.annualFigures(request, year: year, withheld: withheld) {
                others.append(figures)
            }
        }
        let screen = Screen(
            year: year, previousYear: year - 1,
            published: published.contains { $0.year == year && organisations.contains($0.organisation) },
            mayPublish: mayPublish, thresholdText: request.t("committees.report.threshold", String(threshold)),
            sections: [
                ChartSection(
                    id: "communities", title: request.t("committees.report.by_community"),
                    items: communities.indices.map {
                        (request.t(communities[$0].labelKey), report.needs.rowTotals[$0])
                    },
                    total: report.needs.total.map(String.init) ?? withheld, withheld: withheld),
                ChartSection(
                    id: "themes", title: request.t("committees.report.by_theme"),
                    items: CommitteeTheme.allCases.indices.map {
                        (request.t(CommitteeTheme.allCases[$0].labelKey), report.needs.columnTotals[$0])
                    }, total: report.needs.total.map(String.init) ?? withheld, withheld: withheld),
            ],
            themes: CommitteeTheme.allCases.map { request.t($0.labelKey) },
            needs: communities.indices.map {
                NeedsRow(
                    label: request.t(communities[$0].labelKey), cells: report.needs.cells[$0].map(shown),
                    total: shown(report.needs.rowTotals[$0]))
            }, needsTotals: report.needs.columnTotals.map(shown), needsTotal: shown(report.needs.total),
            communityTrend: trend(report.communityTrend) { request.t($0.labelKey) },
            themeTrend: trend(report.themeTrend) { request.t($0.labelKey) },
            work: report.committees.compactMap { work in
                guard let committee = committees.first(where: { $0.id == work.committeeID }) else { return nil }
                return WorkRow(
                    committee: committee.name(language), held: work.held,
                    planned: work.frequency.planned > 0
                        ? request.t("committees.report.planned", String(work.frequency.planned)) : "",
                    minimum: committee.kind.frequency.minimum, tooFew: work.frequency.tooFew, cancelled: work.cancelled,
                    averageMembers: work.averageMembers.map { String(format: "%.1f", $0) } ?? "—",
                    organisations: work.organisations, residents: shown(work.residents), actionsDone: work.actionsDone,
                    actionsOpen: work.actionsOpen)
            },
            delegateMeetings: report.delegateMeetings.map { format.string(from: $0) },
            hasDelegateMeetings: !report.delegateMeetings.isEmpty,
            delegates: request.t(
                "committees.report.delegates_named", String(report.delegatesNamed), String(report.delegatesExpected)),
            years: ((year - 3)...(year + 1)).map {
                Choice(value: Self.path($0), label: String($0), checked: $0 == year)
            }, others: others, hasOthers: !others.isEmpty)
        return try await request.renderPage(
            "committees/report", title: request.t("committees.report.title", String(year)), content: screen)
    }

    @Sendable func publish(_ request: Request) async throws -> Response {
        let desk = CommitteeDesk(context: try request.deskContext())
        guard let year = request.parameters.get("year").flatMap({ $0.count == 4 ? Int($0) : nil }),
            (2000...2100).contains(year)
        else { throw Abort(.notFound) }
        guard let organisation = desk.coordinated.first else { throw AccessError.forbidden }
        let actor = desk.actor
        let requestID = request.requestID
        try await request.store.transaction { tx in
            guard try await tx.committeeWork.publish(year: year, organisation: organisation) else { return }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeReportPublished, resourceType: .committee,
                    resourceID: organisation.description, purpose: String(year), requestID: requestID))
        }
        return request.redirect(to: Self.path(year) + "?avis=committees.published", redirectType: .normal)
    }
}
