import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// A resident's call as an intake coordinator's client sends it, at the Place Émilie-Gamelin (Ville-Marie).
func intakeJSON(
    latitude: Double = 45.5155, longitude: Double = -73.5622, weapon: Bool = false,
    description: String = "Deux personnes se disputent fort devant l'entrée du métro.",
    extra: String = ""
) -> String {
    """
    {"source":"resident","callerName":"Marie Tremblay","callback":"514-555-0101","address":"Place Émilie-Gamelin",
     "latitude":\(latitude),"longitude":\(longitude),"situation":"conflict_between_people",
     "description":\(String(decoding: try! JSONEncoder().encode(description), as: UTF8.self)),"peopleCount":2,
     "vulnerabilities":["unhoused"],"immediateDangerToLife":false,"weapon":\(weapon),"crimeInProgress":false,
     "medicalEmergency":false\(extra)}
    """
}

@Suite("Intake API: screening, triage, idempotency and audited reads", .tags(.web, .database))
struct IntakeAPITests {
    struct Setup {
        let dispatcher: TestAccount
        let client: APIClient
    }

    func setUp(_ app: Application) async throws -> Setup {
        try await app.importDemoBoroughs()
        let dispatcher = try await app.makeAccount(role: .dispatcher)
        return Setup(
            dispatcher: dispatcher, client: APIClient(app, token: try await app.makeToken(for: dispatcher.user)))
    }

    @Test(
        "a resident's call in Ville-Marie is queued with a priority, its personal fields sealed",
        arguments: TestDatabase.available)
    func queued(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let response = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(extra: #","policeEventNumber":"SPVM-2026-481516""#))
            #expect(response.status == .created)
            let body = try response.json()
            let triage = try #require(body["triage"] as? [String: Any])
            #expect(triage["outcome"] as? String == "queued")
            // conflict (2) + someone vulnerable (1) → urgent
            #expect(triage["priority"] as? Int == 1)
            #expect((triage["instruction"] as? String)?.hasPrefix("Mise en file") == true)
            #expect((body["territory"] as? [String: Any])?["code"] as? String == "VM")
            let id = try #require(body["id"] as? String)
            #expect(response.location == "/api/v1/service-requests/\(id)")

            // nothing identifying is stored in clear
            let raw = try await ServiceRequestRecordProbe.rawText(app)
            #expect(!raw.contains("Marie Tremblay") && !raw.contains("514-555-0101") && !raw.contains("Émilie"))
            #expect(!raw.contains("481516"), "the police event number is sealed too")
            let read = try await setup.client.get("/api/v1/service-requests/\(id)")
            #expect(try read.json()["policeEventNumber"] as? String == "SPVM-2026-481516")
            let entries = try await app.store.audit.entries(.init(action: .serviceRequestCreated))
            #expect(entries.count == 1 && entries.first?.resourceID == id)
        }
    }

    @Test("a weapon means 911 now: the request is kept as redirected and never reaches the board")
    func weapon() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let response = try await setup.client.post("/api/v1/service-requests", json: intakeJSON(weapon: true))
            #expect(response.status == .created)
            let triage = try #require(try response.json()["triage"] as? [String: Any])
            #expect(triage["outcome"] as? String == "call_911")
            #expect((triage["instruction"] as? String)?.contains("911") == true)
            #expect(try await app.store.serviceRequests.count() == 1)
            let board = try await setup.client.get("/api/v1/board")
            #expect(try (board.json()["requests"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a point in Longueuil or in the sea is out of territory, with the advice to call 311")
    func outOfTerritory() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let response = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(latitude: 45.5312, longitude: -73.5185))
            let triage = try #require(try response.json()["triage"] as? [String: Any])
            #expect(triage["outcome"] as? String == "out_of_territory")
            #expect((triage["instruction"] as? String)?.contains("311") == true)
            // a point in the sea (the Gulf of St. Lawrence) is outside every territory
            let sea = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(latitude: 48.5, longitude: -62.0))
            #expect((try sea.json()["triage"] as? [String: Any])?["outcome"] as? String == "out_of_territory")
            let territory = try sea.json()["territory"]
            #expect(territory == nil || territory is NSNull)
        }
    }

    @Test("bad input gets every field's message in the caller's language and writes nothing")
    func badInput() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let long = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(description: String(repeating: "a", count: 20_000)))
            #expect(long.status == .unprocessableEntity)
            #expect(long.text.contains(#""field":"description""#))
            #expect(long.text.contains("4 000 caractères"))

            let outOfRange = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(latitude: 91, longitude: -200))
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(
                outOfRange.text.contains(#""field":"latitude""#) && outOfRange.text.contains(#""field":"longitude""#))

            let incomplete = try await setup.client.post(
                "/api/v1/service-requests", json: #"{"source":"police","situation":"nothing","anonymous":true}"#)
            #expect(incomplete.status == .unprocessableEntity)
            for field in ["policeEventNumber", "address", "latitude", "situation", "description", "screening"] {
                #expect(incomplete.text.contains(#""field":"\#(field)""#), "no message for \(field)")
            }

            let malformed = try await setup.client.post("/api/v1/service-requests", json: "{not json")
            #expect(malformed.status == .unprocessableEntity || malformed.status == .badRequest)
            // a high surrogate followed by another escape stopped the server
            let surrogate = try await setup.client.post(
                "/api/v1/service-requests",
                json: intakeJSON().replacingOccurrences(of: #""description":""#, with: #""description":"\ud800\u0041"#))
            #expect(surrogate.status == .unprocessableEntity)
            #expect(try surrogate.json()["code"] as? String == "malformed_body")
            #expect(try await app.store.serviceRequests.count() == 0)
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestCreated)).isEmpty)
        }
    }

    @Test(
        "a retried submission with the same Idempotency-Key gets the same request, once",
        arguments: TestDatabase.available)
    func idempotent(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let key: HTTPHeaders = ["Idempotency-Key": "telephone-42-envoi-1"]
            let first = try await setup.client.post("/api/v1/service-requests", json: intakeJSON(), headers: key)
            // a phone on a bad network retries, twice at once
            async let second = setup.client.post("/api/v1/service-requests", json: intakeJSON(), headers: key)
            async let third = setup.client.post("/api/v1/service-requests", json: intakeJSON(), headers: key)
            let retries = try await [second, third]
            #expect(first.status == .created)
            for retry in retries {
                #expect(retry.status == .ok)
                #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
                #expect(try retry.json()["id"] as? String == first.json()["id"] as? String)
            }
            #expect(try await app.store.serviceRequests.count() == 1)

            let different = try await setup.client.post(
                "/api/v1/service-requests", json: intakeJSON(description: "Autre chose"), headers: key)
            #expect(different.status == .unprocessableEntity)
            #expect(different.text.contains("clé d'idempotence a déjà servi"))
            #expect(try await app.store.serviceRequests.count() == 1)
        }
    }

    @Test(
        "two first submissions with the same Idempotency-Key at once make one request; the other is told it",
        arguments: TestDatabase.available)
    func idempotentRace(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let key: HTTPHeaders = ["Idempotency-Key": "telephone-43-envoi-1"]
            async let first = setup.client.post("/api/v1/service-requests", json: intakeJSON(), headers: key)
            async let second = setup.client.post("/api/v1/service-requests", json: intakeJSON(), headers: key)
            let answers = try await [first, second]
            #expect(Set(answers.map(\.status)) == [.created, .ok])
            #expect(Set(try answers.map { try $0.json()["id"] as? String }).count == 1)
            #expect(try await app.store.serviceRequests.count() == 1)
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestCreated)).count == 1)
        }
    }

    @Test("an override needs a reason, changes where the request goes and is audited")
    func override() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let noReason = try await setup.client.post(
                "/api/v1/service-requests",
                json: intakeJSON(extra: #","overrideOutcome":"queued","overridePriority":3"#))
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains(#""field":"overrideReason""#))
            #expect(try await app.store.serviceRequests.count() == 0)

            let overridden = try await setup.client.post(
                "/api/v1/service-requests",
                json: intakeJSON(
                    weapon: true,
                    extra:
                        #","overrideOutcome":"queued","overridePriority":1,"overrideReason":"Le « couteau » est un outil de travail, confirmé par l'agent""#
                ))
            let triage = try #require(try overridden.json()["triage"] as? [String: Any], "\(overridden.text)")
            #expect(triage["outcome"] as? String == "queued" && triage["priority"] as? Int == 1)
            let audit = try await app.store.audit.entries(.init(action: .triageOverridden))
            #expect(audit.count == 1 && audit.first?.purpose == "call_911 → queued")
        }
    }

    @Test("reading a request is audited; another organisation sees 404 and an analyst 403")
    func reads() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let created = try await setup.client.post("/api/v1/service-requests", json: intakeJSON())
            let id = try #require(try created.json()["id"] as? String)
            let detail = try await setup.client.get("/api/v1/service-requests/\(id)")
            #expect(detail.status == .ok)
            #expect(try detail.json()["callerName"] as? String == "Marie Tremblay")
            let reads = try await app.store.audit.entries(.init(action: .personalInformationRead))
            #expect(reads.contains { $0.resourceID == id && $0.purpose == "dispatch" })

            let other = try await app.makeAccount(role: .dispatcher, organisation: "Autre équipe mobile")
            let otherClient = APIClient(app, token: try await app.makeToken(for: other.user))
            #expect(try await otherClient.get("/api/v1/service-requests/\(id)").status == .notFound)

            let analyst = try await app.makeAccount(role: .analyst)
            let analystClient = APIClient(app, token: try await app.makeToken(for: analyst.user))
            #expect(try await analystClient.get("/api/v1/service-requests/\(id)").status == .forbidden)
            #expect(
                try await analystClient.post("/api/v1/service-requests", json: intakeJSON()).status == .forbidden)
        }
    }
}

/// Reads the stored rows as text, to check that nothing identifying is in clear.
@Suite("Intake from outside the mobile teams, with several of them", .tags(.web, .database))
struct ServingOrganisationIntakeTests {
    @Test(
        "a police request goes to the team organisation serving the point's borough, and never fails for it",
        arguments: TestDatabase.available)
    func twoTeamOrganisations(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoBoroughs()
            let east = try await app.makeAccount(role: .dispatcher, organisation: "Équipe Est")
            let west = try await app.makeAccount(role: .dispatcher, organisation: "Équipe Ouest")
            _ = try await app.makeTeam(
                "Est 1", organisationID: east.user.organisationID, borough: "MH", by: east.user.id)
            _ = try await app.makeTeam(
                "Ouest 1", organisationID: west.user.organisationID, borough: "VM", by: west.user.id)
            let officer = try await app.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let police = APIClient(app, token: try await app.makeToken(for: officer.user))
            func owner(latitude: Double, longitude: Double) async throws -> Organisation.ID? {
                let sent = try await police.post(
                    "/api/v1/service-requests",
                    json: intakeJSON(latitude: latitude, longitude: longitude, extra: #","policeEventNumber":"E-1""#)
                        .replacingOccurrences(of: #""source":"resident","#, with: ""))
                #expect(sent.status == .created, "\(sent.text)")
                let id = try #require(ServiceRequest.ID(try sent.json()["id"] as? String ?? ""))
                return try await app.store.serviceRequests.unsealed(id)?.organisationID
            }
            #expect(try await owner(latitude: 45.5155, longitude: -73.5622) == west.user.organisationID)  // VM
            #expect(try await owner(latitude: 45.5540, longitude: -73.5390) == east.user.organisationID)  // MH
            // out of every territory: still answered (out of territory), owned by the first by name
            #expect(try await owner(latitude: 45.53, longitude: -73.40) == east.user.organisationID)
        }
    }
}

enum ServiceRequestRecordProbe {
    static func rawText(_ app: Application) async throws -> String {
        guard let sql = app.store.database as? any SQLDatabase else { return "" }
        let rows = try await sql.raw("SELECT * FROM service_requests").all()
        return rows.map { row in
            row.allColumns.compactMap { column in (try? row.decode(column: column, as: String?.self)) ?? nil }
                .joined(separator: "|")
        }.joined(separator: "\n")
    }
}
