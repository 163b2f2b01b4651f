import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("The resource staff's page", .tags(.web, .database))
struct ResourcePagesTests {
    @Test("the shelter's staff accept a referral once and report free places; others may not")
    func shelterStaff() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            let referred = try await worker.post(
                "/api/v1/my-intervention/services",
                json: #"{"kind":"referral","resourceId":"\#(OnScene.shelter)","asked":"Un lit pour la nuit"}"#)
            let referralID = try #require(
                (try referred.json()["services"] as? [[String: Any]])?.first?["id"] as? String)

            let staff = TestBrowser(app)
            try await staff.signIn(email: scene.shelterStaff.user.email, password: scene.shelterStaff.password)
            let page = try await staff.get("/ma-ressource")
            #expect(page.status == .ok)
            #expect(page.text.contains("Un lit pour la nuit") && page.text.contains("En attente de réponse"))
            #expect(page.text.contains("Hébergement d&#39;urgence 24 h"))
            #expect(page.text.contains("href=\"/ma-ressource\""))

            let accepted = try await staff.post("/ma-ressource/references/\(referralID)", form: ["answer": "accepted"])
            #expect(accepted.location == "/ma-ressource?avis=referral_answered")
            let again = try await staff.post("/ma-ressource/references/\(referralID)", form: ["answer": "declined"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Cette référence a déjà reçu une réponse."))
            #expect(
                try await app.store.interventions.referral(InterventionService.ID(referralID)!)?
                    .acknowledgement.recorded == .accepted)
            // the worker's screen shows the answer
            let phone = TestBrowser(app)
            try await phone.signIn(email: scene.worker.user.email, password: scene.worker.password)
            #expect(try await phone.get("/mobile").text.contains("Acceptée"))

            let capacity = "/ma-ressource/services/\(OnScene.shelter)/capacite"
            let reported = try await staff.post(capacity, form: ["available": "3", "occupied": "17"])
            #expect(reported.status == .seeOther)
            #expect(try await staff.get("/ma-ressource").text.contains("Places libres : 3 sur 20"))
            let negative = try await staff.post(capacity, form: ["available": "-2"])
            #expect(negative.status == .unprocessableEntity)
            #expect(negative.text.contains("Le nombre de places libres doit être entre 0 et 100 000."))

            // opening hours from the page: weekdays 8 h to 20 h, and the weekend afternoons
            let hours = "/ma-ressource/services/\(OnScene.shelter)/horaires"
            let before = try await staff.get("/ma-ressource")
            #expect(before.text.contains("name=\"row0_MO\""))
            #expect(before.text.contains("value=\"24:00\""))  // the shelter's round-the-clock hours, as they are
            let set = try await staff.post(
                hours,
                form: [
                    "row0_MO": "on", "row0_TU": "on", "row0_WE": "on", "row0_TH": "on", "row0_FR": "on",
                    "row0_opens": "08:00", "row0_closes": "20:00", "row1_SA": "on", "row1_SU": "on",
                    "row1_opens": "13:00", "row1_closes": "17:00",
                ])
            #expect(set.location == "/ma-ressource?avis=hours_updated")
            let shown = try await staff.get("/ma-ressource")
            #expect(shown.text.contains("name=\"row1_SA\" value=\"on\" checked"))
            #expect(shown.text.contains("value=\"13:00\""))
            let document = try #require(try await app.store.directory.service(id: OnScene.shelter))
            #expect(document["schedules"]?.array?.count == 2)
            // a row without days, or a time that is not one, is refused and changes nothing
            let noDays = try await staff.post(hours, form: ["row0_opens": "08:00", "row0_closes": "20:00"])
            #expect(noDays.status == .unprocessableEntity)
            #expect(noDays.text.contains("Cochez au moins un jour"))
            let badTime = try await staff.post(
                hours, form: ["row0_MO": "on", "row0_opens": "8h", "row0_closes": "20:00"])
            #expect(badTime.status == .unprocessableEntity)
            #expect(try await app.store.directory.service(id: OnScene.shelter)?["schedules"]?.array?.count == 2)
            #expect(try await app.store.audit.entries(.init(action: .resourceHoursChanged)).count == 1)

            // another organisation's staff, and a worker, may not
            let other = try await app.makeAccount(
                role: .agencyRepresentative, organisation: "Autre organisme", kind: .communityOrganisation)
            let stranger = TestBrowser(app)
            try await stranger.signIn(email: other.user.email, password: other.password)
            #expect(try await stranger.get("/ma-ressource").text.contains("data-testid=\"no-services\""))
            #expect(try await stranger.post(capacity, form: ["available": "9"]).status == .forbidden)
            #expect(try await phone.get("/ma-ressource").status == .forbidden)
            #expect(try await app.store.audit.entries(.init(action: .resourceCapacityChanged)).count == 1)
        }
    }
}
