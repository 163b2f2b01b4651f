import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("ÉSUP stores", .tags(.database))
struct ConsultStoreTests {
    static let zone = TimeZone(identifier: "America/Montreal")!

    static func request(_ mode: ConsultMode = .phone, emergency: Bool = false) -> ConsultRequest {
        var screening = SafetyScreening.clear
        screening.medicalEmergency = emergency
        return ConsultRequest(
            eventNumber: "26-000123", place: "1500 rue Ontario Est", situations: [.suicidal], sceneSecured: true,
            mode: mode, details: "Homme sur le balcon", screening: screening, callback: nil)
    }

    @Test(
        "the queue puts emergencies first; lists open nothing sealed; the whole consult is an audited read",
        arguments: TestDatabase.available)
    func queue(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withStore(engine, clock: clock, programmes: PsychosocialSupportMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            try await store.duos.setTeam(worker.organisationID)
            #expect(try await store.duos.team() == worker.organisationID)
            var made: [Consult] = []
            for emergency in [false, true] {
                made.append(
                    try await store.consults.request(
                        Self.request(emergency: emergency), team: worker.organisationID,
                        requesterOrganisation: officer.organisationID, by: officer.id, timeZone: Self.zone))
                clock.advance(by: 60)
            }
            let queue = try await store.consults.queue(team: worker.organisationID)
            #expect(queue.map(\.id) == [made[1].id, made[0].id])
            #expect(queue.map(\.reference) == ["ÉSUP-0002", "ÉSUP-0001"])
            #expect(try await store.consults.requested(by: officer.id).count == 2)
            let sql = try #require(store.database as? any SQLDatabase)
            let sealed = try await sql.raw("SELECT request_sealed FROM esup_consults").all()
                .map { try $0.decode(column: "request_sealed", as: String.self) }
            #expect(!sealed.contains { $0.contains("Ontario") || $0.contains("26-000123") })
            let reader = Reader(tests.actor(worker), for: .consultAdvice, requestID: "probe")
            let whole = try #require(try await store.consults.consult(made[0].id, by: reader))
            #expect(whole.request == Self.request())
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType) == [AuditResource.consult.rawValue])
        }
    }

    @Test(
        "a step saved from a stale stage fails and changes nothing; a withdrawal after a duo took it is refused",
        arguments: TestDatabase.available)
    func staleStage(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: PsychosocialSupportMigrations.all) { tests in
            let store = tests.store
            let officer = try await tests.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let duoOfficer = try await tests.makeAccount(role: .policeOfficer, organisation: "ÉSUP")
            var duo = try await store.duos.form(
                team: worker.organisationID, evening: "2026-11-27", callSign: "ÉSUP 1", officer: duoOfficer.id,
                socialWorker: worker.id)
            await #expect(throws: StoreError.duplicate(field: "callSign")) {
                try await store.duos.form(
                    team: worker.organisationID, evening: "2026-11-27", callSign: "ÉSUP 1", officer: duoOfficer.id,
                    socialWorker: worker.id)
            }
            #expect(try await store.duos.duo(of: worker.id, evening: "2026-11-27")?.id == duo.id)
            let consult = try await store.consults.request(
                Self.request(), team: worker.organisationID, requesterOrganisation: officer.organisationID,
                by: officer.id, timeZone: Self.zone)
            var accepted = consult
            try ConsultRules.accept(&accepted, by: &duo, now: store.now)
            try await store.consults.save(accepted, from: .requested)
            try await store.duos.save(duo)
            var again = consult
            again.advice = "autre"
            await #expect(throws: ConsultRefusal.wrongStage(.accepted)) {
                try await store.consults.save(again, from: .requested)
            }
            await #expect(throws: ConsultRefusal.wrongStage(.accepted)) {
                try await store.consults.withdraw(consult.id)
            }
            #expect(try await store.consults.summary(consult.id)?.duoID == duo.id)
            #expect(try await store.duos.duo(duo.id)?.status == .advisingByPhone)
        }
    }

    @Test(
        "a plan and the tasks are sealed and read audited; the measures read only what is not",
        arguments: TestDatabase.available)
    func plansAndTasks(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: PsychosocialSupportMigrations.all) { tests in
            let store = tests.store
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let officer = try await tests.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let person = try await store.persons.record(
                PersonIdentifiers(givenName: "Awa", familyName: "Diallo", birthDate: "1990-01-02", phone: nil),
                organisation: worker.organisationID, programme: "esup", by: worker.id)
            let content = SupportPlanContent(
                whatHelps: "Parler doucement", toAvoid: nil, peopleToCall: "Sa tante", preferredResources: nil,
                approachNote: "Lui proposer d'appeler sa tante", reviewOn: "2027-03-01")
            _ = try await store.supportPlans.write(content, for: person.id, team: worker.organisationID, by: worker.id)
            let reader = Reader(tests.actor(worker), for: .personFollowUp, requestID: "plan")
            #expect(try await store.supportPlans.current(for: [person.id], by: reader)?.content == content)
            let consult = try await store.consults.request(
                ConsultStoreTests.request(), team: worker.organisationID, requesterOrganisation: officer.organisationID,
                by: officer.id, timeZone: Self.zone)
            _ = try await store.supportPlans.addTask(
                team: worker.organisationID, consult: consult.id, person: person.id, what: "Appeler le CLSC",
                assignee: worker.id, dueOn: "2026-11-28")
            #expect(
                try await store.supportPlans.openTasks(team: worker.organisationID, by: reader).map(\.what) == [
                    "Appeler le CLSC"
                ])
            #expect(try await store.supportPlans.tasks(consult: consult.id, by: reader).count == 1)
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "plan" }.count == 3)
            let first = try await store.supportPlans.firstPlans(team: worker.organisationID)
            #expect(first.map(\.0) == [person.id])
            let rows = try await store.consults.measureRows(
                team: worker.organisationID, in: DateInterval(start: store.now.addingTimeInterval(-60), duration: 120))
            #expect(rows.count == 1 && rows.first?.situations == [.suicidal])
        }
    }
}
