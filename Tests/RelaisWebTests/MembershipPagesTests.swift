import ConsoleKit
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Memberships: a person holds several roles, granted and withdrawn by an administrator", .tags(.web, .database))
struct MembershipPagesTests {
    /// An administrator, a dispatcher of a mobile team (signed in, and with an API token) and a shelter.
    struct Scene {
        let admin: TestAccount
        let dispatcher: TestAccount
        let shelter: Organisation
        let adminBrowser: TestBrowser
        let dispatcherBrowser: TestBrowser
        let api: APIClient

        init(_ app: Application) async throws {
            admin = try await app.makeAccount(role: .admin, organisation: "Ville", kind: .municipality)
            dispatcher = try await app.makeAccount(role: .dispatcher, organisation: "ÉMMIS")
            shelter = try await app.store.accounts.createOrganisation(
                name: "Refuge du Plateau", kind: .communityOrganisation)
            adminBrowser = TestBrowser(app)
            try await adminBrowser.signIn(email: admin.user.email, password: admin.password)
            dispatcherBrowser = TestBrowser(app)
            try await dispatcherBrowser.signIn(email: dispatcher.user.email, password: dispatcher.password)
            api = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
        }

        var rolesPath: String { "/admin/comptes/\(dispatcher.user.id)" }
        var representative: [String: String] {
            ["role": "agency_representative", "organisation": shelter.id.description]
        }
    }

    @Test(
        "granting a second role gives its reach at the next request, withdrawing takes it back; both audited",
        arguments: TestDatabase.available)
    func grantAndWithdraw(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await Scene(app)
            #expect(try await scene.dispatcherBrowser.get("/ma-ressource").status == .forbidden)
            let list = try await scene.adminBrowser.get("/admin/comptes")
            #expect(list.text.contains("href=\"\(scene.rolesPath)\""))
            let page = try await scene.adminBrowser.get(scene.rolesPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("Rôles de Test dispatcher"))
            #expect(page.text.contains("(rôle principal)"))

            let granted = try await scene.adminBrowser.post(scene.rolesPath + "/roles", form: scene.representative)
            #expect(granted.status == .seeOther)
            #expect(granted.location == scene.rolesPath + "?avis=membership_granted")
            #expect(try await scene.adminBrowser.get(granted.location!).text.contains("Rôle accordé."))
            // the dispatcher's session and token see the new role at once
            #expect(try await scene.dispatcherBrowser.get("/ma-ressource").status == .ok)
            let home = try await scene.dispatcherBrowser.get("/")
            #expect(home.text.contains("Vous travaillez pour Refuge du Plateau comme"))
            #expect(home.text.contains("Ce que ce rôle permet"))
            let account = try await scene.dispatcherBrowser.get("/compte")
            #expect(account.text.contains("Représentant·e d&#39;organisme</span> · Refuge du Plateau"))
            let me = try await scene.api.get("/api/v1/me").json()
            #expect((me["memberships"] as? [[String: Any]])?.count == 2)
            #expect(me["role"] as? String == "dispatcher")
            // still a dispatcher of their own organisation only
            #expect(try await scene.dispatcherBrowser.get("/tableau").status == .ok)

            let unconfirmed = try await scene.adminBrowser.post(
                scene.rolesPath + "/roles/retrait", form: scene.representative)
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(unconfirmed.text.contains("Cochez la confirmation"))
            #expect(try await scene.dispatcherBrowser.get("/ma-ressource").status == .ok)

            var confirmed = scene.representative
            confirmed["confirm"] = "true"
            let withdrawn = try await scene.adminBrowser.post(scene.rolesPath + "/roles/retrait", form: confirmed)
            #expect(withdrawn.location == scene.rolesPath + "?avis=membership_withdrawn")
            #expect(try await scene.dispatcherBrowser.get("/ma-ressource").status == .forbidden)
            #expect((try await scene.api.get("/api/v1/me").json()["memberships"] as? [[String: Any]])?.count == 1)

            let entries = try await app.store.audit.entries(.init())
            let changes = entries.filter { [.membershipGranted, .membershipWithdrawn].contains($0.action) }
            #expect(changes.map(\.action) == [.membershipWithdrawn, .membershipGranted])
            #expect(changes.allSatisfy { $0.actorUserID == scene.admin.user.id })
            #expect(changes.allSatisfy { $0.resourceID == scene.dispatcher.user.id.description })
            #expect(changes.allSatisfy { $0.purpose == "agency_representative@\(scene.shelter.id)" })
            #expect(try await app.store.audit.verify().brokenLink == nil)
        }
    }

    @Test("what the rules refuse is said in the page's language and changes nothing", arguments: TestDatabase.available)
    func refusals(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await Scene(app)
            let home = ["role": "dispatcher", "organisation": scene.dispatcher.user.organisationID.description]
            let twice = try await scene.adminBrowser.post(scene.rolesPath + "/roles", form: home)
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("Cette personne tient déjà ce rôle dans cet organisme."))
            let partner = ["role": "open311_client", "organisation": scene.shelter.id.description]
            let open311 = try await scene.adminBrowser.post(scene.rolesPath + "/roles", form: partner)
            #expect(open311.status == .conflict)
            #expect(open311.text.contains("application partenaire"))
            let last = try await scene.adminBrowser.post(
                scene.rolesPath + "/roles/retrait", form: home.merging(["confirm": "true"]) { $1 })
            #expect(last.status == .conflict)
            #expect(last.text.contains("le seul rôle de cette personne : désactivez plutôt son compte."))
            for form in [
                ["role": "chief", "organisation": scene.shelter.id.description],
                ["role": "analyst", "organisation": ""],
                ["role": "analyst", "organisation": UUID().uuidString],
            ] {
                let unknown = try await scene.adminBrowser.post(scene.rolesPath + "/roles", form: form)
                #expect(unknown.status == .unprocessableEntity)
                #expect(unknown.text.contains("Choisissez un rôle et un organisme."))
            }
            _ = try await scene.adminBrowser.post("/langue", form: ["langue": "en", "retour": "/"])
            let english = try await scene.adminBrowser.post(scene.rolesPath + "/roles", form: home)
            #expect(english.text.contains("This person already holds this role in this organisation."))

            let user = try #require(try await app.store.accounts.user(scene.dispatcher.user.id))
            #expect(user.memberships == [Membership(.dispatcher, in: scene.dispatcher.user.organisationID)])
            let changes = try await app.store.audit.entries(.init(action: .membershipGranted))
            #expect(changes.isEmpty)
        }
    }

    @Test("only who may change accounts reaches the roles page; an unknown account is not found")
    func access() async throws {
        try await withRelaisApp { app in
            let scene = try await Scene(app)
            let own = "/admin/comptes/\(scene.dispatcher.user.id)"
            #expect(try await scene.dispatcherBrowser.get(own).status == .forbidden)
            let post = try await scene.dispatcherBrowser.post(own + "/roles", form: scene.representative)
            #expect(post.status == .forbidden)
            #expect(try await scene.adminBrowser.get("/admin/comptes/\(UUID())").status == .notFound)
            #expect(try await scene.adminBrowser.get("/admin/comptes/not-an-id").status == .notFound)
            #expect(try await app.store.accounts.user(scene.dispatcher.user.id)?.memberships.count == 1)
        }
    }

    @Test(
        "users grant and users withdraw change a person's roles from the command line, audited",
        arguments: TestDatabase.available)
    func commands(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let worker = try await app.makeAccount(
                role: .mobileWorker, email: "noor@emmis.example", organisation: "ÉMMIS")
            _ = try await app.store.accounts.createOrganisation(name: "Table de Sudbury", kind: .agency)
            let arguments = [
                "--email", "noor@emmis.example", "--role", "agency_representative", "--organisation",
                "Table de Sudbury",
            ]
            try await run(MembershipCommand(change: .grant), arguments, on: app)
            var user = try #require(try await app.store.accounts.user(worker.user.id))
            #expect(user.memberships.map(\.role) == [.mobileWorker, .agencyRepresentative])
            await #expect(throws: CommandFailure.self) {
                try await run(MembershipCommand(change: .grant), arguments, on: app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(
                    MembershipCommand(change: .grant), ["--email", "noor@emmis.example", "--role", "chief"], on: app)
            }
            try await run(MembershipCommand(change: .withdraw), arguments, on: app)
            user = try #require(try await app.store.accounts.user(worker.user.id))
            #expect(user.memberships.map(\.role) == [.mobileWorker])
            let entries = try await app.store.audit.entries(.init())
            #expect(entries.filter { [.membershipGranted, .membershipWithdrawn].contains($0.action) }.count == 2)
        }
    }
}
