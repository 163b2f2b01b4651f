import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Response-time statistics", .tags(.web, .database))
struct StatisticsTests {
    @Test(
        "received → dispatched → on scene → cleared, summarised by borough and hour", arguments: TestDatabase.available)
    func figures(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let worker = try await app.makeAccount(role: .mobileWorker)
            let team = try await app.makeTeam(
                "Équipe 1", organisationID: dispatcher.user.organisationID, members: [worker.user.id], borough: "VM",
                position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: dispatcher.user.id)
            let client = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
            let phone = APIClient(app, token: try await app.makeToken(for: worker.user))
            let id = try #require(try await client.post("/api/v1/service-requests", json: intakeJSON()).json()["id"])
            clock.advance(by: 120)
            _ = try await client.post("/api/v1/service-requests/\(id)/assignment", json: #"{"teamId":"\#(team.id)"}"#)
            clock.advance(by: 60)
            _ = try await phone.post("/api/v1/teams/\(team.id)/status", json: #"{"status":"en_route"}"#)
            clock.advance(by: 540)
            _ = try await phone.post("/api/v1/teams/\(team.id)/status", json: #"{"status":"on_scene"}"#)
            clock.advance(by: 1200)
            _ = try await phone.post("/api/v1/teams/\(team.id)/status", json: #"{"status":"available"}"#)

            let report = try await client.get("/api/v1/statistics/response-times?days=7")
            #expect(report.status == .ok)
            let overall = try #require(try report.json()["overall"] as? [String: Any])
            #expect((overall["toDispatch"] as? [String: Any])?["median"] as? Double == 120)
            #expect((overall["toScene"] as? [String: Any])?["median"] as? Double == 720)
            #expect((overall["toClear"] as? [String: Any])?["p90"] as? Double == 1920)
            let boroughs = try #require(try report.json()["byBorough"] as? [[String: Any]])
            #expect(boroughs.map { $0["code"] as? String } == ["VM"])

            let bad = try await client.get("/api/v1/statistics/response-times?days=12")
            #expect(bad.status == .unprocessableEntity)

            let browser = TestBrowser(app)
            try await browser.signIn(email: dispatcher.user.email, password: dispatcher.password)
            let page = try await browser.get("/statistiques/delais?jours=7")
            #expect(page.text.contains("Ville-Marie"))
            #expect(page.text.contains("2 / 2 min"))
            #expect(page.text.contains("12 / 12 min"))
        }
    }

    @Test("a mobile worker has no access to statistics")
    func access() async throws {
        try await withRelaisApp { app in
            let worker = try await app.makeAccount(role: .mobileWorker)
            let client = APIClient(app, token: try await app.makeToken(for: worker.user))
            #expect(try await client.get("/api/v1/statistics/response-times").status == .forbidden)
        }
    }
}
