import ConsoleKit
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Each person's home: their work today", .tags(.web, .database))
struct HomePagesTests {
    @Test("a dispatcher's waiting requests and free teams, a worker's assignment, an administrator's deployment health")
    func homes() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let desk = TestBrowser(app)
            try await desk.signIn(email: scene.dispatcher.user.email, password: scene.dispatcher.password)
            let dispatcher = try await desk.get("/")
            #expect(dispatcher.text.contains("Répartition — en ce moment"))
            #expect(dispatcher.text.contains("0 demande(s) en attente, 0 équipe(s) disponible(s)"))
            #expect(!dispatcher.text.contains("État du déploiement"))

            let phone = TestBrowser(app)
            try await phone.signIn(email: scene.worker.user.email, password: scene.worker.password)
            let worker = try await phone.get("/")
            #expect(worker.text.contains("Mon équipe"))
            #expect(worker.text.contains("Affectation en cours"))
            #expect(!worker.text.contains("Répartition — en ce moment"))
            // a call for backup is the first thing on the dispatcher's home
            _ = try await phone.post("/mobile/renfort", form: [:])
            #expect(try await desk.get("/").text.contains("class=\"urgent\"><a href=\"/tableau\">RENFORT demandé par"))

            let admin = try await app.makeAccount(role: .admin)
            let office = TestBrowser(app)
            try await office.signIn(email: admin.user.email, password: admin.password)
            let health = try await office.get("/")
            #expect(health.text.contains("État du déploiement"))
            #expect(health.text.contains("La base de données répond."))
            #expect(health.text.contains("Aucun serveur d&#39;envoi") || health.text.contains("Aucun serveur d'envoi"))
            #expect(health.text.contains("Journal d&#39;audit") || health.text.contains("Journal d'audit"))
            #expect(health.text.contains("Aucune sauvegarde consignée"))
            var context = CommandContext(
                console: Terminal(), input: CommandInput(arguments: ["relais", "--note", "pg_dump hors site"]))
            context.application = app
            try await RecordBackupCommand().run(using: &context)
            #expect(try await office.get("/").text.contains("Dernière sauvegarde consignée"))

            // the shelter's staff: referrals awaiting their answer, teams coming
            let shelter = TestBrowser(app)
            try await shelter.signIn(email: scene.shelterStaff.user.email, password: scene.shelterStaff.password)
            #expect(try await shelter.get("/").text.contains("Aucune référence en attente, aucune équipe en route."))
        }
    }
}

@Suite("The audit log in pages: names, translated purposes, filters", .tags(.web, .database))
struct AuditPageTests {
    @Test("entries show who by name and why in words, and filter by person, record and date")
    func auditPage() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let admin = try await app.makeAccount(role: .admin)
            let office = TestBrowser(app)
            try await office.signIn(email: admin.user.email, password: admin.password)
            let all = try await office.get("/admin/journal")
            #expect(all.text.contains(scene.dispatcher.user.displayName))
            let mine = try await office.get("/admin/journal?personne=\(scene.dispatcher.user.email)")
            #expect(mine.text.contains(scene.dispatcher.user.displayName))
            #expect(mine.text.contains("value=\"\(scene.dispatcher.user.email)\""))
            #expect(mine.text.components(separatedBy: "<tr>").count < all.text.components(separatedBy: "<tr>").count)
            let record = try await office.get("/admin/journal?ressource=service_request&numero=\(scene.requestID)")
            #expect(
                record.text.contains("Affectation d") || record.text.contains("Équipe affectée") || record.status == .ok
            )
            let today = DateFormatter.day(in: app.relais.config.timeZone).string(from: app.store.now)
            #expect(!(try await office.get("/admin/journal?du=2000-01-01&au=2000-01-02").text.contains("<time>")))
            #expect(try await office.get("/admin/journal?du=\(today)").text.contains(scene.dispatcher.user.displayName))
            let bad = try await office.get("/admin/journal?du=hier&personne=personne@nulle.part")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("AAAA-MM-JJ"))
            #expect(
                bad.text.contains("Aucun compte n&#39;a cette adresse")
                    || bad.text.contains("Aucun compte n'a cette adresse"))
        }
    }
}
