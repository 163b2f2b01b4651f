import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Situation table store", .tags(.database))
struct SituationStoreTests {
    static let zone = TimeZone(identifier: "America/Toronto")!

    /// Three agencies with agreements and a representative each, and a meeting.
    struct Table {
        let police: TableAgency
        let health: TableAgency
        let housing: TableAgency
        let representative: User
        let meeting: Meeting
    }

    static func table(_ tests: TestStores) async throws -> Table {
        let store = tests.store
        var agencies: [TableAgency] = []
        for (name, sector) in [("Police", AgencySector.police), ("Santé", .health), ("Logement", .housing)] {
            let organisation = try await store.accounts.createOrganisation(name: name, kind: .agency)
            try await store.tableAgencies.save(organisation.id, sector: sector, agreementSignedOn: store.now)
            agencies.append(
                TableAgency(organisationID: organisation.id, name: name, sector: sector, agreementSignedOn: store.now))
        }
        let representative = try await tests.makeAccount(role: .agencyRepresentative, organisation: "Police")
        let meeting = try await store.meetings.create(
            series: "situation_table", kind: .regular, interval: DateInterval(start: store.now, duration: 5_400),
            location: "Tom Davies Square")
        return Table(
            police: agencies[0], health: agencies[1], housing: agencies[2], representative: representative,
            meeting: meeting)
    }

    static let description = SituationDescription(
        subject: .individual, riskFactors: ["housing.eviction", "mental_health.diagnosed"], ageCohorts: [.from18To24],
        genders: [.woman], summary: "Jeune adulte menacée d'expulsion.")
    static let identity = SituationIdentity(
        people: [SituationIdentity.Person(firstName: "Ana", lastName: "Roy", birthDate: "2004-03-02")],
        place: "12 rue Elm")

    @Test(
        "a rejected situation keeps only its date, sector and reason: factors, summary and identity are deleted",
        arguments: TestDatabase.available)
    func rejectionDeletes(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: SituationTableMigrations.all) { tests in
            let store = tests.store
            let table = try await Self.table(tests)
            var situation = try await store.situations.open(
                Self.description, identity: Self.identity, agency: table.police, by: table.representative.id,
                taxonomy: .relaisDefault, timeZone: Self.zone)
            #expect(situation.reference.hasSuffix("-001"))
            #expect(try await store.situations.situation(situation.id) == situation)
            // sealed at rest: the summary and the identity are not in the database as text
            let sql = try #require(tests.database as? any SQLDatabase)
            let raw = try await sql.select().column("summary_sealed").from("situations").first()?
                .decode(column: "summary_sealed", as: String.self)
            #expect(raw?.contains("expulsion") == false)

            try SituationRules.bring(&situation, to: table.meeting, by: table.police.organisationID, now: store.now)
            try await store.situations.save(situation, from: .opened)
            let present: Set = [table.police.organisationID, table.health.organisationID]
            try await store.situations.vote(
                situation.id, agency: table.police.organisationID, meetsThreshold: true, by: table.representative.id)
            await #expect(throws: SituationRefusal.alreadyVoted) {
                try await store.situations.vote(
                    situation.id, agency: table.police.organisationID, meetsThreshold: false,
                    by: table.representative.id)
            }
            try await store.situations.vote(
                situation.id, agency: table.health.organisationID, meetsThreshold: false, by: table.representative.id)
            let votes = try await store.situations.votes(situation.id)
            #expect(votes == [table.police.organisationID: true, table.health.organisationID: false])
            let accepted = try SituationRules.decide(
                &situation, rule: .unanimity, present: present, votes: votes, reason: .singleAgency, now: store.now)
            #expect(!accepted)
            try await store.situations.save(situation, from: .onAgenda)

            let remains = try #require(try await store.situations.situation(situation.id))
            #expect(remains.stage == .rejected && remains.description == nil)
            #expect(remains.rejectionReason == .singleAgency && remains.originatingSector == .police)
            let factors = try await sql.select().column("factor_code").from("situation_factors").all()
            #expect(factors.isEmpty)
            let row = try #require(try await sql.select().column("*").from("situations").first())
            for column in ["subject", "age_cohorts", "genders", "summary_sealed", "taxonomy_version"] {
                #expect(try row.decode(column: column, as: String?.self) == nil, "\(column)")
            }
            #expect(try await sql.select().column("situation_id").from("situation_identities").all().isEmpty)
            // a second save from the old stage finds it moved
            await #expect(throws: SituationRefusal.wrongStage(.rejected)) {
                try await store.situations.save(situation, from: .onAgenda)
            }
        }
    }

    @Test(
        "reading an identity is audited in the same transaction; the retention job destroys it on time",
        arguments: TestDatabase.available)
    func identityAndRetention(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock, programmes: SituationTableMigrations.all) { tests in
            let store = tests.store
            let table = try await Self.table(tests)
            var situation = try await store.situations.open(
                Self.description, identity: Self.identity, agency: table.police, by: table.representative.id,
                taxonomy: .relaisDefault, timeZone: Self.zone)
            let reader = Reader(tests.actor(table.representative), for: .originatingAgency, requestID: "r-1")
            #expect(try await store.situations.identity(of: situation.id, by: reader) == Self.identity)
            let entries = try await store.audit.entries(.init(action: .personalInformationRead))
            #expect(entries.first?.resourceID == situation.id.description)
            #expect(entries.first?.purpose == "originating_agency")

            let now = store.now
            try SituationRules.bring(&situation, to: table.meeting, by: table.police.organisationID, now: now)
            let present: Set = [table.police.organisationID, table.health.organisationID, table.housing.organisationID]
            _ = try SituationRules.decide(
                &situation, rule: .unanimity, present: present,
                votes: Dictionary(uniqueKeysWithValues: present.map { ($0, true) }), reason: nil, now: now)
            let agencies = try await store.tableAgencies.byOrganisation()
            try SituationRules.name(
                lead: table.health.organisationID, assisting: [table.housing.organisationID], in: &situation,
                present: present, agencies: agencies, sharingDays: 30, now: now)
            try await store.situations.save(situation, from: .opened)
            let saved = try #require(try await store.situations.situation(situation.id))
            #expect(saved.assistingAgencyIDs == [table.housing.organisationID])
            #expect(saved.leadAgencyID == table.health.organisationID)
            try SituationRules.report(
                on: &situation, by: table.health.organisationID, firstInterventionAt: now.addingTimeInterval(-3_600),
                services: "Visite à domicile", reportBackTo: table.meeting, now: now)
            try SituationRules.conclude(&situation, with: .riskLowered, on: now, now: now)
            try await store.situations.save(situation, from: .intervening)
            #expect(try await store.situations.situation(situation.id)?.servicesMobilized == "Visite à domicile")

            clock.advance(by: 89 * 86_400)
            #expect(try await store.situations.destroyIdentities(retentionDays: 90).isEmpty)
            clock.advance(by: 86_400)
            #expect(try await store.situations.destroyIdentities(retentionDays: 90) == [situation.id])
            #expect(try await store.situations.identity(of: situation.id, by: reader) == nil)
            let kept = try #require(try await store.situations.situation(situation.id))
            #expect(kept.description == Self.description && kept.conclusion == .riskLowered)
            #expect(kept.identityDestroyedAt == store.now)
        }
    }

    @Test(
        "trends count what was brought to the table, from the counters kept with every save",
        arguments: TestDatabase.available)
    func trends(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: SituationTableMigrations.all) { tests in
            let store = tests.store
            let table = try await Self.table(tests)
            for index in 0..<7 {
                var situation = try await store.situations.open(
                    Self.description, identity: Self.identity, agency: table.police, by: table.representative.id,
                    taxonomy: .relaisDefault, timeZone: Self.zone)
                guard index > 0 else { continue }  // one stays with its agency: not a discussion
                try SituationRules.bring(&situation, to: table.meeting, by: table.police.organisationID, now: store.now)
                try await store.situations.save(situation, from: .opened)
            }
            let months = try #require(try await store.situations.monthsWithDiscussions())
            let trends = try await store.situations.trends(months: months)
            #expect(trends.months.map(\.brought) == [6])
            #expect(trends.factors["housing.eviction"] == 6)
            #expect(trends.cohorts[.from18To24] == 6 && trends.cohorts[.from60] == nil)
            #expect(trends.genders[.woman] == 6)
            #expect(trends.subjects[.individual] == 6)
            #expect(try await store.situations.discussions(months: months).count == 6)
        }
    }

    @Test(
        "meetings: the schedule adds each regular meeting once; attendance is replaced whole",
        arguments: TestDatabase.available)
    func meetings(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let schedule = try #require(MeetingSchedule(setting: "tue,thu 09:30 90"))
            let fortnight = DateInterval(start: store.now, duration: 14 * 86_400)
            let added = try await store.meetings.schedule(
                series: "situation_table", schedule, in: fortnight, timeZone: Self.zone, location: "Salle 1")
            #expect(added.count == 4)
            #expect(
                try await store.meetings.schedule(
                    series: "situation_table", schedule, in: fortnight, timeZone: Self.zone, location: "Salle 1"
                ).isEmpty)
            let first = try #require(added.first)
            #expect(try await store.meetings.cancel(first.id))
            #expect(try await store.meetings.meeting(first.id)?.sequence == 1)
            #expect(try await !store.meetings.cancel(first.id))
            let agency = try await store.accounts.createOrganisation(name: "Agence", kind: .agency)
            let other = try await store.accounts.createOrganisation(name: "Autre", kind: .agency)
            try await store.meetings.recordAttendance(added[1].id, present: [agency.id, other.id])
            try await store.meetings.recordAttendance(added[1].id, present: [agency.id])
            #expect(try await store.meetings.attendance(added[1].id) == [agency.id])
            #expect(try await store.meetings.meetings(series: "situation_table", in: fortnight).count == 4)
        }
    }
}
