import ConsoleKit
import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// Least privilege by relationship: what each role sees and does is what its work needs, tried as the faults
/// found by hand (a worker reading another team's call, a partner token overriding triage, an administrator
/// answering a referral).
@Suite("Need-to-know: roles, organisations and relationships", .tags(.web, .database))
struct NeedToKnowTests {
    @Test(
        "a worker reads the requests sent to their own team only, and moves only their own team",
        arguments: TestDatabase.available)
    func worker(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await OnScene(app)
            let organisation = scene.dispatcher.user.organisationID
            let colleague = try await app.makeAccount(role: .mobileWorker)
            let otherTeam = try await app.makeTeam(
                "Équipe 2", organisationID: organisation, members: [colleague.user.id], borough: "MH",
                position: try GeoPoint(latitude: 45.5540, longitude: -73.5390), by: scene.dispatcher.user.id)
            let dispatch = APIClient(app, token: try await app.makeToken(for: scene.dispatcher.user))
            let waiting = try await dispatch.post("/api/v1/service-requests", json: intakeJSON(latitude: 45.5101))
            let waitingID = try #require(try waiting.json()["id"] as? String)

            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            let other = APIClient(app, token: try await app.makeToken(for: colleague.user))
            // their own team's request, in full; another team's (or a waiting one) as if it did not exist
            let own = try await worker.get("/api/v1/service-requests/\(scene.requestID)")
            #expect(own.status == .ok)
            #expect(try own.json()["callback"] as? String == "514-555-0101")
            let notTheirs = try await other.get("/api/v1/service-requests/\(scene.requestID)")
            #expect(notTheirs.status == .notFound)
            #expect(!notTheirs.text.contains("514-555-0101"))
            #expect(try await worker.get("/api/v1/service-requests/\(waitingID)").status == .notFound)
            let phone = TestBrowser(app)
            try await phone.signIn(email: colleague.user.email, password: colleague.password)
            let page = try await phone.get("/demandes/\(scene.requestID)")
            #expect(page.status == .notFound)
            #expect(!page.text.contains("Marie Tremblay"))
            // the board, which holds no personal information, stays theirs
            #expect(try await other.get("/api/v1/board").status == .ok)

            // no assigning, no shift or status for another team
            let assign = try await other.post(
                "/api/v1/service-requests/\(waitingID)/assignment", json: #"{"teamId":"\#(otherTeam.id)"}"#)
            #expect(assign.status == .forbidden)
            let shift = try await other.post(
                "/api/v1/teams/\(scene.team.id)/shifts",
                json: #"{"territoryCode":"VM","startsAt":"2030-01-01T08:00:00Z","endsAt":"2030-01-01T16:00:00Z"}"#)
            #expect(shift.status == .notFound)
            let status = try await other.post(
                "/api/v1/teams/\(scene.team.id)/status", json: #"{"status":"available"}"#)
            #expect(status.status == .notFound)
            #expect(try await app.store.teams.team(scene.team.id)?.status == .onScene)
            #expect(
                try await app.store.teams.shifts(
                    teamIDs: [scene.team.id],
                    overlapping: DateInterval(
                        start: Date(timeIntervalSince1970: 1_893_456_000), duration: 86_400)
                ).isEmpty)
            let ownStatus = try await other.post(
                "/api/v1/teams/\(otherTeam.id)/status", json: #"{"status":"off_duty"}"#)
            #expect(ownStatus.status == .ok)
        }
    }

    @Test("an administrator runs the deployment but neither reads nor answers programme records")
    func administrator() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            let referred = try await worker.post(
                "/api/v1/my-intervention/services",
                json: #"{"kind":"referral","resourceId":"\#(OnScene.shelter)","asked":"Un lit"}"#)
            let referralID = try #require(
                (try referred.json()["services"] as? [[String: Any]])?.first?["id"] as? String)
            let admin = try await app.makeAccount(role: .admin)
            let client = APIClient(app, token: try await app.makeToken(for: admin.user))
            let answer = try await client.send(
                .PUT, "/api/v1/referrals/\(referralID)/answer", json: #"{"answer":"declined"}"#)
            #expect(answer.status == .forbidden)
            let listed = try await client.get("/api/v1/referrals")
            #expect(listed.status == .forbidden && !listed.text.contains("Un lit"))
            let capacity = try await client.send(
                .PUT, "/api/v1/resources/\(OnScene.shelter)/capacity", json: #"{"available":3}"#)
            #expect(capacity.status == .forbidden)
            #expect(try await client.get("/api/v1/service-requests/\(scene.requestID)").status == .forbidden)
            #expect(try await app.store.audit.entries(.init(action: .referralAnswered)).isEmpty)
            // teams remain theirs to set up
            #expect(try await client.get("/api/v1/teams").status == .ok)
        }
    }

    @Test("a partner application's account neither signs in nor uses the JSON API, even with an ordinary token")
    func partnerApplication() async throws {
        try await withRelaisApp { app in
            let partner = try await app.makeAccount(
                role: .open311Client, organisation: "Ville de Montréal", kind: .municipality)
            let token = try await app.makeToken(for: partner.user)
            let me = try await APIClient(app, token: token).get("/api/v1/me")
            #expect(me.status == .unauthorized)
            let intake = try await APIClient(app, token: token).post("/api/v1/service-requests", json: intakeJSON())
            #expect(intake.status == .unauthorized)
            let browser = TestBrowser(app)
            let signIn = try await browser.signIn(email: partner.user.email, password: partner.password)
            #expect(signIn.status == .forbidden)
            #expect(signIn.text.contains("application partenaire"))
            #expect(browser.cookie("relais_session") == nil)
            #expect(try await browser.get("/demandes/nouvelle").status != .ok)
            var context = CommandContext(
                console: Terminal(),
                input: CommandInput(arguments: ["relais", "--email", partner.user.email, "--name", "ordinary"]))
            context.application = app
            let refused = await #expect(throws: CommandFailure.self) {
                try await CreateTokenCommand().run(using: &context)
            }
            #expect(refused?.description.contains("--open311") == true)
        }
    }

    @Test("a police officer who submits from the page sees what became of it, and no one else's")
    func receipt() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            _ = try await app.makeAccount(role: .dispatcher)
            let officer = try await app.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let browser = TestBrowser(app)
            try await browser.signIn(email: officer.user.email, password: officer.password)
            let form = try await browser.get("/demandes/nouvelle")
            #expect(form.text.contains("data-testid=\"fixed-source\""))
            #expect(!form.text.contains("name=\"overrideOutcome\""))
            var fields = DispatchPagesTests.residentCall
            fields["source"] = nil
            fields["weapon"] = "true"
            fields["policeEventNumber"] = "SPVM-2026-42"
            let submitted = try await browser.post("/demandes", form: fields)
            let location = try #require(submitted.location)
            #expect(location.hasSuffix("/recu"))
            let receipt = try await browser.get(location)
            #expect(receipt.status == .ok)
            #expect(receipt.text.contains("appeler le 911 maintenant"))
            #expect(!receipt.text.contains("Marie Tremblay") && !receipt.text.contains("SPVM-2026-42"))
            #expect(try await app.store.audit.entries(.init(action: .personalInformationRead)).isEmpty)
            let colleague = try await app.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let other = TestBrowser(app)
            try await other.signIn(email: colleague.user.email, password: colleague.password)
            #expect(try await other.get(location).status == .notFound)
        }
    }

    @Test(
        "only an intake coordinator overrides triage; a police officer's request comes from the police",
        arguments: TestDatabase.available)
    func triageOverride(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoBoroughs()
            _ = try await app.makeAccount(role: .dispatcher)
            let officer = try await app.makeAccount(
                role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let police = APIClient(app, token: try await app.makeToken(for: officer.user))
            let dangerous = intakeJSON(
                weapon: true,
                extra: #","overrideOutcome":"queued","overridePriority":3,"overrideReason":"je connais la personne""#
            ).replacingOccurrences(of: #""source":"resident","#, with: "")
            let refused = try await police.post("/api/v1/service-requests", json: dangerous)
            #expect(refused.status == .forbidden)
            #expect(try refused.json()["code"] as? String == "intake.override_not_allowed")
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestCreated)).isEmpty)
            #expect(
                try await app.store.audit.entries(.init(action: .accessDenied)).contains {
                    $0.purpose == "triage_override"
                })

            let wrongSource = try await police.post(
                "/api/v1/service-requests", json: intakeJSON(extra: #","policeEventNumber":"SPVM-2026-1""#))
            #expect(wrongSource.status == .unprocessableEntity)
            #expect(wrongSource.text.contains(#""field":"source""#))

            let sent = try await police.post(
                "/api/v1/service-requests",
                json: intakeJSON(weapon: true, extra: #","policeEventNumber":"SPVM-2026-1""#)
                    .replacingOccurrences(of: #""source":"resident","#, with: ""))
            #expect(sent.status == .created)
            #expect((try sent.json()["triage"] as? [String: Any])?["outcome"] as? String == "call_911")
            let id = try #require(ServiceRequest.ID(try sent.json()["id"] as? String ?? ""))
            #expect(try await app.store.serviceRequests.unsealed(id)?.intake.source == .police)
        }
    }
}
