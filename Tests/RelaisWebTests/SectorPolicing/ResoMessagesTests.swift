import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("RÉSO: residents' messages and their follow-up", .tags(.database))
struct ResoMessagesTests {
    @Test(
        "safety first, then a reference and a receipt; the sector's officer reads and answers; another officer cannot",
        arguments: TestDatabase.available)
    func messageAndAnswer(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            let form = try await scene.resident.get("/reso/secteurs/BRO-1/message")
            #expect(form.status == .ok && form.text.contains("Agente Julie Tremblay"))
            #expect(scene.resident.cookie(MessageFormController.deviceCookie) != nil)
            // a "yes" answers with 911 and keeps nothing
            let emergency = try await scene.resident.post(
                "/reso/secteurs/BRO-1/message", form: ResoScene.message(["crimeNow": "yes"]))
            #expect(emergency.status == .conflict && emergency.text.contains("data-testid=\"emergency-answer\""))
            #expect(emergency.text.contains("tel:911"))
            #expect(try await ResoScene.messageCount(app) == 0)
            // unanswered questions and a missing address: each named, nothing kept
            var incomplete = ResoScene.message(["email": ""])
            incomplete["dangerNow"] = nil
            let refused = try await scene.resident.post("/reso/secteurs/BRO-1/message", form: incomplete)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"err-dangerNow\""))
            #expect(refused.text.contains("id=\"err-email\"") && refused.text.contains("Des seringues sous le module"))
            #expect(try await ResoScene.messageCount(app) == 0)

            let sent = try await scene.resident.post("/reso/secteurs/BRO-1/message", form: ResoScene.message())
            #expect(sent.status == .seeOther)
            let receipt = try await scene.resident.get(try #require(sent.location))
            let reference = String(try #require(sent.location?.split(separator: "/").last))
            #expect(receipt.text.contains(reference) && reference.hasPrefix("RESO-"))
            #expect(try await ResoScene.outbox(app).map(\.1) == ["reso_receipt"])

            // the officer's phone screen lists it; the page opens it (an audited read)
            let inbox = try await scene.day.get("/reso/messages")
            #expect(inbox.text.contains(reference) && inbox.text.contains("1 nouveau"))
            let id = try #require(
                try await app.store.residentMessages.answeredBy(scene.dayOfficer).first?.id)
            let page = try await scene.day.get("/reso/messages/\(id)")
            #expect(page.text.contains("Des seringues sous le module") && page.text.contains("resident@example.org"))
            let reads = try await app.store.audit.entries(.init(action: .personalInformationRead, limit: 10))
            #expect(reads.contains { $0.resourceID == id.description && $0.actorUserID == scene.dayAccount.user.id })
            // Brossard 2's officer does not answer it: forbidden, and it is not in their list
            #expect(try await scene.evening.get("/reso/messages/\(id)").status == .forbidden)
            #expect(!(try await scene.evening.get("/reso/messages")).text.contains(reference))
            // the supervisor sees every message of the service
            #expect(try await scene.supervisor.get("/reso/messages/\(id)").status == .ok)
            // an answer by e-mail goes to the resident; an empty one is refused
            let empty = try await scene.day.post("/reso/messages/\(id)/suivi", form: ["kind": "emailed", "text": " "])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("id=\"err-text\""))
            let answered = try await scene.day.post(
                "/reso/messages/\(id)/suivi",
                form: ["kind": "emailed", "text": "Bonjour, je passe au parc cet après-midi avec les travaux publics."])
            #expect(answered.status == .seeOther)
            #expect(try await ResoScene.outbox(app).map(\.1) == ["reso_receipt", "reso_answer"])
            let summary = try #require(try await app.store.residentMessages.summary(id))
            #expect(summary.status == .answered && summary.firstReplyAt != nil)
            #expect(
                try await scene.day.post("/reso/messages/\(id)/suivi", form: ["kind": "closed", "text": "Réglé"]).status
                    == .seeOther)
            let closed = try await scene.day.post(
                "/reso/messages/\(id)/suivi", form: ["kind": "note", "text": "Encore"])
            #expect(closed.status == .conflict && closed.text.contains("Ce message est fermé"))
            // the API lists it, without what was written
            let token = try await app.makeToken(for: scene.dayAccount.user)
            let api = try await APIClient(app, token: token).get("/api/v1/reso/messages")
            #expect(api.status == .ok && api.text.contains(reference) && !api.text.contains("seringues"))
        }
    }

    @Test(
        "a burst from one place: three a device, ten an address, then 429 and nothing more kept; robots and 50,000 characters refused",
        arguments: TestDatabase.available)
    func abuse(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            _ = try await scene.resident.get("/reso/secteurs/BRO-1/message")
            let robot = try await scene.resident.post(
                "/reso/secteurs/BRO-1/message", form: ResoScene.message(["website": "http://spam.example"]))
            #expect(robot.status == .unprocessableEntity)
            #expect(try await ResoScene.messageCount(app) == 0)
            let long = try await scene.resident.post(
                "/reso/secteurs/BRO-1/message", form: ResoScene.message(["body": String(repeating: "é", count: 50_000)])
            )
            #expect(long.status == .unprocessableEntity && long.text.contains("4 000 caractères au plus"))
            var statuses: [HTTPResponseStatus] = []
            for _ in 0..<5 {
                statuses.append(
                    try await scene.resident.post("/reso/secteurs/BRO-1/message", form: ResoScene.message()).status)
            }
            #expect(statuses == [.seeOther, .seeOther, .seeOther, .tooManyRequests, .tooManyRequests])
            // new devices (no cookie) from the same address: up to ten an hour in all
            for _ in 0..<12 {
                let fresh = TestBrowser(app)
                _ = try await fresh.get("/reso/secteurs/BRO-1/message")
                statuses.append(try await fresh.post("/reso/secteurs/BRO-1/message", form: ResoScene.message()).status)
            }
            #expect(try await ResoScene.messageCount(app) == 10)
            let another = TestBrowser(app)
            _ = try await another.get("/reso/secteurs/BRO-1/message")
            let last = try await another.post("/reso/secteurs/BRO-1/message", form: ResoScene.message())
            #expect(last.status == .tooManyRequests && last.text.contains("Trop de messages"))
        }
    }

    @Test(
        "unanswered past the delay, a message goes once to the colleague who covers and the supervisor, who may then answer it",
        arguments: TestDatabase.available)
    func escalation(_ engine: TestDatabase) async throws {
        let clock = TestClock(ResoScene.wednesdayMorning)
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await ResoScene(app)
            // Karim (Brossard 2) is covered by Julie; a message to Brossard 2 waits
            _ = try await scene.resident.get("/reso/secteurs/BRO-2/message")
            #expect(
                try await scene.resident.post(
                    "/reso/secteurs/BRO-2/message",
                    form: ResoScene.message(["replyBy": "phone", "phone": "450 555-0177"])
                ).status
                    == .seeOther)
            let escalation = MessageEscalation(store: app.store, services: app.relais)
            clock.advance(by: 23 * 3_600)
            #expect(try await escalation.run() == 0)
            let id = try #require(try await app.store.residentMessages.answeredBy(scene.eveningOfficer).first?.id)
            // (a day later: the sessions have lapsed)
            let day = TestBrowser(app)
            try await day.signIn(email: scene.dayAccount.user.email, password: scene.dayAccount.password)
            #expect(try await day.get("/reso/messages/\(id)").status == .forbidden)
            clock.advance(by: 2 * 3_600)  // Thursday 11:00: Julie is on duty
            #expect(try await escalation.run() == 1)
            #expect(try await escalation.run() == 0)
            let recipients = Set(try await ResoScene.outbox(app).filter { $0.1 == "reso_escalation" }.map(\.0))
            #expect(recipients == [scene.dayAccount.user.email, scene.supervisorAccount.user.email])
            let summary = try #require(try await app.store.residentMessages.summary(id))
            #expect(summary.escalatedTo == scene.dayOfficer && summary.escalatedAt != nil)
            // Julie now answers it (signed in again: the idle session lapsed meanwhile)
            try await day.signIn(email: scene.dayAccount.user.email, password: scene.dayAccount.password)
            let page = try await day.get("/reso/messages/\(id)")
            #expect(page.status == .ok && page.text.contains("450 555-0177"))
            #expect(
                try await day.post("/reso/messages/\(id)/suivi", form: ["kind": "called", "text": "Rappelé"]).status
                    == .seeOther)
            // a phone answer cannot be e-mailed
            let noEmail = try await day.post("/reso/messages/\(id)/suivi", form: ["kind": "emailed", "text": "x"])
            #expect(noEmail.status == .conflict)
        }
    }
}
