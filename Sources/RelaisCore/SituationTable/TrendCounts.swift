/// What one situation adds to the trends' counts, month by month: the store keeps these counts as it saves each
/// situation (adding what the new state counts, taking away what the old one did), so that the trends page reads a
/// few thousand counters rather than every discussion of ten years.
public enum TrendCounts {
    /// One counter: in a month (`2026-11`, the month opened), a dimension (`subject`, `factor`…) and its value.
    public struct Key: Hashable, Sendable {
        public let month: String
        public let dimension: Dimension
        public let value: String

        public init(month: String, dimension: Dimension, value: String) {
            self.month = month
            self.dimension = dimension
            self.value = value
        }
    }

    /// What is counted.
    public enum Dimension: String, Sendable, CaseIterable {
        case brought, accepted, subject, cohort, gender, factor
        case leadSector = "lead_sector"
        case conclusion, rejection, delay
    }

    /// The counters `situation` adds to, opened in `month`, led by an agency of `leadSector`. A situation still with
    /// its agency (filter 1) counts nowhere: trends are the table's discussions.
    public static func keys(of situation: Situation, month: String, leadSector: AgencySector?) -> Set<Key> {
        guard situation.stage.broughtToTable else { return [] }
        var keys: Set<Key> = [Key(month: month, dimension: .brought, value: "all")]
        func add(_ dimension: Dimension, _ value: String) {
            keys.insert(Key(month: month, dimension: dimension, value: value))
        }
        if [.accepted, .intervening, .concluded].contains(situation.stage) { add(.accepted, "all") }
        if let description = situation.description {
            add(.subject, description.subject.rawValue)
            for cohort in description.ageCohorts { add(.cohort, cohort.rawValue) }
            for gender in description.genders { add(.gender, gender.rawValue) }
            for factor in description.riskFactors { add(.factor, factor) }
        }
        if let leadSector { add(.leadSector, leadSector.rawValue) }
        if let conclusion = situation.conclusion { add(.conclusion, conclusion.rawValue) }
        if let reason = situation.rejectionReason { add(.rejection, reason.rawValue) }
        if let hours = situation.hoursToIntervention { add(.delay, TableTrends.Delay.of(hours: hours).rawValue) }
        return keys
    }

    /// The trends the counters of a period add up to (`counters`: key → count).
    public static func trends(_ counters: [(key: Key, count: Int)]) -> TableTrends {
        var trends = TableTrends()
        var brought: [String: Int] = [:]
        var accepted: [String: Int] = [:]
        func add<K: RawRepresentable & Hashable>(_ table: inout [K: Int], _ value: String, _ count: Int)
        where K.RawValue == String {
            if let key = K(rawValue: value) { table[key, default: 0] += count }
        }
        for (key, count) in counters where count > 0 {
            switch key.dimension {
            case .brought: brought[key.month, default: 0] += count
            case .accepted: accepted[key.month, default: 0] += count
            case .subject: add(&trends.subjects, key.value, count)
            case .cohort: add(&trends.cohorts, key.value, count)
            case .gender: add(&trends.genders, key.value, count)
            case .factor: trends.factors[key.value, default: 0] += count
            case .leadSector: add(&trends.leadSectors, key.value, count)
            case .conclusion: add(&trends.conclusions, key.value, count)
            case .rejection: add(&trends.rejections, key.value, count)
            case .delay: add(&trends.delays, key.value, count)
            }
        }
        trends.months = brought.keys.sorted().map {
            TableTrends.Month(month: $0, brought: brought[$0] ?? 0, accepted: accepted[$0] ?? 0)
        }
        return trends
    }
}
