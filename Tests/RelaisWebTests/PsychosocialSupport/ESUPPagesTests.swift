import ConsoleKit
import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("ÉSUP pages", .tags(.database))
struct ESUPPagesTests {
    @Test(
        "an officer asks, the duo advises and closes with a referral; the second contact shows the count and the plan",
        arguments: TestDatabase.available)
    func consultThroughToPlan(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await ESUPScene(app)
            let first = try await scene.ask()
            let queue = try await scene.worker.get("/esup/file")
            #expect(queue.status == .ok && queue.text.contains("ÉSUP-0001"))
            try await app.importDemoResources()
            #expect(
                try await scene.worker.post("/esup/consultations/\(first)/prise-en-charge", form: [:]).status
                    == .seeOther)
            let search = try await scene.worker.get("/esup/consultations/\(first)?ressources=h%C3%A9bergement")
            #expect(search.text.contains(OnScene.shelter))
            let person = try await scene.handle(
                first, person: nil, outcome: ["outcome": "referral", "resources[0]": OnScene.shelter], accepted: true)
            let closed = try await scene.worker.get("/esup/consultations/\(first)")
            #expect(closed.text.contains("Orientation vers une ressource") && closed.text.contains("Hébergement"))
            #expect(closed.text.contains("Premier contact en 30 jours"))
            // the officer sees the outcome of their own request
            let followed = try await scene.frontline.get("/esup/demandes/\(first)")
            #expect(followed.status == .ok && followed.text.contains("Orientation vers une ressource"))
            #expect(!followed.text.contains("Jérôme") && !followed.text.contains("approach-note"))

            // consent, then a plan with its approach note
            let personPath = "/esup/personnes/\(person)"
            let noConsent = try await scene.worker.post(
                personPath + "/plan", form: ["whatHelps": "Parler doucement", "reviewOn": "2027-06-01"])
            #expect(noConsent.status == .conflict && noConsent.text.contains("data-testid=\"plan-form\""))
            #expect(noConsent.text.contains("Ni consentement ni fondement"))
            #expect(
                try await scene.worker.post(
                    personPath + "/consentements", form: ["purpose": "support_plan", "basis": "consent"]
                ).status == .seeOther)
            let plan = try await scene.worker.post(
                personPath + "/plan",
                form: [
                    "whatHelps": "Parler doucement", "approachNote": "Proposer d'appeler sa sœur Annie.",
                    "reviewOn": "2027-06-01",
                ])
            #expect(plan.status == .seeOther, "\(plan.text.prefix(400))")

            clock.advance(by: 20 * 60)
            let second = try await scene.ask()
            _ = try await scene.handle(second, person: person, outcome: ["outcome": "stays_with_plan"])
            let page = try await scene.worker.get("/esup/consultations/\(second)")
            #expect(page.text.contains("2e contact en 30 jours") && page.text.contains("ÉSUP-0001"))
            #expect(page.text.contains("sa sœur Annie."))
            let note = try await scene.frontline.get("/esup/demandes/\(second)")
            #expect(note.text.contains("sa sœur Annie.") && note.text.contains("approach-note"))
            // consent withdrawn: the next load shows nothing
            #expect(
                try await scene.worker.post(personPath + "/retrait", form: ["purpose": "support_plan"]).status
                    == .seeOther)
            let gone = try await scene.frontline.get("/esup/demandes/\(second)")
            #expect(gone.status == .ok && !gone.text.contains("sa sœur Annie") && !gone.text.contains("approach-note"))
            // the person's record of reads, for their access request
            let reads = try await scene.worker.get(personPath + "/lectures.csv")
            #expect(reads.status == .ok && reads.text.hasPrefix("when,who,action,purpose"))
            #expect(reads.text.contains("approach_note") && reads.text.contains("person_follow_up"))
        }
    }

    @Test("a screen waiting for a newer queue is answered as soon as a request is saved, with the new version")
    func longPoll() async throws {
        try await withRelaisApp { app in
            let scene = try await ESUPScene(app)
            let first = try await scene.worker.get("/esup/file")
            let version = try #require(first.headers.first(name: "X-Queue-Version").flatMap(Int.init))
            let worker = scene.worker
            let started = ContinuousClock.now
            async let waited = worker.get("/esup/file?apres=\(version)")
            try await Task.sleep(for: .milliseconds(300))
            _ = try await scene.ask()
            let answer = try await waited
            #expect(answer.text.contains("ÉSUP-0001"))
            #expect(answer.headers.first(name: "X-Queue-Version") == String(version + 1))
            #expect(ContinuousClock.now - started < .seconds(5))
            // an older version is answered at once
            let stale = try await worker.get("/esup/file?apres=\(version)")
            #expect(stale.headers.first(name: "X-Queue-Version") == String(version + 1))
        }
    }

    @Test("bad input and steps out of turn are refused with their reason, and change nothing")
    func refusals() async throws {
        try await withRelaisApp { app in
            let scene = try await ESUPScene(app)
            // on scene without the scene secured: what to do now, and nothing recorded
            var form = ESUPScene.clear
            form.merge([
                "eventNumber": "26-1", "place": "Parc Émilie-Gamelin", "situations[0]": "disorganised",
                "sceneSecured": "no", "mode": "on_scene",
            ]) { $1 }
            let unsecured = try await scene.frontline.post("/esup/demande", form: form)
            #expect(unsecured.status == .conflict)
            #expect(unsecured.text.contains("Sécurisez") && unsecured.text.contains("Conseil par téléphone"))
            #expect(try await app.store.consults.requested(by: scene.frontlineAccount.user.id).isEmpty)

            let id = try await scene.ask()
            let path = "/esup/consultations/\(id)"
            // closing before taking it, then without an outcome, then a transport without consent without its ground
            let early = try await scene.worker.post(path + "/fermeture", form: ["outcome": "none"])
            #expect(early.status == .conflict && early.text.contains("attend encore un duo"))
            #expect(try await scene.worker.post(path + "/prise-en-charge", form: [:]).status == .seeOther)
            let noOutcome = try await scene.worker.post(path + "/fermeture", form: [:])
            #expect(noOutcome.status == .unprocessableEntity && noOutcome.text.contains("se ferme avec son issue"))
            let noGround = try await scene.worker.post(path + "/fermeture", form: ["outcome": "involuntary_transport"])
            #expect(noGround.status == .unprocessableEntity && noGround.text.contains("fondement légal"))
            let unknown = try await scene.worker.post(
                path + "/fermeture", form: ["outcome": "referral", "resources[0]": "nope"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await app.store.consults.summary(id)?.stage == .accepted)
            // the officer cannot withdraw what a duo took
            let withdrawn = try await scene.frontline.post("/esup/demandes/\(id)/retrait", form: [:])
            #expect(withdrawn.status == .conflict)
            // a merge of a record into itself, or of one merged already
            let person = try await app.store.persons.record(
                PersonIdentifiers(givenName: "A", familyName: "B", birthDate: nil, phone: nil),
                organisation: scene.team, programme: "esup", by: nil)
            let other = try await app.store.persons.record(
                PersonIdentifiers(givenName: "A", familyName: "B.", birthDate: nil, phone: nil),
                organisation: scene.team, programme: "esup", by: nil)
            let merging = "/esup/personnes/\(person.id)/fusion"
            let itself = try await scene.worker.post(
                merging + "/examen", form: ["merged": person.reference, "reason": "x"])
            #expect(itself.status == .conflict && itself.text.contains("avec lui-même"))
            // the two records side by side first (each read audited), then the confirmation
            let review = try await scene.worker.post(
                merging + "/examen", form: ["merged": other.reference, "reason": "Même personne"])
            #expect(
                review.status == .ok && review.text.contains("merge-review") && review.text.contains(other.reference))
            let unconfirmed = try await scene.worker.post(merging, form: ["merged": other.reference, "reason": "Même"])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.text.contains("Comparez d&#39;abord"))
            #expect(try await app.store.persons.person(other.id)?.mergedInto == nil)
            let confirmed = try await scene.worker.post(
                merging, form: ["merged": other.reference, "reason": "Même personne", "confirmed": "yes"])
            #expect(confirmed.status == .seeOther)
            #expect(try await app.store.persons.person(other.id)?.mergedInto == person.id)
            let twice = try await scene.worker.post(
                merging + "/examen", form: ["merged": other.reference, "reason": "encore"])
            #expect(twice.status == .conflict && twice.text.contains("déjà fusionné"))
            // a consent without its basis's note
            let danger = try await scene.worker.post(
                "/esup/personnes/\(person.id)/consentements",
                form: ["purpose": "health_sharing", "basis": "imminent_danger"])
            #expect(danger.status == .unprocessableEntity && danger.text.contains("décrivez le danger imminent"))
            // a search with neither name and birth date nor phone
            let vague = try await scene.worker.post("/esup/personnes/recherche", form: ["givenName": "A"])
            #expect(vague.status == .unprocessableEntity)
        }
    }

    @Test("who sees what: the team its records; a frontline officer their own requests; analysts the measures only")
    func access() async throws {
        try await withRelaisApp { app in
            let scene = try await ESUPScene(app)
            let id = try await scene.ask()
            let other = try await app.makeAccount(
                role: .policeOfficer, email: "other@spvm.test", organisation: "SPVM", kind: .policeService)
            let colleague = TestBrowser(app)
            try await colleague.signIn(email: other.user.email, password: other.password)
            #expect(try await colleague.get("/esup/demandes/\(id)").status == .forbidden)
            #expect(try await colleague.get("/esup/consultations/\(id)").status == .forbidden)
            #expect(try await scene.frontline.get("/esup/consultations/\(id)").status == .forbidden)
            #expect(try await scene.frontline.get("/esup/personnes").status == .forbidden)
            #expect(try await scene.frontline.get("/esup/mesures").status == .forbidden)
            for path in ["/esup", "/esup/personnes", "/esup/consultations/\(id)"] {
                #expect(try await scene.mobile.get(path).status == .forbidden, "\(path)")
                #expect(try await scene.admin.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await scene.analyst.get("/esup/mesures").status == .ok)
            #expect(try await scene.analyst.get("/esup/personnes").status == .forbidden)
            #expect(try await scene.worker.get("/esup/mesures").status == .ok)
            let home = try await scene.worker.get("/esup")
            #expect(home.text.contains("ÉSUP-0001") && home.text.contains("ÉSUP 1"))
        }
    }

    @Test("a mediation party with the same phone sees a count where the agreement exists, and nothing without it")
    func crossProgramme() async throws {
        try await withRelaisApp { app in
            let scene = try await ESUPScene(app)
            let id = try await scene.ask()
            let person = try await scene.handle(id, person: nil, outcome: ["outcome": "none"])
            let mediation = scene.mobileAccount.user.organisationID
            try await app.store.persons.index(
                [PersonKey(kind: .phone, value: "5145550199")], subject: UUID(), kind: .interventionParty,
                programme: "mediation", organisation: mediation)
            let before = try await scene.worker.get("/esup/personnes/\(person)")
            #expect(!before.text.contains("cross-count"))
            try await app.store.sharingAgreements.save(SharingAgreement(scene.team, mediation, signedOn: app.store.now))
            let after = try await scene.worker.get("/esup/personnes/\(person)")
            #expect(after.text.contains("1 dossier(s) chez l&#39;équipe mobile de médiation (ÉMMIS) (ÉMMIS)"))
            #expect(try await app.store.audit.entries(.init(action: .crossProgrammeCountShown)).count == 1)
        }
    }

    @Test("the API: an officer's request and its progress; the team's queue; a refusal is a problem with its fields")
    func api() async throws {
        try await withRelaisApp { app in
            let scene = try await ESUPScene(app)
            let officer = APIClient(app, token: try await app.makeToken(for: scene.frontlineAccount.user))
            let body = #"""
                {"eventNumber":"26-77","place":"Square Cabot","situations":["person_in_crisis"],"sceneSecured":false,
                 "mode":"on_scene","screening":{"immediateDangerToLife":false,"weapon":false,"crimeInProgress":false,
                 "medicalEmergency":false}}
                """#
            let refused = try await officer.post("/api/v1/esup/consults", json: body)
            #expect(refused.status == .conflict && refused.text.contains("consult.secure_scene_first"))
            #expect(refused.text.contains("mode"))
            let created = try await officer.post(
                "/api/v1/esup/consults", json: body.replacingOccurrences(of: "on_scene", with: "phone"))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try await officer.get("/api/v1/esup/consults/\(id)").json()["stage"] as? String == "requested")
            let team = APIClient(app, token: try await app.makeToken(for: scene.workerAccount.user))
            let queue = try await team.get("/api/v1/esup/queue")
            #expect(queue.status == .ok && queue.text.contains(id))
            #expect(try await officer.get("/api/v1/esup/queue").status == .forbidden)
        }
    }
}

@Suite("Information-sharing agreements", .tags(.database))
struct AgreementsCommandTests {
    func run(_ command: some AsyncCommand, _ arguments: [String], on app: Application) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["relais"] + arguments))
        context.application = app
        try await command.run(using: &context)
    }

    @Test("an administrator adds and ends an agreement from the command line, audited; a bad one changes nothing")
    func addAndRemove() async throws {
        try await withRelaisApp { app in
            let store = app.store
            _ = try await store.accounts.createOrganisation(name: "ÉSUP", kind: .policeService)
            _ = try await store.accounts.createOrganisation(name: "ÉMMIS", kind: .mobileTeam)
            try await run(ChangeAgreementCommand(adds: true), ["ÉSUP", "ÉMMIS", "--signed", "2026-01-15"], on: app)
            #expect(try await store.sharingAgreements.all().count == 1)
            let refused = try await #require(throws: CommandFailure.self) {
                try await run(
                    ChangeAgreementCommand(adds: true), ["ÉSUP", "Nulle part", "--signed", "2026-02-30"], on: app)
            }
            #expect(refused.description.contains("no such organisation") && refused.description.contains("--signed"))
            try await run(ChangeAgreementCommand(adds: false), ["ÉMMIS", "ÉSUP"], on: app)
            #expect(try await store.sharingAgreements.all().isEmpty)
            #expect(try await store.audit.entries(.init(action: .sharingAgreementChanged)).count == 2)
        }
    }
}
