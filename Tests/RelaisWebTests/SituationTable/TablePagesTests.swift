import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Situation table: the four filters through the pages and the API", .tags(.web, .database))
struct TablePagesTests {
    @Test(
        "accepted: the table sees no identity, the agencies present the minimal one, the intervening ones all of it",
        arguments: TestDatabase.available)
    func accepted(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await TableScene(app)
            let id = try await scene.bringSituation(app)
            // filter 1: the police see the identity they recorded; until brought, nobody else sees the situation
            let own = try await scene.police.get("/table/situations/\(id)")
            #expect(own.text.contains("Ana") && own.text.contains("Roy") && own.text.contains("12 rue Elm"))

            try await scene.recordAttendance()
            // filter 2: the agenda without identity, in the page and the API
            let agenda = try await scene.health.get("/table/reunions/\(scene.meeting.id)")
            #expect(agenda.status == .ok)
            #expect(agenda.text.contains("Jeune adulte menacée d&#39;expulsion."))
            #expect(!agenda.text.contains("Ana") && !agenda.text.contains("Roy"))
            let api = APIClient(app, token: try await app.makeToken(for: scene.representatives["health"]!.user))
            let answer = try await api.get("/api/v1/table/situations/\(id)")
            #expect(answer.status == .ok)
            #expect(try answer.json()["identityLevel"] as? String == "none")
            #expect(!answer.text.contains("Ana") && !answer.text.contains("2004-03-02"))

            // votes: once per agency present, never by an absent one
            let absent = try await scene.justice.post(
                "/table/situations/\(id)/vote", form: ["meets": "yes", "back": "/table/reunions/\(scene.meeting.id)"])
            #expect(absent.status == .conflict)
            #expect(absent.text.contains("pas inscrit comme présent"))
            try await scene.vote(id, meets: true)
            let again = try await scene.health.post("/table/situations/\(id)/vote", form: ["meets": "no"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("déjà voté"))
            #expect(try await app.store.situations.votes(id).values.allSatisfy { $0 })

            #expect(
                try await scene.chair.post("/table/situations/\(id)/decision", form: ["reason": "not_elevated"]).status
                    == .seeOther)
            // filter 3: the minimal identity to the agencies present with the agreement, each read audited
            #expect(try await scene.chair.post("/table/situations/\(id)/revelation", form: [:]).status == .seeOther)
            let revealed = try await scene.health.get("/table/reunions/\(scene.meeting.id)")
            #expect(revealed.text.contains("data-testid=\"identity-minimal\""))
            #expect(revealed.text.contains("Ana") && !revealed.text.contains("Roy"))
            let unsigned = try await scene.school.get("/table/reunions/\(scene.meeting.id)")
            #expect(!unsigned.text.contains("Ana"))
            #expect(unsigned.text.contains("data-testid=\"identity-withheld\""))
            #expect(!(try await scene.justice.get("/table/reunions/\(scene.meeting.id)")).text.contains("Ana"))
            let reads = try await app.store.audit.entries(.init(action: .personalInformationRead, limit: 200))
            #expect(
                reads.contains {
                    $0.actorUserID == scene.representatives["health"]!.user.id && $0.purpose == "table_reveal"
                })
            #expect(!reads.contains { $0.actorUserID == scene.representatives["school"]!.user.id })

            // filter 4: health leads, housing assists; only they (and the police) see the full identity
            let named = try await scene.chair.post(
                "/table/situations/\(id)/intervenants",
                form: [
                    "lead": scene.agencies["health"]!.description,
                    "assisting[0]": scene.agencies["housing"]!.description,
                ])
            #expect(named.status == .seeOther)
            for name in ["health", "housing"] {
                let page = try await (name == "health" ? scene.health : scene.housing).get("/table/situations/\(id)")
                #expect(page.text.contains("Roy") && page.text.contains("2004-03-02"), "\(name)")
            }
            for browser in [scene.school, scene.justice, scene.chair] {
                let page = try await browser.get("/table/situations/\(id)")
                #expect(page.status == .ok)
                #expect(!page.text.contains("Ana") && !page.text.contains("Roy"))
            }
            let housingAPI = APIClient(app, token: try await app.makeToken(for: scene.representatives["housing"]!.user))
            #expect(try await housingAPI.get("/api/v1/table/situations/\(id)").text.contains("Roy"))
            let justiceAPI = APIClient(app, token: try await app.makeToken(for: scene.representatives["justice"]!.user))
            let hidden = try await justiceAPI.get("/api/v1/table/meetings/\(scene.meeting.id)/agenda")
            #expect(hidden.status == .ok && !hidden.text.contains("Ana") && !hidden.text.contains("Roy"))

            // the lead reports back; the chair concludes; the chair sees the history, never the identity
            let today = DateFormatter()
            today.dateFormat = "yyyy-MM-dd"
            today.timeZone = app.relais.config.timeZone
            let reported = try await scene.health.post(
                "/table/situations/\(id)/rapport",
                form: [
                    "firstInterventionAt": today.string(from: app.store.now), "services": "Visite à domicile conjointe",
                    "meetingId": scene.meeting.id.description,
                ])
            #expect(reported.status == .seeOther)
            let concluded = try await scene.chair.post(
                "/table/situations/\(id)/conclusion", form: ["conclusion": "risk_lowered"])
            #expect(concluded.status == .seeOther)
            let history = try await scene.chair.get("/table/situations/\(id)")
            for label in [
                "Situation ouverte", "Vote d&#39;un organisme", "Identité minimale révélée", "Situation conclue",
            ] {
                #expect(history.text.contains(label), "\(label)")
            }
            #expect(history.text.contains("Risque diminué") && !history.text.contains("Roy"))
            // after the conclusion, the intervening agencies no longer see the identity
            #expect(!(try await scene.housing.get("/table/situations/\(id)")).text.contains("Roy"))
        }
    }

    @Test(
        "voted down: redacted at once — the database keeps no risk factor, summary or identity",
        arguments: TestDatabase.available)
    func rejected(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let scene = try await TableScene(app)
            let id = try await scene.bringSituation(app, summary: "Résumé à effacer")
            try await scene.recordAttendance()
            try await scene.vote(id, meets: false)
            let decided = try await scene.chair.post(
                "/table/situations/\(id)/decision", form: ["reason": "single_agency"])
            #expect(decided.status == .seeOther)
            let sql = try #require(app.store.database as? any SQLDatabase)
            #expect(try await sql.raw("SELECT * FROM situation_factors").all().isEmpty)
            #expect(try await sql.raw("SELECT * FROM situation_identities").all().isEmpty)
            let row = try #require(try await sql.raw("SELECT * FROM situations").first())
            #expect(try row.decode(column: "summary_sealed", as: String?.self) == nil)
            #expect(try row.decode(column: "rejection_reason", as: String?.self) == "single_agency")
            let page = try await scene.police.get("/table/situations/\(id)")
            #expect(page.text.contains("description supprimée") && !page.text.contains("Résumé à effacer"))
            #expect(!page.text.contains("Ana"))
            let export = try await scene.chair.get("/table/tendances/rtd.csv")
            #expect(export.status == .ok)
            #expect(export.text.contains(",no,single_agency,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A"))
        }
    }

    @Test("a step out of turn or with bad input is refused with its reason, and changes nothing")
    func refusals() async throws {
        try await withRelaisApp { app in
            let scene = try await TableScene(app)
            let empty = try await scene.police.post("/table/situations", form: ["summary": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Choisissez qui la situation concerne."))
            #expect(empty.text.contains("Indiquez au moins une personne."))
            #expect(empty.text.contains("Personne 2") && empty.text.contains("name=\"firstName[]\""))
            let sql = try #require(app.store.database as? any SQLDatabase)
            #expect(try await sql.raw("SELECT * FROM situations").all().isEmpty)

            let id = try await scene.bringSituation(app)
            try await scene.recordAttendance()
            // the decision waits for every agency present
            let early = try await scene.chair.post("/table/situations/\(id)/decision", form: ["reason": "not_elevated"])
            #expect(early.status == .conflict)
            #expect(early.text.contains("Tous les organismes présents doivent avoir voté"))
            // no conclusion before filter 4; no skipped filter
            let conclusion = try await scene.chair.post(
                "/table/situations/\(id)/conclusion", form: ["conclusion": "risk_lowered"])
            #expect(conclusion.status == .conflict)
            #expect(conclusion.text.contains("Filtre 2 — à l&#39;ordre du jour"))
            try await scene.vote(id, meets: true)
            #expect(
                try await scene.chair.post("/table/situations/\(id)/decision", form: [:]).status == .seeOther)
            // a lead that was not at the table, an assisting agency without the agreement
            for (lead, assisting, text) in [
                ("justice", "housing", "doivent être présents à la table"),
                ("health", "school", "pas signé l&#39;entente"),
            ] {
                let refused = try await scene.chair.post(
                    "/table/situations/\(id)/intervenants",
                    form: [
                        "lead": scene.agencies[lead]!.description,
                        "assisting[0]": scene.agencies[assisting]!.description,
                    ])
                #expect(refused.status == .conflict || refused.status == .forbidden)
                #expect(refused.text.contains(text), "\(lead)")
            }
            #expect(try await app.store.situations.situation(id)?.stage == .accepted)
            // a representative may not run the meeting
            #expect(try await scene.health.post("/table/situations/\(id)/revelation", form: [:]).status == .forbidden)
            let withoutAssisting = try await scene.chair.post(
                "/table/situations/\(id)/intervenants", form: ["lead": scene.agencies["health"]!.description])
            #expect(withoutAssisting.status == .unprocessableEntity)
            #expect(withoutAssisting.text.contains("au moins un organisme en soutien"))
        }
    }

    @Test("who reaches which page: analysts read trends only; administrators keep the agencies, never a discussion")
    func rolesAndPages() async throws {
        try await withRelaisApp { app in
            let scene = try await TableScene(app)
            let id = try await scene.bringSituation(app)
            let expectations: [(Role, String, HTTPStatus)] = [
                (.analyst, "/table", .forbidden), (.analyst, "/table/tendances", .ok),
                (.analyst, "/table/situations/\(id)", .forbidden), (.analyst, "/table/tendances/rtd.csv", .forbidden),
                (.admin, "/table/agences", .ok), (.admin, "/table/situations/\(id)", .forbidden),
                (.admin, "/table/reunions/\(scene.meeting.id)", .forbidden), (.dispatcher, "/table", .forbidden),
                (.agencyRepresentative, "/table/tendances", .forbidden),
            ]
            for (role, path, status) in expectations {
                let account = try await app.makeAccount(role: role)
                let browser = TestBrowser(app)
                try await browser.signIn(email: account.user.email, password: account.password)
                #expect(try await browser.get(path).status == status, "\(role) \(path)")
            }
            #expect(try await scene.chair.get("/table/tendances/rtd.csv").status == .ok)
            #expect(try await scene.chair.get("/table/agences").status == .ok)
            #expect(try await scene.chair.post("/table/agences", form: [:]).status == .forbidden)
        }
    }

    @Test("each agency's calendar feed: iCalendar with the meetings only, behind its key")
    func calendar() async throws {
        try await withRelaisApp { app in
            let scene = try await TableScene(app)
            _ = try await scene.bringSituation(app)
            let home = try await scene.health.get("/table")
            let url = try #require(
                home.text.range(of: "/table/calendrier/[^\"]+", options: .regularExpression).map {
                    String(home.text[$0]).replacingOccurrences(of: "&amp;", with: "&")
                })
            let anonymous = TestBrowser(app)
            let feed = try await anonymous.get(url)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "calendar")
            #expect(feed.text.contains("BEGIN:VEVENT") && feed.text.contains("TZID=America/Toronto"))
            #expect(!feed.text.contains("2026-") || !feed.text.contains("expulsion"))
            let other = url.replacingOccurrences(
                of: scene.agencies["health"]!.description, with: scene.agencies["police"]!.description)
            #expect(try await anonymous.get(other).status == .notFound)
            #expect(try await anonymous.get(String(url.prefix { $0 != "?" })).status == .notFound)
        }
    }

    @Test("a meeting with an agenda cannot be cancelled; an empty one can, and the feed cancels it for calendars")
    func cancelMeeting() async throws {
        try await withRelaisApp { app in
            let scene = try await TableScene(app)
            _ = try await scene.bringSituation(app)
            let refused = try await scene.chair.post("/table/reunions/\(scene.meeting.id)/annulation", form: [:])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("amenez-les à une autre avant de l&#39;annuler"))
            let empty = try await app.store.meetings.create(
                series: TableSettings.series, kind: .regular,
                interval: DateInterval(start: app.store.now.addingTimeInterval(86_400), duration: 5_400), location: nil)
            #expect(try await scene.chair.post("/table/reunions/\(empty.id)/annulation", form: [:]).status == .seeOther)
            #expect(
                try await scene.health.post("/table/reunions/\(empty.id)/annulation", form: [:]).status == .forbidden)
            let home = try await scene.health.get("/table")
            let url = try #require(
                home.text.range(of: "/table/calendrier/[^\"]+", options: .regularExpression).map {
                    String(home.text[$0]).replacingOccurrences(of: "&amp;", with: "&")
                })
            let feed = try await TestBrowser(app).get(url).text
            let event = try #require(
                feed.components(separatedBy: "BEGIN:VEVENT").first { $0.contains(empty.id.description) })
            #expect(event.contains("STATUS:CANCELLED") && event.contains("SEQUENCE:1"))
            // the list of risk factors in use, for the agencies, as the import reads it
            let list = try await scene.health.get("/table/facteurs-de-risque.csv")
            #expect(list.status == .ok && list.text.hasPrefix(RiskTaxonomy.columns.joined(separator: ",")))
            #expect(try await scene.health.get("/table/facteurs-de-risque.json").text.contains("relais-default-1"))
        }
    }

    @Test("the retention job destroys a concluded situation's identity on time, and audits it")
    func retention() async throws {
        let clock = TestClock()
        try await withRelaisApp(options: TestAppOptions(clock: clock)) { app in
            let scene = try await TableScene(app)
            let id = try await scene.bringSituation(app)
            try await scene.recordAttendance()
            try await scene.vote(id, meets: true)
            _ = try await scene.chair.post("/table/situations/\(id)/decision", form: [:])
            _ = try await scene.chair.post(
                "/table/situations/\(id)/intervenants",
                form: [
                    "lead": scene.agencies["health"]!.description,
                    "assisting[0]": scene.agencies["police"]!.description,
                ])
            // a day that is not one is refused, and concludes nothing
            let garbled = try await scene.chair.post(
                "/table/situations/\(id)/conclusion", form: ["conclusion": "risk_lowered", "concludedOn": "2026-02-30"])
            #expect(garbled.status == .unprocessableEntity)
            #expect(garbled.text.contains("La date de conclusion doit être passée"))
            #expect(try await app.store.situations.situation(id)?.stage == .intervening)
            _ = try await scene.chair.post("/table/situations/\(id)/conclusion", form: ["conclusion": "risk_lowered"])
            #expect(try await app.store.situations.situation(id)?.stage == .concluded)
            let upkeep = TableUpkeep(
                store: app.store, settings: app.relais.table.settings, timeZone: app.relais.config.timeZone)
            clock.advance(by: Double(SituationRules.defaultRetentionDays - 1) * 86_400)
            let reader = Reader(app.actor(scene.representatives["police"]!.user), for: .originatingAgency)
            #expect(try await upkeep.destroyDueIdentities() == 0)
            #expect(try await app.store.situations.identity(of: id, by: reader)?.people.first?.lastName == "Roy")
            clock.advance(by: 86_400)
            #expect(try await upkeep.destroyDueIdentities() == 1)
            #expect(try await app.store.situations.identity(of: id, by: reader) == nil)
            #expect(try await app.store.situations.situation(id)?.identityDestroyedAt == app.store.now)
            let entries = try await app.store.audit.entries(.init(action: .situationIdentityDestroyed))
            #expect(entries.map(\.resourceID) == [id.description])
        }
    }
}

@Suite("Situation table: trends withhold small cells", .tags(.web, .database))
struct TableTrendsTests {
    @Test("a subject counted twice is withheld, and so is another, so the total minus the rest cannot give it back")
    func smallCellNotRecoverable() async throws {
        try await withRelaisApp { app in
            let scene = try await TableScene(app)
            let store = app.store
            let police = try #require(try await store.tableAgencies.byOrganisation()[scene.agencies["police"]!])
            let counts: [SubjectType: Int] = [.individual: 12, .family: 2, .group: 7, .location: 6]
            for (subject, count) in counts {
                for _ in 0..<count {
                    var situation = try await store.situations.open(
                        SituationDescription(
                            subject: subject, riskFactors: ["drugs.use"], ageCohorts: [.from25To29], genders: [.man],
                            summary: "—"),
                        identity: SituationIdentity(
                            people: [.init(firstName: "X", lastName: nil, birthDate: nil)], place: nil),
                        agency: police, by: scene.representatives["police"]!.user.id, taxonomy: .relaisDefault,
                        timeZone: app.relais.config.timeZone)
                    try SituationRules.bring(&situation, to: scene.meeting, by: police.organisationID, now: store.now)
                    try await store.situations.save(situation, from: .opened)
                }
            }
            let analyst = try await app.makeAccount(role: .analyst)
            let browser = TestBrowser(app)
            try await browser.signIn(email: analyst.user.email, password: analyst.password)
            let page = try await browser.get("/table/tendances")
            #expect(page.status == .ok)
            let table = try #require(
                page.text.range(of: #"data-testid="chart-subjects"[\s\S]*?</table>"#, options: .regularExpression)
                    .map { String(page.text[$0]) })
            let cells = table.matches(of: /<td class="number">([^<]*)<\/td>/).map { String($0.output.1) }
            // four subjects and the total: the family's 2 and the next smallest (6) are withheld, the total shown
            #expect(cells.count == 5)
            #expect(cells.filter { $0 == "&lt; seuil" }.count == 2)
            #expect(!cells.contains("2") && cells.contains("12") && cells.contains("27"))
            #expect(!page.text.contains(">2<"))
        }
    }
}
