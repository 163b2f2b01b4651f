import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Intake, request and mobile pages", .tags(.web, .database))
struct DispatchPagesTests {
    static let residentCall: [String: String] = [
        "immediateDangerToLife": "false", "weapon": "false", "crimeInProgress": "false", "medicalEmergency": "false",
        "source": "resident", "callerName": "Marie Tremblay", "callback": "514-555-0101",
        "address": "Place Émilie-Gamelin", "latitude": "45,5155", "longitude": "-73.5622",
        "situation": "person_in_distress", "description": "Un homme pleure assis par terre depuis une heure.",
        "peopleCount": "1",
    ]

    /// The demo boroughs, and a coordinator signed in with the intake form open (which sets the form token).
    func coordinatorAtIntake(_ app: Application) async throws -> (TestAccount, TestBrowser) {
        try await app.importDemoBoroughs()
        let account = try await app.makeAccount(role: .dispatcher)
        let browser = TestBrowser(app)
        try await browser.signIn(email: account.user.email, password: account.password)
        _ = try await browser.get("/demandes/nouvelle")
        return (account, browser)
    }

    @Test("the intake form asks the safety questions first, in French, with the address lookup and the street map")
    func form() async throws {
        try await withRelaisApp { app in
            let (_, browser) = try await coordinatorAtIntake(app)
            let page = try await browser.get("/demandes/nouvelle")
            #expect(page.status == .ok)
            let screening = try #require(page.text.range(of: "Une vie est-elle en danger immédiat?"))
            let source = try #require(page.text.range(of: "Provenance"))
            #expect(screening.lowerBound < source.lowerBound)
            #expect(page.text.contains("role=\"combobox\""))
            #expect(page.text.contains("data-map data-pick=\"true\" data-lat=\"45."))
            #expect(page.text.contains("Personne en détresse"))
        }
    }

    @Test("a refused form keeps what was typed, names every problem and writes nothing")
    func refused() async throws {
        try await withRelaisApp { app in
            let (_, browser) = try await coordinatorAtIntake(app)
            var form = Self.residentCall
            form["weapon"] = nil
            form["latitude"] = "quarante-cinq"
            form["description"] = String(repeating: "x", count: 20_000)
            let page = try await browser.post("/demandes", form: form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("Répondez aux quatre questions de sécurité."))
            #expect(page.text.contains("La latitude doit être un nombre entre -90 et 90."))
            #expect(page.text.contains("La description est trop longue"))
            #expect(page.text.contains("value=\"Place Émilie-Gamelin\""))
            #expect(try await app.store.serviceRequests.count() == 0)
        }
    }

    @Test("a call is triaged, shown with its instruction, assigned from its page, and on the worker's phone")
    func wholeFlow() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let worker = try await app.makeAccount(role: .mobileWorker)
            let team = try await app.makeTeam(
                "Équipe 1", organisationID: dispatcher.user.organisationID, members: [worker.user.id], borough: "VM",
                position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: dispatcher.user.id)
            let coordinator = TestBrowser(app)
            try await coordinator.signIn(email: dispatcher.user.email, password: dispatcher.password)
            _ = try await coordinator.get("/demandes/nouvelle")
            let submitted = try await coordinator.post("/demandes", form: Self.residentCall)
            #expect(submitted.status == .seeOther)
            let location = try #require(submitted.location)
            let page = try await coordinator.get(location)
            #expect(page.text.contains("Mise en file pour l&#39;équipe mobile."))
            #expect(page.text.contains("Équipe 1"))
            #expect(page.text.contains("Marie Tremblay"))

            let assigned = try await coordinator.post(
                location + "/affectation", form: ["teamId": team.id.description])
            #expect(assigned.status == .seeOther)
            #expect(try await app.store.teams.team(team.id)?.status == .assigned)

            let phone = TestBrowser(app)
            try await phone.signIn(email: worker.user.email, password: worker.password)
            let mobile = try await phone.get("/mobile")
            #expect(mobile.text.contains("Place Émilie-Gamelin"))
            #expect(mobile.text.contains("geo:45.515500,-73.562200"))
            // an iPhone does not open geo: links: Apple Plans is offered too
            #expect(mobile.text.contains("https://maps.apple.com/?daddr=45.515500,-73.562200"))
            #expect(mobile.text.contains("data-testid=\"status-en_route\""))
            let pressed = try await phone.post("/mobile/statut", form: ["status": "en_route"])
            #expect(pressed.status == .seeOther)
            let illegal = try await phone.post("/mobile/statut", form: ["status": "escorting"])
            #expect(illegal.status == .conflict)
            #expect(illegal.text.contains("Ce changement d&#39;état n&#39;est pas possible"))
            #expect(try await app.store.teams.team(team.id)?.status == .enRoute)
        }
    }

    @Test("another team than the recommended one: the reason is asked on that team's row, the rest is untouched")
    func reasonOnItsRow() async throws {
        try await withRelaisApp { app in
            let (account, browser) = try await coordinatorAtIntake(app)
            let near = try await app.makeTeam(
                "Équipe 1", organisationID: account.user.organisationID, borough: "VM",
                position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: account.user.id)
            let far = try await app.makeTeam(
                "Équipe 2", organisationID: account.user.organisationID, borough: "MH",
                position: try GeoPoint(latitude: 45.5540, longitude: -73.5390), by: account.user.id)
            let location = try #require(try await browser.post("/demandes", form: Self.residentCall).location)
            let refused = try await browser.post(location + "/affectation", form: ["teamId": far.id.description])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.components(separatedBy: "aria-invalid=\"true\"").count == 2, "one field marked")
            let reasonField = "id=\"reason-\(far.id)\" name=\"reason\" maxlength=\"500\" required autofocus"
            #expect(refused.text.contains(reasonField))
            #expect(refused.text.contains("aria-describedby=\"err-reason\""))
            #expect(try await app.store.teams.team(far.id)?.status == .available)
            #expect(try await app.store.teams.team(near.id)?.status == .available)
            // the address a refused form is shown at is, for a coordinator, the list of requests
            let again = try await browser.get("/demandes")
            #expect(again.status == .ok && again.text.contains("data-testid=\"request-list\""))
        }
    }

    @Test("a weapon gives the 911 instruction and nothing to assign")
    func weapon() async throws {
        try await withRelaisApp { app in
            let (account, browser) = try await coordinatorAtIntake(app)
            var form = Self.residentCall
            form["weapon"] = "true"
            let submitted = try await browser.post("/demandes", form: form)
            let page = try await browser.get(try #require(submitted.location))
            #expect(page.text.contains("appeler le 911 maintenant"))
            #expect(!page.text.contains("data-testid=\"recommendations\""))
            #expect(try await app.store.serviceRequests.open(organisationID: account.user.organisationID).isEmpty)
        }
    }
}

@Suite("Teams and shifts page", .tags(.web, .database))
struct RosterPageTests {
    @Test("the roster shows uncovered hours per served borough, and a shift fills them")
    func roster() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let team = try await app.makeTeam(
                "Équipe 1", organisationID: dispatcher.user.organisationID, borough: "VM", by: dispatcher.user.id)
            let browser = TestBrowser(app)
            try await browser.signIn(email: dispatcher.user.email, password: dispatcher.password)
            let before = try await browser.get("/equipes")
            #expect(before.status == .ok)
            #expect(before.text.contains("Sud-Ouest"))
            #expect(before.text.contains("non couvert"))

            let bad = try await browser.post(
                "/equipes/quarts",
                form: ["teamId": team.id.description, "territoryCode": "SO", "startsAt": "demain", "endsAt": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Indiquez le début et la fin du quart."))

            let added = try await browser.post(
                "/equipes/quarts",
                form: [
                    "teamId": team.id.description, "territoryCode": "SO", "startsAt": "2027-01-16T00:00",
                    "endsAt": "2027-01-16T12:00",
                ])
            #expect(added.status == .seeOther)
            let overlap = try await browser.post(
                "/equipes/quarts",
                form: [
                    "teamId": team.id.description, "territoryCode": "SO", "startsAt": "2027-01-16T06:00",
                    "endsAt": "2027-01-16T14:00",
                ])
            #expect(overlap.status == .unprocessableEntity)
            #expect(overlap.text.contains("chevauche"))
            #expect(try await app.store.audit.entries(.init(action: .shiftAdded)).count == 1)
        }
    }

    @Test("an administrator creates a team with its members named by e-mail; a wrong member is refused")
    func createTeam() async throws {
        try await withRelaisApp { app in
            let admin = try await app.makeAccount(role: .admin, organisation: "Relais", kind: .operator_)
            let worker = try await app.makeAccount(
                role: .mobileWorker, email: "jordan@emmis.example", organisation: "ÉMMIS", kind: .mobileTeam)
            _ = try await app.makeAccount(
                role: .policeOfficer, email: "sam@spvm.example", organisation: "SPVM", kind: .policeService)
            let emmis = try #require(try await app.store.accounts.organisation(named: "ÉMMIS"))
            let browser = TestBrowser(app)
            try await browser.signIn(email: admin.user.email, password: admin.password)
            let page = try await browser.get("/equipes")
            #expect(page.text.contains("Nouvelle équipe"))

            let wrong = try await browser.post(
                "/equipes",
                form: [
                    "organisationId": emmis.id.description, "name": "Équipe de nuit", "vehicle": "Véhicule 9",
                    "members": "jordan@emmis.example, sam@spvm.example",
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("intervenante ou un intervenant mobile de cet organisme"))
            #expect(try await app.store.teams.teams(organisationID: emmis.id).isEmpty)

            let created = try await browser.post(
                "/equipes",
                form: [
                    "organisationId": emmis.id.description, "name": "Équipe de nuit", "vehicle": "Véhicule 9",
                    "members": "jordan@emmis.example",
                ])
            #expect(created.status == .seeOther)
            let team = try #require(try await app.store.teams.teams(organisationID: emmis.id).first)
            #expect(team.memberIDs == [worker.user.id] && team.status == .offDuty)
            #expect(try await app.store.audit.entries(.init(action: .teamCreated)).count == 1)
        }
    }
}
