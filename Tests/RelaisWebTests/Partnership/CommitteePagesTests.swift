import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Committees: members, meetings, invitations and who sees what", .tags(.database))
struct CommitteePagesTests {
    static var options: TestAppOptions { TestAppOptions(clock: TestClock(CommitteeScene.wednesdayMorning)) }

    @Test(
        "a coordinator adds a member, renews the term once, and is refused a third partnership term and an overlapping one",
        arguments: TestDatabase.available)
    func terms(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            let page = try await scene.coordinator.get("/comites/aines")
            #expect(page.status == .ok && page.text.contains("3 ans, renouvelable une fois"))
            let added = try await scene.coordinator.post(
                "/comites/aines/membres",
                form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org", start: "2020-01-01"))
            #expect(added.status == .seeOther)
            var mandates = try await app.store.committees.mandates(committees: [scene.seniors.id])
            #expect(mandates.map(\.endsOn) == ["2022-12-31"])
            // a past first term: renew it (the second runs 2023–2025), then again: refused, nothing written
            #expect(
                try await scene.coordinator.post("/comites/aines/mandats/\(mandates[0].id)/renouvellement", form: [:])
                    .status == .seeOther)
            mandates = try await app.store.committees.mandates(committees: [scene.seniors.id])
            #expect(mandates.map(\.number) == [1, 2] && mandates[1].endsOn == "2025-12-31")
            let third = try await scene.coordinator.post(
                "/comites/aines/mandats/\(mandates[1].id)/renouvellement", form: [:])
            #expect(third.status == .conflict && third.text.contains("ce serait un troisième mandat"))
            #expect(try await app.store.committees.mandates(committees: [scene.seniors.id]).count == 2)
            // the same person (found by e-mail) again in 2024: overlapping
            let overlapping = try await scene.coordinator.post(
                "/comites/aines/membres",
                form: CommitteeScene.member("Rosa Côté", email: "ROSA@example.org", start: "2024-06-01"))
            #expect(overlapping.status == .conflict && overlapping.text.contains("déjà un mandat à ce comité"))
            // a new member now: the page names them (an audited read) with their contact
            _ = try await scene.coordinator.post(
                "/comites/aines/membres", form: CommitteeScene.member("Kwame Mensah", email: "kwame@example.org"))
            let members = try await scene.coordinator.get("/comites/aines")
            #expect(members.text.contains("Kwame Mensah") && members.text.contains("kwame@example.org"))
            #expect(members.text.contains("Sièges vacants : 9"))
            // bad input: each field named, nothing added
            let before = try await CommitteeScene.count(app, "committee_members")
            let bad = try await scene.coordinator.post(
                "/comites/aines/membres",
                form: [
                    "name": "", "email": "pas une adresse", "origin": "", "side": "neither", "position": "king",
                    "start": "1900-01-01",
                ])
            #expect(bad.status == .unprocessableEntity)
            for field in ["name", "email", "origin", "start"] { #expect(bad.text.contains("id=\"err-\(field)\"")) }
            #expect(try await CommitteeScene.count(app, "committee_members") == before)
        }
    }

    @Test(
        "a meeting planned in a station refuses a second at the same time there; invitations carry an iCalendar request, a change its update, a cancellation its CANCEL",
        arguments: TestDatabase.available)
    func invitations(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            _ = try await scene.coordinator.post(
                "/comites/aines/membres", form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org"))
            let id = try await scene.plan(CommitteeScene.meeting(day: "2026-12-16"))
            let taken = try await scene.coordinator.post(
                "/comites/strategique/reunions", form: CommitteeScene.meeting(day: "2026-12-16", start: "19:00"))
            #expect(taken.status == .conflict && taken.text.contains("déjà prévue dans ce poste de quartier"))
            _ = try await scene.plan(
                CommitteeScene.meeting(day: "2026-12-16", start: "19:00", station: "21"), committee: "strategique")
            let past = try await scene.coordinator.post(
                "/comites/aines/reunions", form: CommitteeScene.meeting(day: "2026-11-01"))
            #expect(past.status == .unprocessableEntity && past.text.contains("id=\"err-day\""))
            try await CommitteeScene.clearOutbox(app)
            // invitations: the member and a target organisation, each with the request
            _ = try await scene.coordinator.get("/comites/reunions/\(id)")
            let badInvitees = try await scene.coordinator.post(
                "/comites/reunions/\(id)/invitations", form: ["invitees": "info@carrefour.org\nnot an address"])
            #expect(badInvitees.status == .unprocessableEntity)
            #expect(try await CommitteeScene.mails(app).isEmpty)
            let sent = try await scene.coordinator.post(
                "/comites/reunions/\(id)/invitations", form: ["invitees": "info@carrefour.org"])
            #expect(sent.status == .seeOther)
            var mails = try await CommitteeScene.mails(app)
            #expect(Set(mails.map(\.message.to)) == ["rosa@example.org", "info@carrefour.org"])
            let request = try #require(mails.first?.message.calendar)
            #expect(request.method == "REQUEST" && request.document.contains("METHOD:REQUEST"))
            #expect(request.document.contains("DTSTART;TZID=America/Toronto:20261216T183000"))
            #expect(request.document.contains("SEQUENCE:0") && request.document.contains("1033\\, rue Rachel Est"))
            // moved: the update goes to the same people, SEQUENCE 1
            try await CommitteeScene.clearOutbox(app)
            let moved = try await scene.coordinator.post(
                "/comites/reunions/\(id)/horaire", form: ["day": "2026-12-17", "start": "18:00", "minutes": "90"])
            #expect(moved.status == .seeOther)
            mails = try await CommitteeScene.mails(app)
            #expect(Set(mails.map(\.message.to)) == ["rosa@example.org", "info@carrefour.org"])
            #expect(mails.allSatisfy { $0.message.calendar?.document.contains("SEQUENCE:1") == true })
            #expect(mails[0].message.subject.hasPrefix("Changement"))
            // cancelled: CANCEL, SEQUENCE 2
            try await CommitteeScene.clearOutbox(app)
            #expect(
                try await scene.coordinator.post("/comites/reunions/\(id)/annulation", form: [:]).status == .seeOther)
            mails = try await CommitteeScene.mails(app)
            #expect(mails.count == 2)
            #expect(
                mails.allSatisfy {
                    $0.message.calendar?.method == "CANCEL"
                        && $0.message.calendar?.document.contains("SEQUENCE:2") == true
                        && $0.message.calendar?.document.contains("STATUS:CANCELLED") == true
                })
            let again = try await scene.coordinator.post("/comites/reunions/\(id)/annulation", form: [:])
            #expect(again.status == .conflict)
            // the committee's public feed keeps the cancellation; a meeting not open to the public is not in it
            let feed = try await TestBrowser(app).get("/comites/calendriers/aines.ics")
            #expect(feed.status == .ok && feed.text.contains("STATUS:CANCELLED") && feed.text.contains("UID:\(id)@"))
            var closed = CommitteeScene.meeting(day: "2026-12-20")
            closed["open"] = nil
            let closedID = try await scene.plan(closed)
            #expect(!(try await TestBrowser(app).get("/comites/calendriers/aines.ics")).text.contains("\(closedID)"))
            #expect(try await TestBrowser(app).get("/comites/rencontres/\(closedID)").status == .notFound)
        }
    }

    @Test(
        "who sees what: a member sees their committee without names; others are refused",
        arguments: [TestDatabase.sqlite])
    func access(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            _ = try await scene.coordinator.post(
                "/comites/aines/membres", form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org"))
            _ = try await scene.coordinator.post(
                "/comites/aines/membres", form: CommitteeScene.member("Kwame Mensah", email: "kwame@example.org"))
            // her account is made after she was added: found by its e-mail and linked at her first visit
            let memberAccount = try await app.makeAccount(
                role: .committeeMember, email: "rosa@example.org", organisation: CommitteeScene.service,
                kind: .policeService)
            let member = TestBrowser(app)
            try await member.signIn(email: memberAccount.user.email, password: memberAccount.password)
            let list = try await member.get("/comites")
            #expect(
                list.status == .ok && list.text.contains("Comité aînés") && !list.text.contains("Comité stratégique"))
            let page = try await member.get("/comites/aines")
            #expect(page.status == .ok && !page.text.contains("Kwame") && !page.text.contains("kwame@example.org"))
            #expect(try await member.get("/comites/strategique").status == .forbidden)
            #expect(
                try await member.post(
                    "/comites/aines/membres", form: CommitteeScene.member("X", email: "x@example.org")
                )
                .status == .forbidden)
            #expect(try await member.get("/comites/delegues").status == .forbidden)
            // the follow-up: their committee's; once on the strategic committee, every committee's
            let own = try await member.get("/comites/suivi")
            #expect(
                own.status == .ok && own.text.contains("value=\"aines\"") && !own.text.contains("value=\"strategique\"")
            )
            _ = try await scene.coordinator.get("/comites/strategique")
            _ = try await scene.coordinator.post(
                "/comites/strategique/membres", form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org"))
            let all = try await member.get("/comites/suivi")
            #expect(all.text.contains("value=\"aines\"") && all.text.contains("value=\"strategique\""))
            let officer = try await app.makeAccount(
                role: .sectorOfficer, email: "agent@spvm.test", organisation: CommitteeScene.service,
                kind: .policeService)
            let other = TestBrowser(app)
            try await other.signIn(email: officer.user.email, password: officer.password)
            #expect(try await other.get("/comites").status == .forbidden)
            #expect(try await other.get("/comites/aines").status == .forbidden)
        }
    }

    @Test(
        "the delegates' pair: two civilians are refused; the committees without theirs are listed",
        arguments: [TestDatabase.sqlite])
    func delegates(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            for (index, (name, side)) in [
                ("Rosa Côté", "civilian"), ("Marc Lavoie", "civilian"), ("Sgt Kwame Mensah", "police"),
            ].enumerated() {
                _ = try await scene.coordinator.post(
                    "/comites/aines/membres",
                    form: CommitteeScene.member(name, email: "m\(index)@example.org", side: side))
            }
            let page = try await scene.coordinator.get("/comites/delegues")
            #expect(page.text.contains("Pas encore nommés") && page.text.contains("Comité aînés"))
            let members = try await app.store.committees.memberSummaries(
                try await app.store.committees.mandates(committees: [scene.seniors.id]).map(\.memberID))
            let civilians = members.filter { $0.side == .civilian }.map(\.id.description)
            let police = try #require(members.first { $0.side == .police }?.id.description)
            let refused = try await scene.coordinator.post(
                "/comites/delegues", form: ["committee": "aines", "first": civilians[0], "second": civilians[1]])
            #expect(
                refused.status == .unprocessableEntity
                    && refused.text.contains("un membre du service de police et un membre civil"))
            #expect(try await app.store.committeeWork.pairs(year: 2026).isEmpty)
            #expect(
                try await scene.coordinator.post(
                    "/comites/delegues", form: ["committee": "aines", "first": civilians[0], "second": police]
                ).status == .seeOther)
            #expect(try await app.store.committeeWork.pairs(year: 2026).count == 1)
            #expect(try await scene.coordinator.get("/comites/delegues").text.contains("Tous les comités ont nommé"))
        }
    }

    @Test(
        "a term ending within 90 days is reminded once, to the member and the coordinators",
        arguments: [TestDatabase.sqlite])
    func reminders(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            _ = try await scene.coordinator.post(
                "/comites/aines/membres",
                form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org", start: "2024-01-15"))
            _ = try await scene.coordinator.post(
                "/comites/aines/membres",
                form: CommitteeScene.member("Marc Lavoie", email: "marc@example.org", start: "2026-01-01"))
            try await CommitteeScene.clearOutbox(app)
            let reminders = TermReminders(store: app.store, services: app.relais)
            #expect(try await reminders.run() == 1)
            #expect(try await reminders.run() == 0)
            let mails = try await CommitteeScene.mails(app)
            #expect(Set(mails.map(\.message.to)) == ["rosa@example.org", "coordination@spvm.test"])
            #expect(mails.allSatisfy { $0.message.text.contains("2027-01-14") })
            let page = try await scene.coordinator.get("/comites/aines")
            #expect(page.text.contains("se termine bientôt"))
        }
    }

    @Test("a coordinator adds a local partnership and edits it; bad fields and a taken code change nothing")
    func describe() async throws {
        try await withRelaisApp(.sqlite, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/nouveau")
            let form = [
                "code": "partenariat-est", "kind": "local", "nameFrench": "Partenariat local Est",
                "nameEnglish": "East Local Partnership", "mandateFrench": "Sécurité du quartier",
                "mandateEnglish": "Neighbourhood safety", "themes[]": "security", "region": "Est", "stations[]": "23",
                "seats": "8",
            ]
            let made = try await scene.coordinator.post("/comites/nouveau", form: form)
            #expect(made.status == .seeOther && made.location?.hasPrefix("/comites/partenariat-est") == true)
            let committee = try #require(try await app.store.committees.committee(code: "partenariat-est"))
            #expect(committee.kind == .local && committee.stations == ["23"] && committee.themes == [.security])
            let taken = try await scene.coordinator.post("/comites/nouveau", form: form)
            #expect(taken.status == .unprocessableEntity && taken.text.contains("déjà pris"))
            var bad = form
            bad.merge(["code": "rapport", "kind": "secret", "stations[]": "999", "seats": "1000", "nameFrench": ""]) {
                $1
            }
            let refused = try await scene.coordinator.post("/comites/nouveau", form: bad)
            #expect(refused.status == .unprocessableEntity)
            for field in ["code", "name-fr", "stations", "seats"] {
                #expect(refused.text.contains("id=\"err-\(field)\""))
            }
            #expect(try await app.store.committees.committees().count == 3)
            var edited = form
            edited["seats"] = "12"
            edited["stations[]"] = "38"
            #expect(
                try await scene.coordinator.post("/comites/partenariat-est/modifier", form: edited).status == .seeOther)
            let saved = try #require(try await app.store.committees.committee(code: "partenariat-est"))
            #expect(saved.seats == 12 && saved.stations == ["38"] && saved.id == committee.id)
        }
    }

    @Test(
        "the strategic committee's joint meeting invites the partnership committees' members; its delegates' meeting the year's delegates",
        arguments: [TestDatabase.sqlite])
    func jointAndDelegates(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            for (name, email, side) in [
                ("Rosa Côté", "rosa@example.org", "civilian"), ("Sgt Kwame Mensah", "kwame@example.org", "police"),
                ("Ana Ortiz", "ana@example.org", "civilian"),
            ] {
                _ = try await scene.coordinator.post(
                    "/comites/aines/membres", form: CommitteeScene.member(name, email: email, side: side))
            }
            _ = try await scene.coordinator.post(
                "/comites/strategique/membres", form: CommitteeScene.member("Marc Lavoie", email: "marc@example.org"))
            let seated = try await app.store.committees.memberSummaries(
                try await app.store.committees.mandates(committees: [scene.seniors.id]).map(\.memberID))
            let rosa = try #require(
                try await app.store.committees.member(
                    email: "rosa@example.org", organisation: scene.seniors.organisationID))
            let kwame = try #require(seated.first { $0.side == .police })
            _ = try await scene.coordinator.get("/comites/delegues")
            _ = try await scene.coordinator.post(
                "/comites/delegues",
                form: ["committee": "aines", "first": rosa.id.description, "second": kwame.id.description])
            var form = CommitteeScene.meeting(day: "2026-12-10", station: "21")
            form["purpose"] = "joint"
            let joint = try await scene.plan(form, committee: "strategique")
            form["purpose"] = "delegates"
            form["day"] = "2026-12-11"
            let delegates = try await scene.plan(form, committee: "strategique")
            // a partnership committee holds no joint meeting of its own
            var refused = CommitteeScene.meeting(day: "2026-12-12")
            refused["purpose"] = "joint"
            #expect(
                try await scene.coordinator.post("/comites/aines/reunions", form: refused).status
                    == .unprocessableEntity)
            try await CommitteeScene.clearOutbox(app)
            _ = try await scene.coordinator.get("/comites/reunions/\(joint)")
            _ = try await scene.coordinator.post("/comites/reunions/\(joint)/invitations", form: ["invitees": ""])
            #expect(
                Set(try await CommitteeScene.mails(app).map(\.message.to))
                    == ["marc@example.org", "rosa@example.org", "kwame@example.org", "ana@example.org"])
            try await CommitteeScene.clearOutbox(app)
            _ = try await scene.coordinator.post("/comites/reunions/\(delegates)/invitations", form: ["invitees": ""])
            #expect(
                Set(try await CommitteeScene.mails(app).map(\.message.to))
                    == ["marc@example.org", "rosa@example.org", "kwame@example.org"])
        }
    }

    @Test("relais committees stations imports a police service's stations; a file that is not one changes nothing")
    func stationsCommand() async throws {
        try await withRelaisApp(.sqlite) { app in
            let file = CommitteeScene.root.appendingPathComponent("Resources/Demo/spvm-postes-de-quartier.geojson").path
            try await run(StationsImportCommand(), [file], on: app)
            #expect(try await app.store.committees.stations().count == 29)
            let bad = NSTemporaryDirectory() + "relais-stations-\(UUID()).geojson"
            try #"{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": null}]}"#
                .write(toFile: bad, atomically: true, encoding: .utf8)
            await #expect(throws: CommandFailure.self) { try await run(StationsImportCommand(), [bad], on: app) }
            #expect(try await app.store.committees.stations().count == 29)
        }
    }
}
