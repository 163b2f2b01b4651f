import Foundation
import RelaisCore
import Testing

@Suite("Situation table: the four filters refuse every step out of turn, and change nothing")
struct SituationRulesTests {
    typealias F = TableFixture

    @Test("a rejected situation is redacted at once: date, originating sector and reason remain")
    func rejectionRedacts() throws {
        let situation = try F.situation(at: .rejected)
        #expect(situation.stage == .rejected)
        #expect(situation.description == nil)
        #expect(situation.rejectionReason == .notElevated)
        #expect(situation.originatingSector == .police)
        #expect(situation.identityDestroyedAt == F.now)
    }

    @Test("a vote by an agency not present, a second vote, a vote after the decision are refused")
    func votes() throws {
        let agenda = try F.situation(at: .onAgenda)
        #expect(throws: SituationRefusal.agencyNotPresent) {
            try SituationRules.vote(on: agenda, by: F.justice, present: F.present, votes: [:])
        }
        #expect(throws: SituationRefusal.alreadyVoted) {
            try SituationRules.vote(on: agenda, by: F.health, present: F.present, votes: [F.health: true])
        }
        try SituationRules.vote(on: agenda, by: F.health, present: F.present, votes: [F.police: true])
        let decided = try F.situation(at: .accepted)
        #expect(throws: SituationRefusal.alreadyDecided) {
            try SituationRules.vote(on: decided, by: F.health, present: F.present, votes: [:])
        }
        #expect(throws: SituationRefusal.wrongStage(.opened)) {
            try SituationRules.vote(on: try F.situation(at: .opened), by: F.health, present: F.present, votes: [:])
        }
    }

    @Test("the decision waits for every agency present, and follows the configured rule")
    func decision() throws {
        var situation = try F.situation(at: .onAgenda)
        let before = situation
        #expect(throws: SituationRefusal.votesMissing) {
            try SituationRules.decide(
                &situation, rule: .unanimity, present: F.present, votes: [F.police: true], reason: nil, now: F.now)
        }
        #expect(situation == before)
        var votes = Dictionary(uniqueKeysWithValues: F.present.map { ($0, true) })
        votes[F.school] = false
        // unanimity: one "no" rejects, and a rejection needs its reason
        #expect(throws: ValidationError.self) {
            try SituationRules.decide(
                &situation, rule: .unanimity, present: F.present, votes: votes, reason: nil, now: F.now)
        }
        var quorum = before
        #expect(
            try SituationRules.decide(
                &quorum, rule: .quorum(3), present: F.present, votes: votes, reason: nil, now: F.now))
        #expect(quorum.stage == .accepted)
        var strict = before
        #expect(
            try !SituationRules.decide(
                &strict, rule: .quorum(4), present: F.present, votes: votes, reason: .singleAgency, now: F.now))
        #expect(strict.stage == .rejected && strict.description == nil)
        // a vote by an agency that was not present does not count
        votes[F.justice] = true
        var counted = before
        #expect(
            try !SituationRules.decide(
                &counted, rule: .quorum(4), present: F.present, votes: votes, reason: .notElevated, now: F.now))
    }

    @Test("the vote rule's setting")
    func voteRuleSetting() {
        #expect(VoteRule(setting: "unanimity") == .unanimity)
        #expect(VoteRule(setting: "quorum:5") == .quorum(5))
        for bad in ["quorum:0", "quorum:-1", "quorum:999", "quorum", "majority", "quorum:99999999999999999999"] {
            #expect(VoteRule(setting: bad) == nil, "\(bad)")
        }
    }

    @Test("a filter cannot be skipped")
    func noSkipping() throws {
        var opened = try F.situation(at: .opened)
        #expect(throws: SituationRefusal.wrongStage(.opened)) { try SituationRules.reveal(&opened, now: F.now) }
        var agenda = try F.situation(at: .onAgenda)
        #expect(throws: SituationRefusal.wrongStage(.onAgenda)) {
            try SituationRules.name(
                lead: F.health, assisting: [F.housing], in: &agenda, present: F.present, agencies: F.agencies,
                sharingDays: 60, now: F.now)
        }
        var accepted = try F.situation(at: .accepted)
        #expect(throws: SituationRefusal.wrongStage(.accepted)) {
            try SituationRules.conclude(&accepted, with: .riskLowered, on: F.now, now: F.now)
        }
        var rejected = try F.situation(at: .rejected)
        #expect(throws: SituationRefusal.wrongStage(.rejected)) {
            try SituationRules.conclude(&rejected, with: .riskLowered, on: F.now, now: F.now)
        }
        #expect(throws: SituationRefusal.wrongStage(.onAgenda)) {
            try SituationRules.bring(&agenda, to: F.meeting, by: F.police, now: F.now)
        }
    }

    @Test("only the originating agency brings its situation, to a meeting still open")
    func bringing() throws {
        var situation = try F.situation(at: .opened)
        #expect(throws: SituationRefusal.notOriginatingAgency) {
            try SituationRules.bring(&situation, to: F.meeting, by: F.health, now: F.now)
        }
        var closed = F.meeting
        closed.closedAt = F.now
        #expect(throws: SituationRefusal.meetingClosed) {
            try SituationRules.bring(&situation, to: closed, by: F.police, now: F.now)
        }
        #expect(situation.stage == .opened)
    }

    @Test("the lead and assisting agencies were at the table and signed the agreement")
    func interveningAgencies() throws {
        var situation = try F.situation(at: .accepted)
        let before = situation
        #expect(throws: SituationRefusal.agencyNotAtTable) {
            try SituationRules.name(
                lead: F.justice, assisting: [F.housing], in: &situation, present: F.present, agencies: F.agencies,
                sharingDays: 60, now: F.now)
        }
        #expect(throws: SituationRefusal.noAgreement) {
            try SituationRules.name(
                lead: F.health, assisting: [F.school], in: &situation, present: F.present, agencies: F.agencies,
                sharingDays: 60, now: F.now)
        }
        #expect(throws: ValidationError.self) {
            try SituationRules.name(
                lead: F.health, assisting: [F.health], in: &situation, present: F.present, agencies: F.agencies,
                sharingDays: 60, now: F.now)
        }
        #expect(situation == before)
        try SituationRules.name(
            lead: F.health, assisting: [F.housing, F.police], in: &situation, present: F.present, agencies: F.agencies,
            sharingDays: 30, now: F.now)
        #expect(situation.stage == .intervening)
        #expect(situation.identitySharedUntil == F.now.addingTimeInterval(30 * 86_400))
    }

    @Test("reporting back, concluding, and destroying the identity after the retention period")
    func conclusion() throws {
        var situation = try F.situation(at: .intervening)
        #expect(throws: SituationRefusal.identityUnavailable) {
            try SituationRules.report(
                on: &situation, by: F.school, firstInterventionAt: F.now, services: "x", reportBackTo: nil, now: F.now)
        }
        #expect(throws: ValidationError.self) {
            try SituationRules.report(
                on: &situation, by: F.health, firstInterventionAt: F.now.addingTimeInterval(3_600), services: " ",
                reportBackTo: nil, now: F.now)
        }
        try SituationRules.report(
            on: &situation, by: F.health, firstInterventionAt: F.now, services: "Door knock; housing worker",
            reportBackTo: F.meeting, now: F.now)
        #expect(situation.servicesMobilized == "Door knock; housing worker")
        #expect(throws: ValidationError.self) {
            try SituationRules.conclude(
                &situation, with: .riskLowered, on: F.now.addingTimeInterval(86_400), now: F.now)
        }
        try SituationRules.conclude(&situation, with: .riskLowered, on: F.now, now: F.now)
        #expect(!SituationRules.identityDue(situation, retentionDays: 90, now: F.now.addingTimeInterval(89 * 86_400)))
        #expect(SituationRules.identityDue(situation, retentionDays: 90, now: F.now.addingTimeInterval(90 * 86_400)))
    }

    @Test("the description and identity the originating agency types are checked")
    func filterOneInput() throws {
        let zone = TimeZone(identifier: "America/Toronto")!
        let problems = #expect(throws: ValidationError.self) {
            try SituationRules.description(
                subject: "crowd", riskFactors: ["nope"], ageCohorts: ["99-100"], genders: ["x"], summary: "",
                taxonomy: .relaisDefault)
        }
        #expect(
            Set(problems?.problems.map(\.field) ?? [])
                == ["subject", "riskFactors", "ageCohorts", "genders", "summary"])
        let described = try SituationRules.description(
            subject: "family", riskFactors: ["drugs.use", "drugs.use", "poverty.debt"], ageCohorts: ["40-59", "6-11"],
            genders: ["woman"], summary: " Family in debt ", taxonomy: .relaisDefault)
        #expect(described.riskFactors == ["drugs.use", "poverty.debt"])
        #expect(described.ageCohorts == [.from6To11, .from40To59])
        #expect(described.summary == "Family in debt")
        #expect(throws: ValidationError.self) {
            try SituationRules.identity(
                people: [("Ana", nil, "2090-01-01")], place: nil, subject: .individual, timeZone: zone, now: F.now)
        }
        #expect(throws: ValidationError.self) {
            try SituationRules.identity(people: [], place: nil, subject: .individual, timeZone: zone, now: F.now)
        }
        let identity = try SituationRules.identity(
            people: [("Ana", "Roy", "2004-03-02"), (nil, nil, nil)], place: "12 rue Elm", subject: .individual,
            timeZone: zone, now: F.now)
        #expect(identity.people.count == 1)
        let minimal = identity.minimal([.firstName, .age], on: F.now, timeZone: zone)
        #expect(minimal == [RevealedPerson(firstName: "Ana", lastName: nil, age: 22)])
        #expect(IdentityField.fields(setting: "first_name, age") == [.firstName, .age])
        #expect(IdentityField.fields(setting: "first_name,birth_date") == nil)
    }
}
