import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("A worker's call for backup, on every board until a dispatcher takes it", .tags(.web, .database))
struct BackupAlertTests {
    @Test(
        "the button works at every status, reaches the board, and one acknowledgement clears it",
        arguments: TestDatabase.available)
    func backup(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await OnScene(app)
            let phone = TestBrowser(app)
            try await phone.signIn(email: scene.worker.user.email, password: scene.worker.password)
            let screen = try await phone.get("/mobile")
            #expect(screen.text.contains("data-testid=\"backup-button\""))
            let sent = try await phone.post("/mobile/renfort", form: ["latitude": "45.5150", "longitude": "-73.5600"])
            #expect(sent.status == .seeOther)
            #expect(
                try await phone.get(sent.location ?? "/mobile").text.contains(
                    "chaque tableau de répartition est alerté"))

            let organisation = scene.dispatcher.user.organisationID
            let board = try await BoardSnapshot.build(for: organisation, store: app.store)
            let alert = try #require(board.alerts.first)
            #expect(board.alerts.count == 1)
            #expect(alert.teamName == scene.team.name)
            #expect(alert.requestId == scene.requestID.description)
            #expect(alert.latitude == 45.5150)
            #expect(try await app.store.audit.entries(.init(action: .backupRequested)).count == 1)

            // another worker cannot acknowledge; a dispatcher can, once
            #expect(try await phone.post("/tableau/renforts/\(alert.id)/acquittement", form: [:]).status == .forbidden)
            let desk = TestBrowser(app)
            try await desk.signIn(email: scene.dispatcher.user.email, password: scene.dispatcher.password)
            _ = try await desk.get("/tableau")
            let taken = try await desk.post("/tableau/renforts/\(alert.id)/acquittement", form: [:])
            #expect(taken.location == "/tableau?avis=mediation.backup_acknowledged")
            #expect(try await BoardSnapshot.build(for: organisation, store: app.store).alerts.isEmpty)
            let again = try await desk.post("/tableau/renforts/\(alert.id)/acquittement", form: [:])
            #expect(again.location == "/tableau?avis=mediation.backup_already_acknowledged")
            #expect(try await app.store.audit.entries(.init(action: .backupAcknowledged)).count == 1)
            // a dispatcher of another organisation does not see nor take it
            try await phone.post("/mobile/renfort", form: [:])
            let other = try await app.makeAccount(role: .dispatcher, organisation: "Autre équipe")
            let elsewhere = TestBrowser(app)
            try await elsewhere.signIn(email: other.user.email, password: other.password)
            _ = try await elsewhere.get("/tableau")
            let open = try await BoardSnapshot.build(for: organisation, store: app.store).alerts
            #expect(open.count == 1)
            _ = try await elsewhere.post("/tableau/renforts/\(open[0].id)/acquittement", form: [:])
            #expect(try await BoardSnapshot.build(for: organisation, store: app.store).alerts.count == 1)
        }
    }
}
