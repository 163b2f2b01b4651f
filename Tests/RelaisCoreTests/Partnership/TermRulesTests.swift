import Foundation
import RelaisCore
import Testing

@Suite("Committees: terms, meetings and delegates")
struct TermRulesTests {
    static func committee(_ kind: CommitteeKind, seats: Int = 10) -> Committee {
        Committee(
            id: .init(UUID()), organisationID: .init(UUID()), code: "aines", kind: kind, nameFrench: "Comité aînés",
            nameEnglish: "Seniors Committee", mandateFrench: "", mandateEnglish: "", community: .seniors,
            themes: CommitteeTheme.allCases, region: "Sud", stations: ["38"], seats: seats)
    }

    @Test("a partnership member serves three years, renewed once from the day after; a third term is refused")
    func partnershipTerms() throws {
        let committee = Self.committee(.partnership)
        let member = CommitteeMember.ID(UUID())
        let first = try MandateRules.appoint(
            member: member, to: committee, position: .member, startsOn: "2020-03-01", mandates: [])
        #expect(first.endsOn == "2023-02-28" && first.number == 1)
        let second = try MandateRules.renew(first, of: committee, mandates: [first])
        #expect(second.startsOn == "2023-03-01" && second.endsOn == "2026-02-28" && second.number == 2)
        #expect(throws: MandateRefusal.termLimit(maximum: 2)) {
            try MandateRules.renew(second, of: committee, mandates: [first, second])
        }
        // the first term cannot be renewed once the second exists
        #expect(throws: MandateRefusal.notRenewable) {
            try MandateRules.renew(first, of: committee, mandates: [first, second])
        }
        // the strategic committee's rule is the same; the expert committee's is renewable without limit
        #expect(CommitteeKind.strategic.terms == TermRules(years: 3, maximumTerms: 2))
        let expert = Self.committee(.expert)
        var terms = [
            try MandateRules.appoint(
                member: member, to: expert, position: .member, startsOn: "2015-01-01", mandates: [])
        ]
        for _ in 0..<3 { terms.append(try MandateRules.renew(terms.last!, of: expert, mandates: terms)) }
        #expect(terms.map(\.number) == [1, 2, 3, 4] && terms.last?.endsOn == "2026-12-31")
    }

    @Test("overlapping terms for one person on one committee, and a full committee, are refused")
    func overlapsAndSeats() throws {
        let committee = Self.committee(.partnership, seats: 2)
        let member = CommitteeMember.ID(UUID())
        let first = try MandateRules.appoint(
            member: member, to: committee, position: .member, startsOn: "2025-01-01", mandates: [])
        #expect(throws: MandateRefusal.overlapping) {
            try MandateRules.appoint(
                member: member, to: committee, position: .chair, startsOn: "2027-06-01", mandates: [first])
        }
        let other = try MandateRules.appoint(
            member: .init(UUID()), to: committee, position: .member, startsOn: "2025-06-01", mandates: [first])
        #expect(throws: MandateRefusal.noSeat) {
            try MandateRules.appoint(
                member: .init(UUID()), to: committee, position: .member, startsOn: "2026-01-01",
                mandates: [first, other])
        }
    }

    @Test("the standing: who may renew, whose term ends within 90 days, vacancies, and a year that loses most")
    func standing() throws {
        let committee = Self.committee(.partnership, seats: 6)
        var mandates: [Mandate] = []
        // three in their last term ending in 2027, one in a first term ending soon
        for _ in 0..<3 {
            let member = CommitteeMember.ID(UUID())
            let first = try MandateRules.appoint(
                member: member, to: committee, position: .member, startsOn: "2021-03-01", mandates: mandates)
            mandates.append(first)
            mandates.append(try MandateRules.renew(first, of: committee, mandates: mandates))
        }
        let soon = try MandateRules.appoint(
            member: .init(UUID()), to: committee, position: .chair, startsOn: "2024-01-15", mandates: mandates)
        mandates.append(soon)
        let standing = MandateRules.standing(of: committee, mandates: mandates, today: "2026-11-27")
        #expect(standing.active.count == 4 && standing.vacancies == 2)
        #expect(standing.renewable == [soon.id])
        #expect(standing.endingSoon.map(\.id) == [soon.id])
        let plan = Dictionary(uniqueKeysWithValues: standing.plan.map { ($0.year, $0) })
        // 2027: the three last terms end, and the chair's first (renewable)
        #expect(plan[2027]?.ending == 4 && plan[2027]?.mustLeave == 3 && plan[2027]?.atRisk == true)
        #expect(plan[2026]?.atRisk == false)
    }

    @Test("a partnership committee under four meetings is flagged; the strategic committee needs two joint ones")
    func frequency() {
        #expect(CommitteeKind.partnership.frequency.check(held: 2, planned: 1, joint: 0).tooFew)
        #expect(!CommitteeKind.partnership.frequency.check(held: 3, planned: 1, joint: 0).isFlagged)
        let strategic = CommitteeKind.strategic.frequency
        #expect(strategic.check(held: 4, planned: 0, joint: 1).jointMissing == 1)
        #expect(strategic.check(held: 5, planned: 2, joint: 2).tooMany)
        #expect(!strategic.check(held: 3, planned: 2, joint: 2).isFlagged)
    }

    @Test("a delegates' pair is one police member and one civilian, both serving; two civilians are refused")
    func delegates() throws {
        let committee = Self.committee(.partnership)
        func member(_ side: MemberSide) -> CommitteeMember {
            CommitteeMember(
                id: .init(UUID()), organisationID: committee.organisationID, identity: .withheld, origin: "",
                side: side, language: .french, userID: nil)
        }
        let (police, civilian, other) = (member(.police), member(.civilian), member(.civilian))
        var mandates: [Mandate] = []
        for person in [police, civilian, other] {
            mandates.append(
                try MandateRules.appoint(
                    member: person.id, to: committee, position: .member, startsOn: "2025-01-01", mandates: mandates))
        }
        let pair = try DelegateRules.pair(
            civilian, police, committee: committee, year: 2026, mandates: mandates, today: "2026-11-27")
        #expect(pair.police == police.id && pair.civilian == civilian.id)
        #expect(throws: DelegateRefusal.notAPair) {
            try DelegateRules.pair(
                civilian, other, committee: committee, year: 2026, mandates: mandates, today: "2026-11-27")
        }
        #expect(throws: DelegateRefusal.notSeated) {
            try DelegateRules.pair(
                police, civilian, committee: committee, year: 2029, mandates: mandates, today: "2029-01-01")
        }
        #expect(throws: DelegateRefusal.noDelegates) {
            try DelegateRules.pair(
                police, civilian, committee: Self.committee(.strategic), year: 2026, mandates: mandates,
                today: "2026-11-27")
        }
        let strategic = Self.committee(.strategic)
        #expect(DelegateRules.missing([committee, strategic], pairs: [pair], year: 2026).isEmpty)
        #expect(DelegateRules.missing([committee, strategic], pairs: [pair], year: 2027).map(\.id) == [committee.id])
    }
}
