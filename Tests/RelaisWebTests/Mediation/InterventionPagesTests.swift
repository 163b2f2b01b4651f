import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// A worker's team on scene at Place Émilie-Gamelin, with the demo directory; the fictional shelter's staff use
/// Relais (so referrals to it await their answer).
struct OnScene {
    static let shelter = "de000000-0000-4000-8002-000000000001"

    let worker: TestAccount
    let dispatcher: TestAccount
    let shelterStaff: TestAccount
    let team: MobileTeam
    let requestID: ServiceRequest.ID

    init(_ app: Application) async throws {
        try await app.importDemoBoroughs()
        try await app.importDemoResources()
        shelterStaff = try await app.makeAccount(
            role: .agencyRepresentative, organisation: "Refuge Le Phare", kind: .communityOrganisation)
        try await app.store.directory.link(
            shelterStaff.user.organisationID, to: DemoSeeder.shelterOrganization, by: nil)
        let dispatcher = try await app.makeAccount(role: .dispatcher)
        self.dispatcher = dispatcher
        worker = try await app.makeAccount(role: .mobileWorker)
        team = try await app.makeTeam(
            "Équipe 1", organisationID: dispatcher.user.organisationID, members: [worker.user.id], borough: "VM",
            position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: dispatcher.user.id)
        let client = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
        let created = try await client.post("/api/v1/service-requests", json: intakeJSON())
        let id = try #require(try created.json()["id"] as? String)
        let requestID = try #require(ServiceRequest.ID(id))
        self.requestID = requestID
        let store = app.store
        let (team, worker) = (team, worker)
        try await store.transaction { tx in
            try await tx.dispatch.assign(requestID, to: team.id, by: dispatcher.user.id)
        }
        for status in [TeamStatus.enRoute, .onScene] {
            let current = try #require(try await store.teams.team(team.id))
            _ = try await store.transaction { tx in
                try await tx.dispatch.changeStatus(of: current, to: status, position: nil, by: worker.user.id)
            }
        }
    }
}

@Suite("Interventions on the worker's phone", .tags(.web, .database))
struct InterventionPagesTests {
    static let shelter = OnScene.shelter

    struct Scene {
        let phone: TestBrowser
        let dispatcher: TestAccount
        let team: MobileTeam
        let requestID: ServiceRequest.ID
        let shelterStaff: TestAccount
    }

    func onScene(_ app: Application) async throws -> Scene {
        let scene = try await OnScene(app)
        let phone = TestBrowser(app)
        try await phone.signIn(email: scene.worker.user.email, password: scene.worker.password)
        return Scene(
            phone: phone, dispatcher: scene.dispatcher, team: scene.team, requestID: scene.requestID,
            shelterStaff: scene.shelterStaff)
    }

    func intervention(_ app: Application, _ scene: Scene) async throws -> Intervention? {
        try await app.store.interventions.intervention(requestID: scene.requestID)
    }

    @Test(
        "an agreement, a referral to an open shelter and an escort there, then closing: request closed, team free",
        arguments: TestDatabase.available)
    func wholeIntervention(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await onScene(app)
            let phone = scene.phone
            let screen = try await phone.get("/mobile")
            #expect(screen.text.contains("data-testid=\"intervention\""))
            #expect(!screen.text.contains("data-testid=\"status-available\""))

            let merchant = try await phone.post(
                "/mobile/intervention/parties",
                form: ["role": "merchant", "name": "Luc Gagnon", "phone": "514-555-0199"])
            #expect(merchant.status == .seeOther)
            #expect(
                try await phone.post("/mobile/intervention/parties", form: ["role": "vulnerable_person"]).status
                    == .seeOther)
            var recorded = try #require(try await intervention(app, scene))
            #expect(recorded.parties.map(\.role) == [.merchant, .vulnerablePerson])
            #expect(recorded.parties.first?.identity == PartyIdentity(name: "Luc Gagnon", phone: "514-555-0199"))
            // identifying details are sealed at rest, and reading them is audited
            let sql = try #require(app.store.database as? any SQLDatabase)
            let stored = try await sql.raw("SELECT identity_sealed FROM intervention_parties").all()
                .compactMap { try $0.decode(column: "identity_sealed", as: String?.self) }
            #expect(stored.count == 1 && !stored[0].contains("Gagnon"))
            let page = try await phone.get("/mobile")
            #expect(page.text.contains("Luc Gagnon"))
            #expect(
                try await app.store.audit.entries(.init(action: .personalInformationRead))
                    .contains { $0.resourceType == "intervention" && $0.purpose == "intervention" })

            let (merchantID, personID) = (recorded.parties[0].id.description, recorded.parties[1].id.description)
            let agreement = try await phone.post(
                "/mobile/intervention/entente",
                form: [
                    "parties[0]": merchantID, "parties[1]": personID,
                    "commitment_\(merchantID)": "Laisse la personne s'abriter sous l'auvent la nuit.",
                    "commitment_\(personID)": "Range ses affaires avant l'ouverture à 9 h.",
                ])
            #expect(agreement.status == .seeOther)

            let found = try await phone.get("/mobile/ressources?q=h%C3%A9bergement%20ouvert%20maintenant")
            #expect(found.text.contains("Hébergement d&#39;urgence 24 h"))
            #expect(found.text.contains("Ouvert maintenant"))
            let referral = try await phone.post(
                "/mobile/intervention/reference",
                form: ["resourceId": Self.shelter, "partyId": personID, "asked": "Un lit pour cette nuit"])
            #expect(referral.status == .seeOther)
            let escort = try await phone.post(
                "/mobile/intervention/accompagnement", form: ["resourceId": Self.shelter, "partyId": personID])
            #expect(escort.status == .seeOther)
            #expect(try await app.store.teams.team(scene.team.id)?.status == .escorting)
            let escorting = try await phone.get("/mobile")
            #expect(escorting.text.contains("data-testid=\"escort-under-way\""))
            #expect(escorting.text.contains("En attente de réponse"))
            // the shelter's staff see the team coming, then arrived; nobody named
            let shelter = TestBrowser(app)
            try await shelter.signIn(email: scene.shelterStaff.user.email, password: scene.shelterStaff.password)
            let coming = try await shelter.get("/ma-ressource")
            #expect(coming.text.contains("\(scene.team.name) vient avec une personne vers"))
            #expect(!coming.text.contains("Gagnon"))
            let home = try await shelter.get("/")
            #expect(home.text.contains("1 référence(s) attendent votre réponse."))
            #expect(home.text.contains("\(scene.team.name) vient avec une personne vers"))
            #expect(try await phone.post("/mobile/intervention/arrivee", form: [:]).status == .seeOther)
            #expect(
                try await shelter.get("/ma-ressource").text.contains("\(scene.team.name) est arrivée avec une personne")
            )
            #expect(try await app.store.teams.team(scene.team.id)?.status == .onScene)

            let closed = try await phone.post(
                "/mobile/intervention/cloture", form: ["outcome": "escorted", "policeAvoided": "on"])
            #expect(closed.status == .seeOther)
            recorded = try #require(try await intervention(app, scene))
            #expect(recorded.services.map(\.service.kind) == ["agreement", "referral", "escort"])
            #expect(recorded.closing?.outcome == .escorted && recorded.closing?.policeAvoided == true)
            guard case .escort(.resource(let destination), _, _, let arrivedAt) = recorded.services[2].service else {
                Issue.record("the escort was not recorded")
                return
            }
            #expect(destination.name == "Hébergement d'urgence 24 h" && arrivedAt != nil)
            guard case .referral(_, let asked, _, let answer) = recorded.services[1].service else {
                Issue.record("the referral was not recorded")
                return
            }
            #expect(asked == "Un lit pour cette nuit" && answer.recorded == .awaiting && answer.dueAt != nil)
            let request = try #require(try await app.store.serviceRequests.unsealed(scene.requestID))
            #expect(request.status == .cleared)
            let team = try #require(try await app.store.teams.team(scene.team.id))
            #expect(team.status == .available && team.currentRequestID == nil)
            #expect(
                try await app.store.audit.entries(.init(action: .interventionClosed)).map(\.purpose) == ["escorted"])
            let after = try await phone.get("/mobile")
            #expect(after.text.contains("data-testid=\"no-assignment\""))

            // the coordinator sees what the team did on the request's page
            let office = TestBrowser(app)
            try await office.signIn(email: scene.dispatcher.user.email, password: scene.dispatcher.password)
            let requestPage = try await office.get("/demandes/\(scene.requestID)")
            #expect(requestPage.text.contains("data-testid=\"request-intervention\""))
            #expect(requestPage.text.contains("Accompagnement vers une ressource</strong> — 0 min sur place"))
            #expect(requestPage.text.contains("Un lit pour cette nuit"))
            #expect(requestPage.text.contains("Luc Gagnon"))
        }
    }

    @Test("bad input is refused with a clear message and nothing is written", arguments: TestDatabase.available)
    func badInput(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await onScene(app)
            let phone = scene.phone
            _ = try await phone.post("/mobile/intervention/parties", form: ["role": "merchant"])
            let party = try #require(try await intervention(app, scene)?.parties.first).id.description

            let unknownRole = try await phone.post("/mobile/intervention/parties", form: ["role": "witness"])
            #expect(unknownRole.status == .unprocessableEntity)
            #expect(unknownRole.text.contains("Choisissez le rôle de la personne."))
            let lonely = try await phone.post(
                "/mobile/intervention/entente", form: ["parties[0]": party, "commitment_\(party)": "Se calmer"])
            #expect(lonely.status == .unprocessableEntity)
            #expect(lonely.text.contains("au moins deux personnes"))
            let nowhere = try await phone.post("/mobile/intervention/accompagnement", form: ["destination": "  "])
            #expect(nowhere.status == .unprocessableEntity)
            #expect(nowhere.text.contains("Indiquez la destination de l&#39;accompagnement"))
            let noTopic = try await phone.post("/mobile/intervention/information", form: ["note": "x"])
            #expect(noTopic.text.contains("Cochez au moins un sujet"))

            // a resource that closed since the search
            try await app.store.transaction { tx in
                try await (tx.database as! any SQLDatabase).raw(
                    "UPDATE resource_services SET status = 'inactive' WHERE id = \(bind: Self.shelter)"
                ).run()
            }
            let closedResource = try await phone.post(
                "/mobile/intervention/reference", form: ["resourceId": Self.shelter])
            #expect(closedResource.status == .unprocessableEntity)
            #expect(closedResource.text.contains("Cette ressource est fermée ou inactive"))
            let unknown = try await phone.post("/mobile/intervention/reference", form: ["resourceId": "nope"])
            #expect(unknown.text.contains("n&#39;existe pas dans le répertoire"))
            let escortedWithoutEscort = try await phone.post(
                "/mobile/intervention/cloture", form: ["outcome": "escorted"])
            #expect(escortedWithoutEscort.status == .unprocessableEntity)
            #expect(escortedWithoutEscort.text.contains("Aucun accompagnement n&#39;est enregistré"))
            let minutes = try await phone.post(
                "/mobile/intervention/cloture", form: ["outcome": "resolved_on_site", "minutesOnScene": "9999"])
            #expect(minutes.text.contains("de 0 à 1440 minutes"))

            let recorded = try #require(try await intervention(app, scene))
            #expect(recorded.parties.count == 1 && recorded.services.isEmpty && recorded.closing == nil)
            #expect(try await app.store.teams.team(scene.team.id)?.status == .onScene)
        }
    }

    @Test("in English, resources show their English names when the directory has them")
    func englishNames() async throws {
        try await withRelaisApp { app in
            let scene = try await onScene(app)
            _ = try await scene.phone.post("/langue", form: ["langue": "en"])
            let found = try await scene.phone.get("/mobile/ressources?q=shelter%20open%20now")
            #expect(found.text.contains("24-hour emergency shelter"))
            #expect(found.text.contains("Open now"))
            #expect(found.text.contains("Refer") && found.text.contains("Escort"))
        }
    }

    @Test("police needed re-routes the request to the police and frees the team")
    func policeNeeded() async throws {
        try await withRelaisApp { app in
            let scene = try await onScene(app)
            let contradiction = try await scene.phone.post(
                "/mobile/intervention/cloture", form: ["outcome": "police_needed", "policeAvoided": "on"])
            #expect(contradiction.status == .unprocessableEntity)
            let closed = try await scene.phone.post("/mobile/intervention/cloture", form: ["outcome": "police_needed"])
            #expect(closed.status == .seeOther)
            let request = try #require(try await app.store.serviceRequests.unsealed(scene.requestID))
            #expect(request.outcome == .referToPolice && request.status == .redirected)
            #expect(request.timeline.clearedAt != nil)
            #expect(try await app.store.teams.team(scene.team.id)?.status == .available)
            // the team's response still counts in the response times
            let timelines = try await app.store.serviceRequests.timelines(
                organisationID: nil, since: Date(timeIntervalSinceNow: -3600))
            #expect(timelines.count == 1)
            // and nothing more can be recorded on it
            let late = try await scene.phone.post("/mobile/intervention/parties", form: ["role": "resident"])
            #expect(late.status == .conflict)
        }
    }
}
