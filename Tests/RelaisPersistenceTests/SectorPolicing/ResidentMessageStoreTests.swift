import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("RÉSO stores", .tags(.database))
struct ResidentMessageStoreTests {
    static let content = MessageContent(
        topic: .drugs, place: "Parc de la Cité, près des balançoires", latitude: 45.45, longitude: -73.46,
        replyBy: .email, contact: "resident@example.org", name: "Mme Roy", body: "Des seringues sous le module de jeux."
    )

    @Test(
        "what a resident wrote is sealed; lists open nothing; the whole message is an audited read",
        arguments: TestDatabase.available)
    func sealedAndAudited(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: SectorPolicingMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .sectorOfficer, organisation: "SPAL", kind: .policeService)
            let card = try await store.sectorOfficers.add(
                organisation: officer.organisationID, user: officer.id, name: "Agente Roy", cellPhone: "4505550100",
                languages: [.french], duty: OpeningHours(intervals: []))
            let message = try await store.residentMessages.receive(
                Self.content, organisation: officer.organisationID, sector: "BRO-1", officer: card.id, language: .french
            )
            let sql = try #require(store.database as? any SQLDatabase)
            let row = try #require(try await sql.raw("SELECT * FROM reso_messages").first())
            let sealed = try row.decode(column: "content_sealed", as: String.self)
            #expect(!sealed.contains("seringues") && !sealed.contains("resident@example.org"))
            #expect(try await store.residentMessages.answeredBy(card.id).map(\.id) == [message.id])
            let reader = Reader(tests.actor(officer), for: .residentMessage, requestID: "probe")
            let opened = try #require(try await store.residentMessages.message(message.id, by: reader))
            #expect(opened.message.content == Self.content)
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType) == [AuditResource.residentMessage.rawValue])
        }
    }

    @Test(
        "a step recorded from a stale status fails; a message is escalated once, and not once answered",
        arguments: TestDatabase.available)
    func conditionalSteps(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock, programmes: SectorPolicingMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .sectorOfficer, organisation: "SPAL", kind: .policeService)
            let first = try await store.residentMessages.receive(
                Self.content, organisation: officer.organisationID, sector: "BRO-1", officer: nil, language: .english)
            let second = try await store.residentMessages.receive(
                Self.content, organisation: officer.organisationID, sector: "BRO-1", officer: nil, language: .english)
            #expect(first.reference != second.reference)
            clock.advance(by: 25 * 3_600)
            let cutoff = store.now.addingTimeInterval(-24 * 3_600)
            #expect(
                Set(try await store.residentMessages.overdue(receivedBy: cutoff).map(\.id)) == [first.id, second.id])
            // the second is answered before the job comes
            var answered = second
            let step = try MessageRules.step(.emailed, text: "Merci", on: &answered, by: officer.id, now: store.now)
            try await store.residentMessages.record(step, on: answered, from: .new)
            await #expect(throws: MessageRefusal.closed) {
                try await store.residentMessages.record(step, on: answered, from: .new)
            }
            #expect(try await store.residentMessages.escalate(first.id, to: nil, note: ""))
            #expect(try await store.residentMessages.escalate(first.id, to: nil, note: "") == false)
            #expect(try await store.residentMessages.escalate(second.id, to: nil, note: "") == false)
            #expect(try await store.residentMessages.overdue(receivedBy: store.now).isEmpty)
            let summary = try #require(try await store.residentMessages.summary(second.id))
            #expect(summary.status == .answered && summary.firstReplyAt == store.now)
        }
    }

    @Test(
        "one officer per sector: assigning a sector takes it from its officer; the history keeps both",
        arguments: TestDatabase.available)
    func assignments(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock, programmes: SectorPolicingMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .sectorOfficer, organisation: "SPAL", kind: .policeService)
            let service = officer.organisationID
            let duty = try OfficerRules.duty([OfficerRules.DutyRow(day: 0, start: "22:00", end: "06:00")])
            let a = try await store.sectorOfficers.add(
                organisation: service, user: nil, name: "A", cellPhone: "4505550100", languages: [.french, .arabic],
                duty: duty)
            let b = try await store.sectorOfficers.add(
                organisation: service, user: nil, name: "B", cellPhone: "4505550101", languages: [.english],
                duty: OpeningHours(intervals: []))
            try await store.transaction { try await $0.sectorOfficers.assign(a.id, to: "BRO-1") }
            clock.advance(by: 3_600)
            try await store.transaction { try await $0.sectorOfficers.assign(b.id, to: "BRO-1") }
            let all = try await store.sectorOfficers.all()
            #expect(all.first { $0.id == a.id }?.sectorCode == nil)
            #expect(all.first { $0.id == b.id }?.sectorCode == "BRO-1")
            #expect(all.first { $0.id == a.id }?.duty == duty)
            #expect(all.first { $0.id == a.id }?.languages == [.french, .arabic])
            let history = try await store.sectorOfficers.assignments(of: a.id)
            #expect(history.count == 1 && history[0].sector == "BRO-1" && history[0].until != nil)
            // photos: stored per size, the version bumped
            let version = try await store.sectorOfficers.setPhoto(a.id, sizes: ["card": [1, 2, 3], "large": [4, 5]])
            #expect(version == 1)
            #expect(try await store.sectorOfficers.photo(a.id, size: "large")?.bytes == Data([4, 5]))
            #expect(try await store.sectorOfficers.setPhoto(a.id, sizes: ["card": [9]]) == 2)
            #expect(try await store.sectorOfficers.photo(a.id, size: "large") == nil)
        }
    }

    @Test(
        "a problem's work and actions are sealed and read through an audited call; a stale stage fails",
        arguments: TestDatabase.available)
    func problems(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: SectorPolicingMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .sectorOfficer, organisation: "SPAL", kind: .policeService)
            var problem = try await store.sectorProblems.open(
                organisation: officer.organisationID, sector: "BRO-1", title: "Seringues", place: "Parc",
                cell: GridCell(latitude: 45.45, longitude: -73.5), by: officer.id)
            try ProblemRules.work(
                &problem, analysis: "Consommation le soir près des jeux", partners: "CIUSSS", advance: true,
                assessment: nil, now: store.now)
            try await store.sectorProblems.save(problem, from: .scanning)
            await #expect(throws: ProblemRefusal.closed) {
                try await store.sectorProblems.save(problem, from: .scanning)
            }
            try await store.sectorProblems.addAction(
                to: problem.id, what: "Bac à seringues", owner: "Ville", dueOn: "2027-02-01")
            let reader = Reader(tests.actor(officer), for: .problemWork, requestID: "probe")
            let opened = try #require(try await store.sectorProblems.problem(problem.id, by: reader))
            #expect(
                opened.problem.analysis == "Consommation le soir près des jeux" && opened.problem.stage == .analysis)
            #expect(opened.actions.map(\.what) == ["Bac à seringues"])
            #expect(try await store.sectorProblems.summary(problem.id)?.analysis == "")
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType) == [AuditResource.sectorProblem.rawValue])
            let action = try #require(opened.actions.first)
            #expect(try await store.sectorProblems.markDone(action.id, of: problem.id))
            #expect(try await store.sectorProblems.markDone(action.id, of: problem.id) == false)
        }
    }

    @Test(
        "a work log's places and notes are sealed; reading an officer's log is one audited read",
        arguments: TestDatabase.available)
    func workLog(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: SectorPolicingMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .sectorOfficer, organisation: "SPAL", kind: .policeService)
            let contact = SectorContact(
                id: .init(UUID()), organisationID: officer.organisationID, sectorCode: "BRO-1",
                officerUserID: officer.id,
                kind: .vulnerablePerson, at: store.now, place: "12 rue de Rome, app. 3",
                cell: GridCell(latitude: 45.45, longitude: -73.5),
                note: "Voisin âgé confus, famille appelée", problemID: nil)
            try await store.sectorContacts.record(contact)
            let sql = try #require(store.database as? any SQLDatabase)
            let sealed = try #require(try await sql.raw("SELECT entry_sealed FROM reso_contacts").first())
                .decode(column: "entry_sealed", as: String.self)
            #expect(!sealed.contains("rue de Rome") && !sealed.contains("confus"))
            let reader = Reader(tests.actor(officer), for: .workLog, requestID: "probe")
            let log = try await store.sectorContacts.log(
                of: officer.id, since: store.now.addingTimeInterval(-60), by: reader)
            #expect(log == [contact])
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType) == [AuditResource.sectorContact.rawValue])
            #expect(
                try await store.sectorContacts.events(
                    organisation: officer.organisationID, since: store.now.addingTimeInterval(-60)
                ).count == 1)
            #expect(
                try await store.sectorContacts.counts(
                    organisation: officer.organisationID,
                    in: DateInterval(start: store.now.addingTimeInterval(-60), duration: 120)) == [.vulnerablePerson: 1]
            )
        }
    }
}
