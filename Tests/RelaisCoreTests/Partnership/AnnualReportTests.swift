import Foundation
import RelaisCore
import Testing

@Suite("Committees: the annual report")
struct AnnualReportTests {
    @Test("concerns counted by community and theme against the year before; small counts withheld; the work of each")
    func report() {
        let zone = TimeZone(identifier: "America/Montreal")!
        let committee = TermRulesTests.committee(.partnership)
        let meetingID = Meeting.ID(UUID())
        func concern(_ theme: CommitteeTheme, _ community: Community, _ day: String) -> Concern {
            Concern(
                id: .init(UUID()), committeeID: committee.id, meetingID: meetingID, theme: theme, community: community,
                borough: nil, summary: "x", raisedOn: day)
        }
        var concerns = (0..<7).map { _ in concern(.security, .seniors, "2026-03-10") }
        concerns += (0..<2).map { _ in concern(.relations, .seniors, "2026-05-10") }
        concerns += (0..<9).map { _ in concern(.security, .seniors, "2025-05-10") }
        let held = CommitteeMeeting(
            meeting: Meeting(
                id: meetingID, series: committee.series, kind: .regular,
                startsAt: ISO8601DateFormatter().date(from: "2026-03-10T22:30:00Z")!,
                endsAt: ISO8601DateFormatter().date(from: "2026-03-11T00:30:00Z")!, location: nil,
                closedAt: ISO8601DateFormatter().date(from: "2026-03-11T01:00:00Z")!),
            committeeID: committee.id, purpose: .regular, station: "38", agenda: [], isOpen: true, capacity: 30,
            invitedSequence: 0)
        let report = AnnualReport.of(
            year: 2026, committees: [committee], meetings: [held],
            minutes: [
                meetingID: Minutes(
                    membersPresent: [.init(UUID()), .init(UUID())], organisationsPresent: ["A", "B"], residents: 3,
                    discussion: [])
            ], concerns: concerns,
            actions: [
                CommitteeAction(
                    id: .init(UUID()), committeeID: committee.id, meetingID: meetingID, concernID: nil, what: "x",
                    owner: "y", dueOn: "2026-06-01", status: .done, doneOn: "2026-06-01"),
                CommitteeAction(
                    id: .init(UUID()), committeeID: committee.id, meetingID: meetingID, concernID: nil, what: "x",
                    owner: "y", dueOn: "2026-12-01", status: .open, doneOn: nil),
                // done the next year: open at this year's end
                CommitteeAction(
                    id: .init(UUID()), committeeID: committee.id, meetingID: meetingID, concernID: nil, what: "x",
                    owner: "y", dueOn: "2026-12-01", status: .done, doneOn: "2027-01-10"),
            ], pairs: [], timeZone: zone)
        // seniors: 7 on security and 2 on relations: the 2 is withheld, and so is the 7 (the row's total of 9,
        // shown, would give it back)
        let seniors = Community.allCases.firstIndex(of: .seniors)!
        #expect(report.needs.cells[seniors] == [nil, 0, nil, 0] && report.needs.rowTotals[seniors] == 9)
        #expect(report.needs.total == 9)
        let trend = report.communityTrend.first { $0.category == .seniors }
        #expect(trend?.previous == 9 && trend?.current == 9)
        let work = report.committees[0]
        #expect(work.held == 1 && work.frequency.tooFew && work.averageMembers == 2)
        #expect(work.organisations == 2 && work.residents == nil && work.actionsDone == 1 && work.actionsOpen == 2)
        #expect(report.delegatesExpected == 1 && report.delegatesNamed == 0)
    }

    @Test("the trend shows the table's margins: a total withheld as a complement there is not shown in the trend")
    func trendKeepsComplements() {
        let committee = TermRulesTests.committee(.partnership)
        func concerns(_ count: Int, _ community: Community, _ day: String) -> [Concern] {
            (0..<count).map { _ in
                Concern(
                    id: .init(UUID()), committeeID: committee.id, meetingID: .init(UUID()), theme: .security,
                    community: community, borough: nil, summary: "x", raisedOn: day)
            }
        }
        // seniors 9 and Arab community 3 in the year: the 3 is small, so the 9 goes too (the total of 12 would
        // give it back); the trend must not show the 9
        let report = AnnualReport.of(
            year: 2026, committees: [committee], meetings: [], minutes: [:],
            concerns: concerns(9, .seniors, "2026-04-01") + concerns(3, .arab, "2026-04-01")
                + concerns(8, .seniors, "2025-04-01"),
            actions: [], pairs: [], timeZone: .gmt)
        let seniors = Community.allCases.firstIndex(of: .seniors)!
        #expect(report.needs.rowTotals[seniors] == nil && report.needs.total == 12)
        let trend = report.communityTrend.first { $0.category == .seniors }
        #expect(trend?.current == nil && trend?.previous == 8)
    }
}
