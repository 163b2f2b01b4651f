import Foundation

/// The programme's measures for it and its health partner, from closed consults: consults per evening and by hour,
/// by outcome and by kind, the frontline officers' time (median, 90th percentile), the share resolved without
/// transport or arrest, and the contacts of people with a support plan before and after it. Counts under the
/// threshold are withheld where shown (``SmallCells``).
public struct ESUPMeasures: Sendable, Equatable {
    /// What the measures read of one consult: nothing that identifies anyone.
    public struct Row: Sendable, Equatable {
        public let requestedAt: Date
        public let evening: String
        public let hour: Int
        public let situations: [ConsultSituation]
        public let outcome: ConsultOutcome?
        public let officerMinutes: Int?
        public let personID: Person.ID?

        public init(
            requestedAt: Date, evening: String, hour: Int, situations: [ConsultSituation], outcome: ConsultOutcome?,
            officerMinutes: Int?, personID: Person.ID?
        ) {
            self.requestedAt = requestedAt
            self.evening = evening
            self.hour = hour
            self.situations = situations
            self.outcome = outcome
            self.officerMinutes = officerMinutes
            self.personID = personID
        }
    }

    /// Contacts of people with a plan, over equal windows before and after the plan was written.
    public struct PlanEffect: Sendable, Equatable {
        public let people: Int
        public let contactsBefore: Int
        public let contactsAfter: Int
    }

    /// The days compared before and after a plan.
    public static let planWindowDays = 90

    public let total: Int
    public let evenings: Int
    public let byHour: [Int]
    public let byOutcome: [ConsultOutcome: Int]
    public let bySituation: [ConsultSituation: Int]
    public let officerMinutesMedian: Int?
    public let officerMinutesP90: Int?
    /// Percent of closed consults resolved without transport or arrest.
    public let resolvedWithoutTransportPercent: Int?
    public let plans: PlanEffect

    /// Consults per evening, in tenths (23 is 2.3), over the evenings that had at least one.
    public var perEveningTenths: Int { evenings == 0 ? 0 : total * 10 / evenings }

    /// Measures `rows`, with the plans written (person and date) and the current time.
    public static func of(_ rows: [Row], plans: [(Person.ID, Date)], now: Date) -> ESUPMeasures {
        var byHour = Array(repeating: 0, count: 24)
        var byOutcome: [ConsultOutcome: Int] = [:]
        var bySituation: [ConsultSituation: Int] = [:]
        for row in rows {
            if (0..<24).contains(row.hour) { byHour[row.hour] += 1 }
            if let outcome = row.outcome { byOutcome[outcome, default: 0] += 1 }
            for situation in row.situations { bySituation[situation, default: 0] += 1 }
        }
        let minutes = rows.compactMap(\.officerMinutes).sorted()
        let closed = rows.compactMap(\.outcome)
        let resolved = closed.filter { !$0.transportsOrArrests }.count
        return ESUPMeasures(
            total: rows.count, evenings: Set(rows.map(\.evening)).count, byHour: byHour, byOutcome: byOutcome,
            bySituation: bySituation, officerMinutesMedian: percentile(minutes, 50),
            officerMinutesP90: percentile(minutes, 90),
            resolvedWithoutTransportPercent: closed.isEmpty ? nil : resolved * 100 / closed.count,
            plans: planEffect(rows, plans: plans, now: now))
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Int], _ p: Int) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((Double(p) / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }

    /// For each plan at least a window old, the person's contacts in the window before and the window after it.
    static func planEffect(_ rows: [Row], plans: [(Person.ID, Date)], now: Date) -> PlanEffect {
        let window = Double(planWindowDays) * 86_400
        var people = 0
        var before = 0
        var after = 0
        let byPerson = Dictionary(grouping: rows.filter { $0.personID != nil }, by: { $0.personID! })
        for (person, written) in plans where now.timeIntervalSince(written) >= window {
            let contacts = byPerson[person] ?? []
            people += 1
            before += contacts.filter { $0.requestedAt < written && $0.requestedAt >= written - window }.count
            after += contacts.filter { $0.requestedAt > written && $0.requestedAt <= written + window }.count
        }
        return PlanEffect(people: people, contactsBefore: before, contactsAfter: after)
    }
}
