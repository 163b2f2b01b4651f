import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisWeb

@Suite("A request's life: the list, closing without a team, notes and call-backs", .tags(.web, .database))
struct RequestLifeTests {
    /// Takes a call through the intake form; returns the request's number.
    func takeCall(_ browser: TestBrowser, situation: String = "person_in_distress") async throws -> String {
        var form = DispatchPagesTests.residentCall
        form["situation"] = situation
        let created = try await browser.post("/demandes", form: form)
        #expect(
            created.status == .seeOther,
            "\(created.text.components(separatedBy: "field-error").dropFirst().map { $0.prefix(120) })")
        let location = try #require(created.headers.first(name: .location))
        return String(location.dropFirst("/demandes/".count))
    }

    @Test(
        "a waiting request is cancelled with its reason, leaves the board, and is found later among closed requests",
        arguments: TestDatabase.available)
    func cancel(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let (_, browser) = try await DispatchPagesTests().coordinatorAtIntake(app)
            let id = try await takeCall(browser)
            let other = try await takeCall(browser, situation: "conflict_between_people")
            _ = try await browser.get("/demandes/\(id)")

            // no reason: named, nothing changes
            let refused = try await browser.post(
                "/demandes/\(id)/fermeture", form: ["kind": "cancelled", "reason": " "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Indiquez la raison."))
            // a duplicate needs the original's number, of the same organisation
            let unknown = try await browser.post(
                "/demandes/\(id)/fermeture",
                form: ["kind": "duplicate", "reason": "Même appel", "duplicateOf": "ffffffff"])
            #expect(unknown.text.contains("Aucune autre demande de votre organisme"))
            let ownNumber = try await browser.post(
                "/demandes/\(id)/fermeture",
                form: ["kind": "duplicate", "reason": "Même appel", "duplicateOf": String(id.prefix(8))])
            #expect(ownNumber.status == .unprocessableEntity)
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestClosed)).isEmpty)

            let closed = try await browser.post(
                "/demandes/\(id)/fermeture",
                form: ["kind": "cancelled", "reason": "La personne a rappelé : elle est rentrée chez elle."])
            #expect(closed.status == .seeOther)
            let page = try await browser.get("/demandes/\(id)")
            #expect(page.text.contains("Annulée"))
            #expect(page.text.contains("elle est rentrée chez elle"))
            #expect(!page.text.contains("data-testid=\"close-form\""))
            let organisation = try #require(
                try await app.store.serviceRequests.summary(.init(UUID(uuidString: id)!))?.organisationID)
            #expect(
                try await app.store.serviceRequests.open(organisationID: organisation).map(\.id.description) == [other])
            // closing twice is a conflict
            let again = try await browser.post("/demandes/\(id)/fermeture", form: ["kind": "no_team", "reason": "x"])
            #expect(again.status == .conflict)

            // a duplicate of the other
            let third = try await takeCall(browser)
            #expect(
                try await browser.post(
                    "/demandes/\(third)/fermeture",
                    form: [
                        "kind": "duplicate", "reason": "Même appel, deuxième témoin",
                        "duplicateOf": String(other.prefix(8)).uppercased(),
                    ]
                ).status == .seeOther)
            #expect(try await browser.get("/demandes/\(third)").text.contains("/demandes/\(other)"))

            // the list: closed ones, open ones, no personal information, no read audited
            let reads = try await app.store.audit.entries(.init(action: .personalInformationRead)).count
            let closedList = try await browser.get("/demandes?etat=fermees")
            #expect(closedList.status == .ok)
            #expect(closedList.text.contains(String(id.prefix(8))) && closedList.text.contains(String(third.prefix(8))))
            #expect(!closedList.text.contains(String(other.prefix(8))))
            #expect(!closedList.text.contains("Marie Tremblay") && !closedList.text.contains("Place Émilie-Gamelin"))
            let openList = try await browser.get("/demandes?etat=ouvertes&situation=conflict_between_people")
            #expect(openList.text.contains(String(other.prefix(8))))
            #expect(!openList.text.contains(String(id.prefix(8))))
            #expect(try await browser.get("/demandes?statut=closed").text.contains(String(id.prefix(8))))
            #expect(try await app.store.audit.entries(.init(action: .personalInformationRead)).count == reads)
            // a bad filter is said, in French, and lists nothing
            let bad = try await browser.get("/demandes?du=hier&statut=perdu")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("AAAA-MM-JJ"))
        }
    }

    @Test("notes and call-backs are kept sealed, shown with the request, and a blank one is refused")
    func notes() async throws {
        try await withRelaisApp { app in
            let (_, browser) = try await DispatchPagesTests().coordinatorAtIntake(app)
            let id = try await takeCall(browser)
            _ = try await browser.get("/demandes/\(id)")
            let blank = try await browser.post("/demandes/\(id)/notes", form: ["noteKind": "note", "note": "  "])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.text.contains("Écrivez la note"))
            #expect(
                try await browser.post(
                    "/demandes/\(id)/notes",
                    form: ["noteKind": "callback", "note": "Rappel à 22 h 10 : toujours sur place."]
                ).status == .seeOther)
            let page = try await browser.get("/demandes/\(id)")
            #expect(page.text.contains("Rappel fait"))
            #expect(page.text.contains("toujours sur place"))
            let sql = try #require(app.db as? any SQLDatabase)
            let stored = try await sql.raw("SELECT text_sealed FROM request_notes").all()
            #expect(stored.count == 1)
            #expect(try !(stored[0].decode(column: "text_sealed", as: String.self)).contains("sur place"))
            #expect(try await app.store.audit.entries(.init(action: .serviceRequestNoted)).count == 1)
            // a police officer who submitted calls sees the form again at /demandes, not the list
            let officer = try await app.makeAccount(role: .policeOfficer, organisation: "SPVM", kind: .policeService)
            let police = TestBrowser(app)
            try await police.signIn(email: officer.user.email, password: officer.password)
            let list = try await police.get("/demandes")
            #expect(list.status == .seeOther)
            #expect(list.headers.first(name: .location) == "/demandes/nouvelle")
        }
    }
}
