import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("RÉSO pages", .tags(.database))
struct ResoPagesTests {
    @Test(
        "the public finds the officer of a point: the card when on duty, the colleague who covers when not",
        arguments: TestDatabase.available)
    func whoIsMyOfficer(_ engine: TestDatabase) async throws {
        let clock = TestClock(ResoScene.wednesdayMorning)
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await ResoScene(app)
            let resident = scene.resident
            let (lat, lon) = ResoScene.brossard1
            let located = try await resident.get("/reso/ou?lat=\(lat)&lon=\(lon)")
            #expect(
                located.status == .seeOther && located.location == "/reso/secteurs/BRO-1?lat=45.450000&lon=-73.500000")
            var card = try await resident.get("/reso/secteurs/BRO-1")
            #expect(card.status == .ok && card.text.contains("Agente Julie Tremblay"))
            #expect(card.text.contains("href=\"tel:+14505550101\"") && card.text.contains("En service maintenant"))
            #expect(card.text.contains("data-testid=\"emergency\"") && !card.text.contains("data-testid=\"cover\""))
            #expect(card.headers.first(name: .cacheControl) == "private, max-age=60")
            let tag = try #require(card.headers.first(name: .eTag))
            #expect(
                try await resident.get("/reso/secteurs/BRO-1", headers: ["If-None-Match": tag]).status == .notModified)
            // 18:00: Julie is off; Karim (Brossard 2, on duty until 22:00) covers
            clock.advance(by: 8 * 3_600)
            card = try await resident.get("/reso/secteurs/BRO-1")
            #expect(card.text.contains("Pas en service maintenant"))
            #expect(card.text.contains("data-testid=\"cover\"") && card.text.contains("Agent Karim Haddad"))
            #expect(card.text.contains("tel:+14505550102"))
            // 23:00: nobody of Brossard is on duty: no promise, 911 and a message instead
            clock.advance(by: 5 * 3_600)
            card = try await resident.get("/reso/secteurs/BRO-1")
            #expect(card.text.contains("data-testid=\"no-cover\"") && !card.text.contains("tel:+14505550102"))
            // the same answer as JSON
            let json = try await resident.get("/reso/agent.json?lat=\(lat)&lon=\(lon)")
            #expect(
                json.status == .ok && json.text.contains("\"sector\":\"BRO-1\"")
                    && json.text.contains("\"onDuty\":false"))
            // the sectors by city, in English too
            let sectors = try await resident.get("/reso/secteurs")
            #expect(sectors.text.contains("Brossard 1 (fictif)") && sectors.text.contains("Saint-Lambert"))
            #expect(try await resident.post("/langue", form: ["langue": "en", "retour": "/reso"]).status == .seeOther)
            let english = try await resident.get("/reso/secteurs/BRO-1")
            #expect(english.text.contains("Not on duty now") && english.text.contains("Call 911"))
        }
    }

    @Test(
        "a point outside the agglomeration, a malformed one, an unknown sector: each answered plainly",
        arguments: TestDatabase.available)
    func outside(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            try await app.importDemoBoroughs()
            let (lat, lon) = ResoScene.montreal
            let montreal = try await scene.resident.get("/reso/ou?lat=\(lat)&lon=\(lon)")
            #expect(montreal.status == .ok && montreal.text.contains("data-testid=\"find-outside\""))
            #expect(montreal.text.contains("Ville-Marie") && montreal.text.contains("911"))
            let ocean = try await scene.resident.get("/reso/ou?lat=10&lon=-40")
            #expect(ocean.text.contains("hors de l&#39;agglomération de Longueuil"))
            #expect(try await scene.resident.get("/reso/ou?lat=91&lon=0").status == .unprocessableEntity)
            #expect(try await scene.resident.get("/reso/ou?lat=1e400&lon=0").status == .unprocessableEntity)
            #expect(try await scene.resident.get("/reso/agent.json?lat=nan&lon=0").status == .unprocessableEntity)
            #expect(try await scene.resident.get("/reso/secteurs/NOPE-1").status == .notFound)
            #expect(try await scene.resident.get("/reso/ou?adresse=").status == .unprocessableEntity)
            let unknown = try await scene.resident.get("/reso/ou?adresse=12%20rue%20Inexistante")
            #expect(unknown.status == .notFound && unknown.text.contains("Aucune adresse trouvée"))
        }
    }

    @Test(
        "an address that two places match lists the candidates; one that a single sector holds goes to its card",
        arguments: TestDatabase.available)
    func addresses(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            let file = NSTemporaryDirectory() + "relais-brossard-\(UUID()).csv"
            // Two "Boulevard de Rome" numbers 100 in two sectors (the fictional strips), and a unique one.
            try """
            LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID
            -73.5000,45.4500,100,Boulevard de Rome,,Brossard,,QC,,
            -73.4700,45.4600,100,Boulevard Rome,,Brossard,,QC,,
            -73.5000,45.4550,7250,Boulevard Taschereau,,Brossard,,QC,,
            """.write(toFile: file, atomically: true, encoding: .utf8)
            try await run(ImportPlacesCommand(), [file, "--source", "ville"], on: app)
            let one = try await scene.resident.get("/reso/ou?adresse=7250%20boul%20Taschereau")
            #expect(one.status == .seeOther && one.location?.hasPrefix("/reso/secteurs/BRO-1?lat=45.455") == true)
            let two = try await scene.resident.get("/reso/ou?adresse=100%20boulevard%20de%20Rome")
            #expect(two.status == .ok && two.text.contains("data-testid=\"find-choices\""), "\(two.text.prefix(200))")
            #expect(two.text.contains("/reso/secteurs/BRO-1") && two.text.contains("/reso/secteurs/BRO-2"))
            let suggestions = try await scene.resident.get("/reso/adresses?q=7250%20taschereau")
            #expect(suggestions.text.contains("Brossard 1 (fictif) · Brossard"))
        }
    }

    @Test(
        "the supervisor's officer form names each wrong field and saves nothing; officers may not keep the cards",
        arguments: TestDatabase.available)
    func officerForm(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: TestAppOptions(clock: TestClock(ResoScene.wednesdayMorning))) { app in
            let scene = try await ResoScene(app)
            let before = try await app.store.sectorOfficers.all().count
            let refused = try await scene.supervisor.post(
                "/reso/agents/nouveau",
                form: ["name": "", "cellPhone": "911", "sectorCode": "NOPE", "start0": "25:00", "end0": "26:00"])
            #expect(refused.status == .unprocessableEntity)
            for field in ["name", "cellPhone", "languages", "duty", "sectorCode"] {
                #expect(refused.text.contains("id=\"err-\(field)\""), "\(field)")
            }
            #expect(try await app.store.sectorOfficers.all().count == before)
            #expect(try await scene.day.get("/reso/agents/nouveau").status == .forbidden)
            #expect(
                try await scene.day.post("/reso/agents/\(scene.dayOfficer)", form: ["name": "x"]).status == .forbidden)
            // moving Julie to Brossard 2 takes it from Karim; the history keeps Brossard 1
            let edit = try await scene.supervisor.get("/reso/agents/\(scene.dayOfficer)")
            #expect(edit.text.contains("value=\"08:00\"") && edit.text.contains("Agente Julie Tremblay"))
            let moved = try await scene.supervisor.post(
                "/reso/agents/\(scene.dayOfficer)",
                form: [
                    "name": "Agente Julie Tremblay", "cellPhone": "450 555-0101", "languages[0]": "fr",
                    "sectorCode": "BRO-2", "userID": scene.dayAccount.user.id.description,
                ])
            #expect(moved.status == .seeOther)
            #expect(try await app.store.sectorOfficers.officer(scene.eveningOfficer)?.sectorCode == nil)
            let history = try await scene.supervisor.get("/reso/agents/\(scene.dayOfficer)")
            #expect(history.text.contains("data-testid=\"history\"") && history.text.contains("Brossard 1 (fictif)"))
            // with no schedule now, her card says she is not on duty
            #expect((try await scene.resident.get("/reso/secteurs/BRO-2")).text.contains("Pas en service maintenant"))
        }
    }

    @Test("relais reso demand counts a file of calls by sector, for planning", arguments: TestDatabase.available)
    func demand(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            _ = try await ResoScene(app)
            let file = NSTemporaryDirectory() + "relais-calls-\(UUID()).csv"
            try "latitude,longitude\n45.4500,-73.5000\n45.4550,-73.5000\n45.5155,-73.5622\nx,y\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            try await run(ResoDemandCommand(), [file], on: app)
            await #expect(throws: CommandFailure.self) {
                try await run(ResoDemandCommand(), [file, "--latitude-column", "LAT"], on: app)
            }
            let snapshot = try await app.relais.reso.book.current(app.store)
            let demand = try SectorDemand.count(
                csv: try String(contentsOfFile: file, encoding: .utf8), latitudeColumn: "latitude",
                longitudeColumn: "longitude"
            ) { snapshot.index.locate($0, level: .sector)?.code }
            #expect(demand.bySector == ["BRO-1": 2] && demand.outside == 1 && demand.unreadableLines == [5])
        }
    }
}
