import Fluent
import Foundation
import RelaisCore
import RelaisStoreTestSupport
import SQLKit
import Testing

@testable import RelaisPersistence

@Suite("Sealing a field that was stored in clear", .tags(.database))
struct SealedFieldMigrationTests {
    @Test(
        "migration 0019 seals the police event numbers already stored, and reverting opens them again",
        arguments: TestDatabase.available)
    func policeEventNumbers(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let dispatcher = try await tests.makeAccount(role: .dispatcher)
            let intake = ValidIntake(
                source: .police, policeEventNumber: "SPVM-2026-481516", caller: nil, address: "Place Émilie-Gamelin",
                point: try GeoPoint(latitude: 45.5155, longitude: -73.5622), situation: "noise",
                description: "Musique forte", peopleCount: 1, vulnerabilities: [],
                screening: SafetyScreening(
                    immediateDangerToLife: false, weapon: false, crimeInProgress: false, medicalEmergency: false))
            let store = tests.store
            let new = store.serviceRequests.prepare(
                intake, territory: nil, triaged: .queue(.normal), organisationID: dispatcher.organisationID,
                createdBy: dispatcher.id, idempotency: nil)
            let created = try await store.transaction { tx in try await tx.serviceRequests.create(new) }
            let migration = SealPoliceEventNumbers(stores: tests.stores)
            let sql = try #require(tests.database as? any SQLDatabase)

            // as a database written before 0019 holds it
            try await migration.revert(on: tests.database)
            let clear = try await sql.raw("SELECT police_event_number FROM service_requests").first()
            #expect(try clear?.decode(column: "police_event_number", as: String.self) == "SPVM-2026-481516")

            try await migration.prepare(on: tests.database)
            let sealed = try #require(
                try await sql.raw("SELECT police_event_number_sealed AS v FROM service_requests").first()?.decode(
                    column: "v", as: String.self))
            #expect(sealed.hasPrefix("v1:") && !sealed.contains("481516"))
            #expect(
                try await store.serviceRequests.unsealed(created.id)?.intake.policeEventNumber == "SPVM-2026-481516")
        }
    }
}
