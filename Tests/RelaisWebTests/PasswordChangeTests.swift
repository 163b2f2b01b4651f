import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import RelaisWeb
import Testing
import Vapor

@Suite("Changing one's password", .tags(.web, .database))
struct PasswordChangeTests {
    @Test(
        "bad input is named field by field and changes nothing",
        arguments: [
            (
                [
                    "current": "wrong current password", "new": "une tisane au parc du dimanche",
                    "confirmation": "une tisane au parc du dimanche",
                ], "Le mot de passe actuel est incorrect."
            ),
            (
                ["current": "correct horse battery staple", "new": "court", "confirmation": "court"],
                "au moins 12 caractères"
            ),
            (
                ["current": "correct horse battery staple", "new": "motdepasse123", "confirmation": "motdepasse123"],
                "trop courant"
            ),
            (
                [
                    "current": "correct horse battery staple", "new": "une tisane au parc du dimanche",
                    "confirmation": "autre chose",
                ], "La confirmation ne correspond pas"
            ),
        ])
    func refusals(_ form: [String: String], _ message: String) async throws {
        try await withRelaisApp { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            let response = try await browser.post("/compte/mot-de-passe", form: form)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(message))
            #expect(try await app.store.audit.entries(.init(action: .passwordChanged)).isEmpty)
            #expect(
                try await TestBrowser(app).signIn(email: account.user.email, password: account.password).status
                    == .seeOther)
        }
    }

    @Test("a good change takes effect, closes other sessions and is audited", arguments: TestDatabase.available)
    func change(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let account = try await app.makeAccount(role: .dispatcher)
            let phone = TestBrowser(app)
            try await phone.signIn(email: account.user.email, password: account.password)
            let desk = TestBrowser(app)
            try await desk.signIn(email: account.user.email, password: account.password)
            let newPassword = "une tisane au parc du dimanche"
            let response = try await desk.post(
                "/compte/mot-de-passe",
                form: ["current": account.password, "new": newPassword, "confirmation": newPassword])
            #expect(response.location == "/compte?avis=password_changed")
            #expect(try await desk.get("/compte").status == .ok, "this browser stays signed in")
            #expect(try await phone.get("/compte").status == .seeOther, "the other browser is signed out")
            #expect(
                try await TestBrowser(app).signIn(email: account.user.email, password: account.password).status
                    == .unauthorized)
            #expect(
                try await TestBrowser(app).signIn(email: account.user.email, password: newPassword).status == .seeOther)
            #expect(try await app.store.audit.entries(.init(action: .passwordChanged)).count == 1)
        }
    }
}
