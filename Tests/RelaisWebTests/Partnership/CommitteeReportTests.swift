import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Committees: minutes, follow-up and the annual report", .tags(.database))
struct CommitteeReportTests {
    static var options: TestAppOptions { TestAppOptions(clock: TestClock(CommitteeScene.wednesdayMorning)) }

    @Test(
        "minutes with a concern and an action; the report counts them, withholds small counts, and is public once published",
        arguments: TestDatabase.available)
    func minutesAndReport(_ engine: TestDatabase) async throws {
        let clock = TestClock(CommitteeScene.wednesdayMorning)
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await CommitteeScene(app)
            let id = try await scene.plan(CommitteeScene.meeting(day: "2026-11-26"))
            let early = try await scene.coordinator.post(
                "/comites/reunions/\(id)/compte-rendu", form: ["residents": "12", "security": "Fraudes"])
            #expect(early.status == .conflict)
            clock.advance(by: 2 * 86_400)
            let coordinator = TestBrowser(app)
            try await coordinator.signIn(
                email: scene.coordinatorAccount.user.email, password: scene.coordinatorAccount.password)
            _ = try await coordinator.get("/comites/reunions/\(id)")
            let badMinutes = try await coordinator.post(
                "/comites/reunions/\(id)/compte-rendu", form: ["residents": "-4"])
            #expect(badMinutes.status == .unprocessableEntity)
            #expect(
                try await coordinator.post(
                    "/comites/reunions/\(id)/compte-rendu",
                    form: [
                        "residents": "12", "organisations": "Carrefour\nMaison de la famille", "security": "Fraudes",
                    ]
                ).status == .seeOther)
            for _ in 0..<6 {
                #expect(
                    try await coordinator.post(
                        "/comites/reunions/\(id)/preoccupations",
                        form: ["theme": "security", "community": "seniors", "summary": "Fraude téléphonique"]
                    ).status == .seeOther)
            }
            _ = try await coordinator.post(
                "/comites/reunions/\(id)/preoccupations",
                form: ["theme": "relations", "community": "seniors", "summary": "Interprètes"])
            let badAction = try await coordinator.post(
                "/comites/reunions/\(id)/actions", form: ["what": "", "owner": "PDQ 38", "due": "demain"])
            #expect(badAction.status == .unprocessableEntity && badAction.text.contains("id=\"err-due\""))
            #expect(
                try await coordinator.post(
                    "/comites/reunions/\(id)/actions",
                    form: ["what": "Séance d'information sur la fraude", "owner": "PDQ 38", "due": "2027-01-31"]
                ).status == .seeOther)
            let meeting = try await coordinator.get("/comites/reunions/\(id)")
            #expect(meeting.text.contains("Présences : 0 membre(s), 12 résident·e(s)"))
            #expect(meeting.text.contains("Séance d&#39;information sur la fraude"))
            // the follow-up page carries the action until done
            let followUp = try await coordinator.get("/comites/suivi")
            #expect(
                followUp.text.contains("Séance d&#39;information sur la fraude")
                    && followUp.text.contains("Interprètes"))
            // the report: 7 concerns; the relations one is withheld, and so is its complement
            #expect(try await TestBrowser(app).get("/comites/rapport/2026").status == .notFound)
            let report = try await coordinator.get("/comites/rapport/2026")
            #expect(report.status == .ok && report.text.contains("data-testid=\"needs-total\">7<"))
            #expect(report.text.contains("masqué"))
            let needs = try #require(
                report.text.components(separatedBy: "data-testid=\"needs\"").last?
                    .components(separatedBy: "</table>").first)
            #expect(!needs.contains(">1</td>") && !needs.contains(">6</td>"))
            _ = try await coordinator.post("/comites/rapport/2026/publication", form: [:])
            let list = try await TestBrowser(app).get("/comites/rencontres")
            #expect(list.text.contains("href=\"/comites/rapport/2026\""))
            let published = try await TestBrowser(app).get("/comites/rapport/2026")
            #expect(published.status == .ok && published.text.contains("data-testid=\"needs-total\">7<"))
        }
    }

    @Test("the report adds the mediation team's requests of the year, by situation and borough, small counts withheld")
    func otherProgrammes() async throws {
        try await withRelaisApp(.sqlite, options: Self.options) { app in
            let scene = try await CommitteeScene(app)
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let client = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
            for index in 0..<8 {
                let situation = index < 6 ? "conflict_between_people" : "person_in_distress"
                let json = intakeJSON().replacingOccurrences(of: "conflict_between_people", with: situation)
                #expect(try await client.post("/api/v1/service-requests", json: json).status == .created)
            }
            let report = try await scene.coordinator.get("/comites/rapport/2026")
            let situations = try #require(
                report.text.components(separatedBy: "data-testid=\"chart-mediation-situations\"").last?
                    .components(separatedBy: "</table>").first)
            // 6 and 2: the 2 is withheld, and so is the 6 (the total of 8 would give it back)
            #expect(
                situations.contains(">8</td>") && !situations.contains(">6</td>") && !situations.contains(">2</td>"))
            let boroughs = try #require(
                report.text.components(separatedBy: "data-testid=\"chart-mediation-boroughs\"").last?
                    .components(separatedBy: "</table>").first)
            #expect(boroughs.contains("Ville-Marie") && boroughs.contains(">8</td>"))
            #expect(report.text.contains("Équipe mobile de médiation : demandes reçues en 2026"))
            #expect(!(try await scene.coordinator.get("/comites/rapport/2025")).text.contains("chart-mediation"))
        }
    }
}
