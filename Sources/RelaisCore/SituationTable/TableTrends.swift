/// What the table's discussions add up to, for the community's planning: counts only, never a situation. The
/// store counts (``TableTrends``); ``published(threshold:)`` withholds small cells before anything is shown.
public struct TableTrends: Sendable, Equatable {
    /// One month's discussions (`2026-11`): brought to the table, and accepted among them.
    public struct Month: Sendable, Equatable {
        public let month: String
        public let brought: Int
        public let accepted: Int

        public init(month: String, brought: Int, accepted: Int) {
            self.month = month
            self.brought = brought
            self.accepted = accepted
        }
    }

    /// How long from the table's decision to the first intervention.
    public enum Delay: String, Sendable, CaseIterable {
        case within24Hours = "within_24h"
        case within48Hours = "within_48h"
        case withinWeek = "within_week"
        case later

        public var labelKey: String { "table.delay.\(rawValue)" }

        public static func of(hours: Int) -> Delay {
            switch hours {
            case ..<24: .within24Hours
            case ..<48: .within48Hours
            case ..<168: .withinWeek
            default: .later
            }
        }
    }

    public var months: [Month] = []
    public var subjects: [SubjectType: Int] = [:]
    public var cohorts: [AgeCohort: Int] = [:]
    public var genders: [Gender: Int] = [:]
    public var factors: [String: Int] = [:]
    public var leadSectors: [AgencySector: Int] = [:]
    public var conclusions: [Conclusion: Int] = [:]
    public var rejections: [RejectionReason: Int] = [:]
    public var delays: [Delay: Int] = [:]

    public init() {}

    /// One labelled count as published: `nil` when withheld.
    public struct Count: Sendable, Equatable {
        public let key: String
        public let count: Int?
    }

    /// A list of counts and its total, as published.
    public struct Series: Sendable, Equatable {
        public let counts: [Count]
        public let total: Int?
    }

    /// A period's row: accepted and not accepted (rejected or awaiting the vote), and the total brought.
    public struct Period: Sendable, Equatable {
        public let period: String
        public let accepted: Int?
        public let notAccepted: Int?
        public let brought: Int?
    }

    /// The trends with every small cell withheld, and every cell a total would give back.
    public struct Published: Sendable, Equatable {
        public let months: [Period]
        public let quarters: [Period]
        public let totalBrought: Int?
        public let totalAccepted: Int?
        /// Accepted per hundred brought, when both are shown.
        public let acceptancePercent: Int?
        public let subjects: Series
        public let cohorts: Series
        public let genders: Series
        /// By frequency, most frequent first; a situation counts in several, so there is no total.
        public let factors: [Count]
        public let leadSectors: Series
        public let conclusions: Series
        /// Concluded with the risk lowered (or connected to services), per hundred concluded, when shown.
        public let riskLoweredPercent: Int?
        public let rejections: Series
        public let delays: Series
    }

    public func published(threshold: Int = SmallCells.defaultThreshold) -> Published {
        let monthTable = SmallCells.suppress(
            table: months.map { [$0.accepted, $0.brought - $0.accepted] }, threshold: threshold)
        let quarterNames = months.map { Self.quarter(of: $0.month) }.reduce(into: [String]()) {
            if $0.last != $1 { $0.append($1) }
        }
        let quarterCounts = quarterNames.map { quarter in
            months.filter { Self.quarter(of: $0.month) == quarter }.reduce(into: [0, 0]) {
                $0[0] += $1.accepted
                $0[1] += $1.brought - $1.accepted
            }
        }
        let quarterTable = SmallCells.suppress(table: quarterCounts, threshold: threshold)
        func periods(_ names: [String], _ table: SmallCells.Table) -> [Period] {
            names.indices.map {
                Period(
                    period: names[$0], accepted: table.cells[$0].first ?? nil,
                    notAccepted: table.cells[$0].count > 1 ? table.cells[$0][1] : nil, brought: table.rowTotals[$0])
            }
        }
        func series<K: RawRepresentable & CaseIterable>(_ counts: [K: Int], labelKey: (K) -> String) -> Series
        where K.RawValue == String {
            let keys = Array(K.allCases)
            let (shown, total) = SmallCells.suppress(keys.map { counts[$0] ?? 0 }, threshold: threshold)
            return Series(counts: keys.indices.map { Count(key: labelKey(keys[$0]), count: shown[$0]) }, total: total)
        }
        let brought = monthTable.total.flatMap { _ in months.reduce(0) { $0 + $1.brought } }
        let accepted = monthTable.columnTotals.first ?? nil
        let conclusionSeries = series(conclusions) { $0.labelKey }
        let lowered = Conclusion.allCases.filter(\.lowersRisk).map { conclusions[$0] ?? 0 }.reduce(0, +)
        let concluded = conclusions.values.reduce(0, +)
        // A share is a count in disguise: shown only when neither part is small.
        let loweredShown =
            conclusionSeries.total != nil && [lowered, concluded - lowered].allSatisfy { $0 == 0 || $0 >= threshold }
        let sortedFactors = factors.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        return Published(
            months: periods(months.map(\.month), monthTable), quarters: periods(quarterNames, quarterTable),
            totalBrought: brought, totalAccepted: accepted,
            acceptancePercent: percent(accepted, of: brought),
            subjects: series(subjects) { $0.labelKey }, cohorts: series(cohorts) { $0.labelKey },
            genders: series(genders) { $0.labelKey },
            factors: zip(sortedFactors, SmallCells.suppressAlone(sortedFactors.map(\.value), threshold: threshold))
                .map { Count(key: $0.0.key, count: $0.1) },
            leadSectors: series(leadSectors) { $0.labelKey }, conclusions: conclusionSeries,
            riskLoweredPercent: loweredShown ? percent(lowered, of: concluded) : nil,
            rejections: series(rejections) { $0.labelKey }, delays: series(delays) { $0.labelKey })
    }

    private func percent(_ part: Int?, of whole: Int?) -> Int? {
        guard let part, let whole, whole > 0 else { return nil }
        return (part * 100 + whole / 2) / whole
    }

    /// `2026-11` → `2026 T4` style key: `2026-Q4`.
    static func quarter(of month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return month }
        return "\(parts[0])-Q\((number - 1) / 3 + 1)"
    }
}
