import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// The use cases called directly, as a command or another programme would: an actor, the stores and the clock, no
/// HTTP request.
@Suite("Desks without HTTP", .tags(.database))
struct DeskTests {
    func intake() -> IntakeForm {
        var form = IntakeForm()
        form.source = "resident"
        form.anonymous = true
        form.address = "Place Émilie-Gamelin"
        form.latitude = 45.5155
        form.longitude = -73.5622
        form.situation = "noise"
        form.description = "Musique forte"
        form.immediateDangerToLife = false
        form.weapon = false
        form.crimeInProgress = false
        form.medicalEmergency = false
        return form
    }

    @Test("intake: a coordinator's call is queued and audited; a police override is refused before anything is written")
    func intakeDesk() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let officer = try await app.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            func desk(_ account: TestAccount) -> IntakeDesk {
                IntakeDesk(context: DeskContext(actor: app.actor(account.user), store: app.store, services: app.relais))
            }
            guard case .created(let created) = try await desk(dispatcher).submit(intake()) else {
                Issue.record("not created")
                return
            }
            #expect(created.outcome.isQueued)
            var override = intake()
            override.source = nil
            override.policeEventNumber = "E-1"
            override.overrideOutcome = "queued"
            await #expect(throws: IntakeRefusal.overrideNotAllowed) { try await desk(officer).submit(override) }
            #expect(try await app.store.serviceRequests.count() == 1)
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestCreated)).count == 1)
        }
    }

    @Test("dispatch: a worker's context reads its team's request and no other")
    func dispatcher() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let colleague = try await app.makeAccount(role: .mobileWorker)
            let worker = Dispatcher(
                context: DeskContext(actor: app.actor(scene.worker.user), store: app.store, services: app.relais))
            let other = Dispatcher(
                context: DeskContext(actor: app.actor(colleague.user), store: app.store, services: app.relais))
            #expect(try await worker.requestInReach(scene.requestID).id == scene.requestID)
            await #expect(throws: Abort.self) { try await other.requestInReach(scene.requestID) }
        }
    }
}
