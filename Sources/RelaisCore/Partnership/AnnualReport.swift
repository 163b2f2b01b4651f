import Foundation

/// The partnership structure's annual report: the security needs of the communities (concerns by community and
/// theme, and their trend against the year before), the work of each committee (meetings held against the rules,
/// attendance, actions done and open) and the delegates' meetings. Counts about people under the threshold are
/// withheld (`nil`), with their complements.
public struct AnnualReport: Sendable, Equatable {
    public let year: Int
    /// Concerns of the year by community (rows, in ``Community/allCases`` order) and theme (columns).
    public let needs: SmallCells.Table
    /// Concerns by community: the year before and the year.
    public let communityTrend: [Trend<Community>]
    /// Concerns by theme: the year before and the year.
    public let themeTrend: [Trend<CommitteeTheme>]
    public let committees: [CommitteeWork]
    public let delegateMeetings: [Date]
    /// The committees that named their delegates for the year, of those that name them.
    public let delegatesNamed: Int
    public let delegatesExpected: Int

    /// One line of a trend: a category's count the year before and in the year.
    public struct Trend<Category: Sendable & Equatable>: Sendable, Equatable {
        public let category: Category
        public let previous: Int?
        public let current: Int?
    }

    /// A committee's year.
    public struct CommitteeWork: Sendable, Equatable {
        public let committeeID: Committee.ID
        public let held: Int
        public let cancelled: Int
        public let frequency: FrequencyCheck
        /// Members present per meeting with minutes, on average.
        public let averageMembers: Double?
        /// Distinct organisations present over the year.
        public let organisations: Int
        /// Residents present over the year (withheld when small).
        public let residents: Int?
        public let actionsDone: Int
        public let actionsOpen: Int
    }

    /// The report of `year` from the records: meetings (with their minutes) of the year, concerns of the year and
    /// the one before, the actions decided up to the year's end (open ones, and those done since it began), the
    /// delegates' pairs of the year.
    public static func of(
        year: Int, committees: [Committee], meetings: [CommitteeMeeting], minutes: [Meeting.ID: Minutes],
        concerns: [Concern], actions: [CommitteeAction], pairs: [DelegatePair], timeZone: TimeZone,
        threshold: Int = SmallCells.defaultThreshold
    ) -> AnnualReport {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let inYear = { (date: Date) in calendar.component(.year, from: date) == year }
        // Each year's community × theme table, suppressed whole: the trend shows its margins, so a count withheld
        // as a complement in one place is not shown in another.
        func table(_ year: Int) -> SmallCells.Table {
            let concerns = concerns.filter { CivilDay.year($0.raisedOn) == year }
            return SmallCells.suppress(
                table: Community.allCases.map { community in
                    CommitteeTheme.allCases.map { theme in
                        concerns.filter { $0.community == community && $0.theme == theme }.count
                    }
                }, threshold: threshold)
        }
        let needs = table(year)
        let before = table(year - 1)
        let yearMeetings = meetings.filter { inYear($0.meeting.startsAt) }
        let work = committees.map { committee in
            let own = yearMeetings.filter { $0.committeeID == committee.id }
            let kept = own.filter { $0.meeting.cancelledAt == nil }
            let held = kept.filter { $0.meeting.closedAt != nil || minutes[$0.id] != nil }
            let recorded = held.compactMap { minutes[$0.id] }
            let joint = kept.filter { $0.purpose != .regular }.count
            let residents = recorded.reduce(0) { $0 + $1.residents }
            let ownActions = actions.filter { $0.committeeID == committee.id }
            return CommitteeWork(
                committeeID: committee.id, held: held.count, cancelled: own.count - kept.count,
                frequency: committee.kind.frequency.check(
                    held: held.count, planned: kept.count - held.count, joint: joint),
                averageMembers: recorded.isEmpty
                    ? nil : Double(recorded.reduce(0) { $0 + $1.membersPresent.count }) / Double(recorded.count),
                organisations: Set(recorded.flatMap(\.organisationsPresent)).count,
                residents: SmallCells.suppressAlone([residents], threshold: threshold)[0],
                actionsDone: ownActions.filter { $0.status == .done && $0.doneOn.map(CivilDay.year) == year }.count,
                // open at the year's end: not done yet, or done only after it
                actionsOpen: ownActions.filter { $0.status != .done || ($0.doneOn.map(CivilDay.year) ?? year) > year }
                    .count)
        }
        let naming = committees.filter(\.kind.namesDelegates)
        let named = Set(pairs.filter { $0.year == year }.map(\.committeeID))
        return AnnualReport(
            year: year, needs: needs,
            communityTrend: Community.allCases.indices.map {
                Trend(category: Community.allCases[$0], previous: before.rowTotals[$0], current: needs.rowTotals[$0])
            },
            themeTrend: CommitteeTheme.allCases.indices.map {
                Trend(
                    category: CommitteeTheme.allCases[$0], previous: before.columnTotals[$0],
                    current: needs.columnTotals[$0])
            },
            committees: work,
            delegateMeetings: yearMeetings.filter { $0.purpose == .delegates && $0.meeting.cancelledAt == nil }
                .map(\.meeting.startsAt).sorted(),
            delegatesNamed: naming.filter { named.contains($0.id) }.count, delegatesExpected: naming.count)
    }
}
