import Fluent
import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("RÉSO: repeat places and problems", .tags(.database))
struct ResoProblemsTests {
    @Test(
        "three messages at one park raise a repeat place; the problem opened there links them and is worked to its assessment",
        arguments: TestDatabase.available)
    func repeatPlaceToProblem(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            for (index, point) in [(45.4502, -73.5003), (45.4504, -73.5001), (45.4511, -73.4996)].enumerated() {
                let resident = TestBrowser(app)
                let form = try await resident.get("/reso/secteurs/BRO-1/message?lat=\(point.0)&lon=\(point.1)")
                #expect(form.text.contains("value=\"\(String(format: "%.6f", point.0))\""))
                let sent = try await resident.post(
                    "/reso/secteurs/BRO-1/message?lat=\(point.0)&lon=\(point.1)",
                    form: ResoScene.message([
                        "latitude": "\(point.0)", "longitude": "\(point.1)", "place": "Parc \(index)",
                    ]))
                #expect(sent.status == .seeOther)
            }
            let messages = try await app.store.residentMessages.answeredBy(scene.dayOfficer)
            #expect(messages.count == 3 && messages.allSatisfy { $0.cell != nil })
            // the message page says it repeats; the problems page lists the place
            let page = try await scene.day.get("/reso/messages/\(messages[0].id)")
            #expect(page.text.contains("data-testid=\"repeat-place\"") && page.text.contains("3 messages"))
            let list = try await scene.day.get("/reso/problemes")
            #expect(list.text.contains("data-testid=\"repeat-places\""))
            // Brossard 2's officer sees no problem of Brossard 1 and cannot open one there
            #expect(!(try await scene.evening.get("/reso/problemes")).text.contains("data-testid=\"repeat-places\""))
            let cell = try #require(messages[0].cell)
            let refused = try await scene.evening.post(
                "/reso/problemes/nouveau", form: ["title": "x", "place": "y", "sector": "BRO-1", "cell": "\(cell)"])
            #expect(refused.status == .forbidden)
            // opened from the signal: the three messages are linked
            let opened = try await scene.day.post(
                "/reso/problemes/nouveau",
                form: [
                    "title": "Seringues au parc de Rome", "place": "Parc de Rome", "sector": "BRO-1", "cell": "\(cell)",
                ])
            #expect(opened.status == .seeOther)
            let path = String(try #require(opened.location?.split(separator: "?").first))
            var problem = try await scene.day.get(path)
            #expect(problem.text.contains("data-testid=\"problem-messages\""))
            for message in messages { #expect(problem.text.contains(message.reference)) }
            #expect(!(try await scene.day.get("/reso/problemes")).text.contains("data-testid=\"repeat-places\""))
            #expect(try await scene.evening.get(path).status == .forbidden)
            // SARA: analysis, an action, the response; closing needs the assessment
            #expect(
                try await scene.day.post(
                    path, form: ["analysis": "Consommation le soir", "partners": "Travaux publics", "advance": "yes"]
                ).status == .seeOther)
            let pastDue = try await scene.day.post(
                path + "/actions", form: ["what": "Bac à seringues", "owner": "Ville", "dueOn": "2026-11-01"])
            #expect(pastDue.status == .unprocessableEntity && pastDue.text.contains("id=\"err-dueOn\""))
            #expect(
                try await scene.day.post(
                    path + "/actions", form: ["what": "Bac à seringues", "owner": "Ville", "dueOn": "2026-12-15"]
                ).status == .seeOther)
            for _ in 0..<2 {
                _ = try await scene.day.post(path, form: ["analysis": "Consommation le soir", "advance": "yes"])
            }
            let noAssessment = try await scene.day.post(
                path, form: ["analysis": "Consommation le soir", "advance": "yes"])
            #expect(
                noAssessment.status == .conflict
                    && noAssessment.text.contains("choisissez d&#39;abord l&#39;évaluation"))
            #expect(
                try await scene.day.post(
                    path, form: ["analysis": "Moins de seringues", "assessment": "improved", "advance": "yes"]
                ).status == .seeOther)
            problem = try await scene.day.get(path)
            #expect(problem.text.contains("Amélioré") && !problem.text.contains("data-testid=\"action-form\""))
            #expect(problem.text.contains("Bac à seringues"))
            // sealed at rest: the analysis and the action are not in the clear
            let sql = try #require(app.db as? any SQLDatabase)
            let row = try #require(try await sql.raw("SELECT work_sealed FROM reso_problems").first())
            #expect(!(try row.decode(column: "work_sealed", as: String.self)).contains("seringues"))
        }
    }

    @Test(
        "the measures count messages by sector and topic and the time to a first reply, small counts withheld",
        arguments: TestDatabase.available)
    func measures(_ engine: TestDatabase) async throws {
        let clock = TestClock(ResoScene.wednesdayMorning)
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await ResoScene(app)
            for index in 0..<6 {
                let resident = TestBrowser(app)
                _ = try await resident.get("/reso/secteurs/BRO-1/message")
                #expect(
                    try await resident.post(
                        "/reso/secteurs/BRO-1/message",
                        form: ResoScene.message(["topic": index < 5 ? "drugs" : "traffic"])
                    ).status == .seeOther)
            }
            clock.advance(by: 12 * 60)
            for message in try await app.store.residentMessages.answeredBy(scene.dayOfficer).prefix(5) {
                #expect(
                    try await scene.day.post(
                        "/reso/messages/\(message.id)/suivi", form: ["kind": "called", "text": "Rappel"]
                    )
                    .status == .seeOther)
            }
            let page = try await scene.supervisor.get("/reso/mesures")
            #expect(page.status == .ok)
            #expect(page.text.contains("data-testid=\"messages\">6<") && page.text.contains("0.2 h"))
            // the one traffic message is withheld, and so is the complement that would reveal it
            #expect(page.text.contains("masqué"))
            #expect(try await scene.day.get("/reso/mesures").status == .forbidden)
            let analyst = try await app.makeAccount(
                role: .analyst, email: "analyst@ville.test", organisation: "Ville", kind: .municipality)
            let browser = TestBrowser(app)
            try await browser.signIn(email: analyst.user.email, password: analyst.password)
            #expect(try await browser.get("/reso/mesures").status == .ok)
        }
    }

    @Test(
        "a public meeting planned for a city shows on its cards and in its calendar feed, and its cancellation too",
        arguments: TestDatabase.available)
    func publicMeetings(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            let past = try await scene.supervisor.post(
                "/reso/rencontres",
                form: ["city": "Brossard", "day": "2026-11-01", "start": "19:00", "minutes": "90", "location": "Salle"])
            #expect(past.status == .unprocessableEntity && past.text.contains("id=\"err-day\""))
            let elsewhere = try await scene.supervisor.post(
                "/reso/rencontres",
                form: ["city": "Montréal", "day": "2026-12-03", "start": "19:00", "minutes": "90", "location": "Salle"])
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.text.contains("id=\"err-city\""))
            #expect(try await scene.day.post("/reso/rencontres", form: ["city": "Brossard"]).status == .forbidden)
            let planned = try await scene.supervisor.post(
                "/reso/rencontres",
                form: [
                    "city": "Brossard", "day": "2026-12-03", "start": "19:00", "minutes": "90",
                    "location": "Bibliothèque de Brossard, salle Émile-Nelligan",
                ])
            #expect(planned.status == .seeOther)
            let card = try await scene.resident.get("/reso/secteurs/BRO-2")
            #expect(card.text.contains("data-testid=\"meetings\"") && card.text.contains("salle Émile-Nelligan"))
            var feed = try await scene.resident.get("/reso/rencontres/Brossard.ics")
            #expect(feed.status == .ok && feed.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            #expect(feed.text.contains("DTSTART;TZID=\(app.relais.config.timeZone.identifier):20261203T190000"))
            #expect(feed.text.contains(":20261203T203000") && feed.text.contains("SEQUENCE:0"))
            #expect(try await scene.resident.get("/reso/rencontres/Paris.ics").status == .notFound)
            let id = try #require(
                try await app.store.meetings.meetings(
                    series: "reso:Brossard", in: DateInterval(start: ResoScene.wednesdayMorning, duration: 30 * 86_400)
                ).first?.id)
            #expect(try await scene.supervisor.post("/reso/rencontres/\(id)/annulation", form: [:]).status == .seeOther)
            feed = try await scene.resident.get("/reso/rencontres/Brossard.ics")
            #expect(feed.text.contains("STATUS:CANCELLED") && feed.text.contains("SEQUENCE:1"))
            #expect(!(try await scene.resident.get("/reso/secteurs/BRO-2")).text.contains("salle Émile-Nelligan"))
        }
    }

    @Test(
        "the officer's work log: contacts written from a phone, refused when wrong, counted toward repeat places",
        arguments: TestDatabase.available)
    func workLog(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            #expect(try await scene.day.get("/reso/journal").status == .ok)
            let wrong = try await scene.day.post(
                "/reso/journal", form: ["kind": "gossip", "place": "", "minutesAgo": "20000"])
            #expect(wrong.status == .unprocessableEntity)
            for field in ["kind", "place", "at"] { #expect(wrong.text.contains("id=\"err-\(field)\""), "\(field)") }
            // two needles messages at the park and a visit there make a repeat place
            for point in [(45.4502, -73.5003), (45.4504, -73.5001)] {
                let resident = TestBrowser(app)
                _ = try await resident.get("/reso/secteurs/BRO-1/message")
                _ = try await resident.post(
                    "/reso/secteurs/BRO-1/message",
                    form: ResoScene.message(["latitude": "\(point.0)", "longitude": "\(point.1)"]))
            }
            #expect(!(try await scene.day.get("/reso/problemes")).text.contains("data-testid=\"repeat-places\""))
            let visit = try await scene.day.post(
                "/reso/journal",
                form: [
                    "kind": "visit", "place": "Parc de Rome, module de jeux", "note": "Trois seringues ramassées",
                    "latitude": "45.4503", "longitude": "-73.5002", "minutesAgo": "30",
                ])
            #expect(visit.status == .seeOther)
            let log = try await scene.day.get("/reso/journal")
            #expect(log.text.contains("Trois seringues ramassées") && log.text.contains("Visite d&#39;un lieu"))
            #expect((try await scene.day.get("/reso/problemes")).text.contains("data-testid=\"repeat-places\""))
            // a vulnerable person named twice is one pseudonymous record of the service; a business is not named
            let person = [
                "kind": "vulnerable_person", "place": "Rue de Rome", "note": "Voisin âgé confus",
                "givenName": "Gérard", "familyName": "Lapointe", "birthDate": "1941-03-02",
            ]
            #expect(try await scene.day.post("/reso/journal", form: person).status == .seeOther)
            #expect(
                try await scene.day.post("/reso/journal", form: person.merging(["note": "Famille jointe"]) { $1 })
                    .status == .seeOther)
            let named = try await app.store.sectorContacts.log(
                of: scene.dayAccount.user.id, since: ResoScene.wednesdayMorning.addingTimeInterval(-86_400),
                by: Reader(nil, for: .workLog)
            ).filter { $0.kind == .vulnerablePerson }
            #expect(named.count == 2 && named[0].personID != nil && named[0].personID == named[1].personID)
            let business = try await scene.day.post(
                "/reso/journal",
                form: ["kind": "business", "place": "Dépanneur", "givenName": "Nick", "familyName": "C"])
            #expect(business.status == .unprocessableEntity && business.text.contains("id=\"err-person\""))
            let page = try await scene.day.get("/reso/journal")
            #expect(page.text.contains("P-0001") && !page.text.contains("Lapointe"))
            // a consult to the service's social workers, through ÉSUP's own form, followed as ÉSUP's requesters do
            #expect(log.text.contains("data-testid=\"ask-consult\""))
            let worker = try await app.makeAccount(
                role: .policeSocialWorker, email: "worker@esup.test", organisation: "ÉSUP", kind: .policeService)
            try await app.store.duos.setTeam(worker.user.organisationID)
            let asked = try await scene.day.post(
                "/esup/demande",
                form: [
                    "immediateDangerToLife": "no", "weapon": "no", "crimeInProgress": "no", "medicalEmergency": "no",
                    "eventNumber": "RESO-LOG-1", "place": "Parc de Rome", "situations[0]": "person_in_crisis",
                    "sceneSecured": "yes", "mode": "phone",
                ])
            #expect(asked.status == .seeOther, "\(asked.text.prefix(300))")
            #expect(try await scene.day.get(try #require(asked.location)).status == .ok)
            let esup = try await scene.day.get("/esup")
            #expect(esup.status == .ok && esup.text.contains("ÉSUP-0001"), "\(esup.text.prefix(300))")
            // the supervisor has no log of their own; a resident none at all
            #expect(try await scene.supervisor.get("/reso/journal").status == .forbidden)
            #expect(try await scene.resident.get("/reso/journal").status == .seeOther)
        }
    }
}
