import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Committees: registration to open meetings", .tags(.database))
struct CommitteeRegistrationTests {
    static var options: TestAppOptions { TestAppOptions(clock: TestClock(CommitteeScene.wednesdayMorning)) }

    @Test(
        "a resident registers from the public page, lands on the waiting list when full, and moves up when a seat is cancelled",
        arguments: TestDatabase.available)
    func registration(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            let id = try await scene.plan(CommitteeScene.meeting(day: "2026-12-16", capacity: "1"))
            try await CommitteeScene.clearOutbox(app)
            let first = TestBrowser(app)
            let page = try await first.get("/comites/rencontres/\(id)")
            #expect(page.status == .ok && page.text.contains("Places restantes : 1"))
            #expect(page.text.contains("1033, rue Rachel Est, Montréal"))
            let bad = try await first.post("/comites/rencontres/\(id)", form: ["name": "", "email": "x"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"err-email\""))
            #expect(try await CommitteeScene.count(app, "meeting_registrations") == 0)
            let registered = try await first.post(
                "/comites/rencontres/\(id)", form: ["name": "Rosa Côté", "email": "rosa@example.org"])
            #expect(registered.location?.hasSuffix("avis=committees.registered") == true)
            let twice = try await first.post(
                "/comites/rencontres/\(id)", form: ["name": "Rosa Côté", "email": "rosa@example.org"])
            #expect(twice.status == .conflict)
            // the public list says the hall is full (the seats of every open meeting counted in one query)
            #expect(
                try await TestBrowser(app).get("/comites/rencontres").text.contains("complet (liste d&#39;attente)"))
            let second = TestBrowser(app)
            let full = try await second.get("/comites/rencontres/\(id)")
            #expect(full.text.contains("data-testid=\"full\""))
            let waiting = try await second.post(
                "/comites/rencontres/\(id)", form: ["name": "Marc Lavoie", "email": "marc@example.org"])
            #expect(waiting.location?.hasSuffix("avis=committees.waiting") == true)
            var mails = try await CommitteeScene.mails(app)
            #expect(
                mails.map(\.message.subject) == [
                    "Inscription confirmée : Comité aînés", "Liste d'attente : Comité aînés",
                ])
            #expect(mails[0].message.calendar?.method == "REQUEST" && mails[1].message.calendar == nil)
            // the first cancels through the link of her e-mail: the second moves up and is told
            let link = try #require(
                mails[0].message.text.split(separator: "\n").first { $0.contains("/comites/inscriptions/") })
            let path = String(link[link.range(of: "/comites/inscriptions/")!.lowerBound...])
            try await CommitteeScene.clearOutbox(app)
            let cancelPage = try await first.get(path)
            #expect(cancelPage.status == .ok)
            #expect(try await first.post(path, form: [:]).status == .seeOther)
            mails = try await CommitteeScene.mails(app)
            #expect(mails.map(\.message.to) == ["marc@example.org"])
            #expect(mails[0].message.calendar?.method == "REQUEST")
            let counts = try await app.store.committeeMeetings.counts(id)
            #expect(counts.registered == 1 && counts.waiting == 0)
            #expect(try await first.get("/comites/inscriptions/0123456789abcdef0123456789abcdef").status == .notFound)
            // the coordinator sees who registered (an audited read)
            let meeting = try await scene.coordinator.get("/comites/reunions/\(id)")
            #expect(meeting.text.contains("Marc Lavoie") && meeting.text.contains("1 inscrit·e·s sur 1 places"))
        }
    }

    @Test("one network address cannot fill the hall: the seventh registration in the hour is refused with 429")
    func registrationFlood() async throws {
        try await withRelaisApp(.sqlite, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            let id = try await scene.plan(CommitteeScene.meeting(day: "2026-12-16", capacity: "50"))
            let robot = TestBrowser(app)
            _ = try await robot.get("/comites/rencontres/\(id)")
            for index in 0..<RegistrationRules.addressLimit {
                let sent = try await robot.post(
                    "/comites/rencontres/\(id)", form: ["name": "Personne \(index)", "email": "p\(index)@example.org"])
                #expect(sent.status == .seeOther)
            }
            let refused = try await robot.post(
                "/comites/rencontres/\(id)", form: ["name": "Encore", "email": "encore@example.org"])
            #expect(refused.status == .tooManyRequests && refused.text.contains("Trop d&#39;inscriptions"))
            #expect(try await app.store.committeeMeetings.counts(id).registered == RegistrationRules.addressLimit)
            // a robot that fills the hidden field is answered as if registered; nothing is kept
            let other = TestBrowser(app)
            _ = try await other.get("/comites/rencontres/\(id)")
            let trapped = try await other.post(
                "/comites/rencontres/\(id)",
                form: ["name": "Robot", "email": "robot@example.org", "website": "http://spam.example"])
            #expect(trapped.status == .seeOther)
            #expect(try await CommitteeScene.count(app, "meeting_registrations") == RegistrationRules.addressLimit)
        }
    }
}
