import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Mediation's stores: requests, teams, dispatch", .tags(.database))
struct MediationStoreTests {
    /// A request taken as the intake desk takes it, queued for the mobile team of `organisation`.
    static func takeRequest(_ tests: TestStores, organisation: Organisation.ID, by user: User.ID) async throws
        -> ServiceRequest
    {
        var form = IntakeForm()
        form.source = "police"
        form.policeEventNumber = "SPVM-2026-004242"
        form.callerName = "Mme Tremblay"
        form.callback = "514-555-0199"
        form.address = "1500 rue Ontario Est"
        form.latitude = 45.5155
        form.longitude = -73.5622
        form.situation = "noise"
        form.description = "Musique forte depuis deux heures."
        form.peopleCount = 2
        form.vulnerabilities = []
        form.immediateDangerToLife = false
        form.weapon = false
        form.crimeInProgress = false
        form.medicalEmergency = false
        let intake = try IntakeRules.validate(form, situations: ["noise"])
        let new = tests.store.serviceRequests.prepare(
            intake, territory: nil, triaged: .queue(.normal), organisationID: organisation, createdBy: user,
            idempotency: ("key-1", "fingerprint"))
        return try await tests.store.serviceRequests.create(new)
    }

    @Test(
        "a request's identifying fields are sealed at rest and open only through an audited read; a retry finds it",
        arguments: TestDatabase.available)
    func sealedRequest(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let dispatcher = try await tests.makeAccount(role: .dispatcher)
            let created = try await Self.takeRequest(tests, organisation: dispatcher.organisationID, by: dispatcher.id)
            let sql = try #require(tests.database as? any SQLDatabase)
            let row = try #require(try await sql.raw("SELECT * FROM service_requests").first())
            for column in ["caller_sealed", "address_sealed", "description_sealed", "police_event_number_sealed"] {
                let stored = try row.decode(column: column, as: String.self)
                #expect(!stored.contains("Tremblay") && !stored.contains("Ontario") && !stored.contains("SPVM"))
            }
            #expect(try await tests.store.audit.entries(.init()).isEmpty)
            let reader = Reader(tests.actor(dispatcher), for: .dispatch, requestID: "r1")
            let read = try #require(try await tests.store.serviceRequests.read(created.id, by: reader))
            #expect(read.intake.policeEventNumber == "SPVM-2026-004242")
            #expect(read.intake.caller?.name == "Mme Tremblay")
            let entries = try await tests.store.audit.entries(.init(action: .personalInformationRead))
            #expect(entries.map(\.resourceID) == [created.id.description])
            #expect(entries.first?.purpose == "dispatch" && entries.first?.requestID == "r1")
            let replay = try await tests.store.serviceRequests.replay(
                key: "key-1", createdBy: dispatcher.id, fingerprint: "fingerprint")
            #expect(replay != nil)
        }
    }

    @Test(
        "a team's name is unique in its organisation; shifts are found by borough; dispatch is a conditional write",
        arguments: TestDatabase.available)
    func teamsAndDispatch(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let dispatcher = try await tests.makeAccount(role: .dispatcher)
            let worker = try await tests.makeAccount(role: .mobileWorker)
            let organisation = dispatcher.organisationID
            let alpha = try await store.teams.create(
                organisationID: organisation, name: "Alpha", vehicle: "V-1", members: [worker.id])
            await #expect(throws: StoreError.duplicate(field: "team_name")) {
                _ = try await store.teams.create(
                    organisationID: organisation, name: "Alpha", vehicle: "V-2", members: [])
            }
            let beta = try await store.teams.create(
                organisationID: organisation, name: "Beta", vehicle: "V-2", members: [])
            #expect(try await store.teams.team(memberID: worker.id)?.id == alpha.id)
            let day = DateInterval(start: store.now.addingTimeInterval(-3600), duration: 12 * 3600)
            _ = try await store.teams.addShift(teamID: alpha.id, territoryCode: "VM", interval: day)
            #expect(
                try await store.teams.shifts(inTerritory: "VM", overlapping: day).map(\.organisationID) == [
                    organisation
                ])
            #expect(try await store.teams.shifts(inTerritory: "PM", overlapping: day).isEmpty)

            for team in [alpha, beta] {
                _ = try await store.dispatch.changeStatus(of: team, to: .available, position: nil, by: dispatcher.id)
            }
            let request = try await Self.takeRequest(tests, organisation: organisation, by: dispatcher.id)
            // two coordinators send two teams to the same request at once (each in its transaction, as the
            // dispatcher desk does): one wins, the other's team stays available
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for team in [alpha, beta] {
                    group.addTask {
                        (try? await store.transaction { tx in
                            try await tx.dispatch.assign(request.id, to: team.id, by: dispatcher.id)
                        }) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let assigned = try #require(try await store.serviceRequests.summary(request.id)?.teamID)
            let team = try #require(try await store.teams.team(assigned))
            #expect(team.status == .assigned && team.currentRequestID == request.id)
            let other = assigned == alpha.id ? beta.id : alpha.id
            #expect(try await store.teams.team(other)?.status == .available)
            await #expect(throws: DispatchConflict.requestNotWaiting) {
                try await store.transaction { tx in
                    try await tx.dispatch.assign(request.id, to: other, by: dispatcher.id)
                }
            }
            // moving from a status it has left is refused; the milestones land on the request
            let enRoute = try await store.dispatch.changeStatus(of: team, to: .enRoute, position: nil, by: worker.id)
            #expect(enRoute.requestID == request.id)
            await #expect(throws: DispatchConflict.statusChanged) {
                _ = try await store.dispatch.changeStatus(of: team, to: .enRoute, position: nil, by: worker.id)
            }
            let reader = Reader(tests.actor(dispatcher), for: .dispatch)
            let read = try #require(try await store.serviceRequests.read(request.id, by: reader))
            #expect(read.timeline.dispatchedAt != nil && read.timeline.enRouteAt != nil)
            let history = try await store.teams.history(ofRequest: request.id, by: reader)
            #expect(history.count == 2)
        }
    }
}
