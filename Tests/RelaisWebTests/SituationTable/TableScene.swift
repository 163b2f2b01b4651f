import Foundation
import RelaisCore
import RelaisTestSupport
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// A situation table with four agencies present at a meeting — police, health and housing with the agreement, a
/// school without — a justice agency absent, each with a representative signed in, and the chair.
struct TableScene {
    let police: TestBrowser
    let health: TestBrowser
    let housing: TestBrowser
    let school: TestBrowser
    let justice: TestBrowser
    let chair: TestBrowser
    let agencies: [String: Organisation.ID]
    let representatives: [String: TestAccount]
    let meeting: Meeting

    static let names = ["police", "health", "housing", "school", "justice"]

    init(_ app: Application) async throws {
        let store = app.store
        var agencies: [String: Organisation.ID] = [:]
        var representatives: [String: TestAccount] = [:]
        var browsers: [String: TestBrowser] = [:]
        let sectors: [String: AgencySector] = [
            "police": .police, "health": .health, "housing": .housing, "school": .education, "justice": .justice,
        ]
        for name in Self.names {
            let account = try await app.makeAccount(
                role: .agencyRepresentative, email: "\(name)@table.test", organisation: "Agence \(name)", kind: .agency)
            let organisation = account.user.organisationID
            try await store.tableAgencies.save(
                organisation, sector: sectors[name]!,
                agreementSignedOn: name == "school" ? nil : store.now.addingTimeInterval(-86_400))
            agencies[name] = organisation
            representatives[name] = account
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            browsers[name] = browser
        }
        let chairAccount = try await app.makeAccount(
            role: .tableChair, email: "chair@table.test", organisation: "Table de Sudbury", kind: .agency)
        let chair = TestBrowser(app)
        try await chair.signIn(email: chairAccount.user.email, password: chairAccount.password)
        meeting = try await store.meetings.create(
            series: TableSettings.series, kind: .regular,
            interval: DateInterval(start: store.now.addingTimeInterval(3_600), duration: 5_400), location: "Salle A")
        self.agencies = agencies
        self.representatives = representatives
        police = browsers["police"]!
        health = browsers["health"]!
        housing = browsers["housing"]!
        school = browsers["school"]!
        justice = browsers["justice"]!
        self.chair = chair
    }

    /// The police open a situation about Ana Roy, born 2004-03-02, and bring it to the meeting.
    func bringSituation(_ app: Application, summary: String = "Jeune adulte menacée d'expulsion.") async throws
        -> Situation.ID
    {
        let opened = try await police.post(
            "/table/situations",
            form: [
                "subject": "individual", "riskFactors[0]": "housing.eviction",
                "riskFactors[1]": "mental_health.diagnosed", "ageCohorts[0]": "18-24", "genders[0]": "woman",
                "summary": summary, "firstName[0]": "Ana", "lastName[0]": "Roy", "birthDate[0]": "2004-03-02",
                "place": "12 rue Elm",
            ])
        guard opened.status == .seeOther, let location = opened.location,
            let id = Situation.ID(String(location.dropFirst("/table/situations/".count).prefix(36)))
        else { throw Abort(.internalServerError, reason: "not opened: \(opened.status) \(opened.text.prefix(400))") }
        let brought = try await police.post(
            "/table/situations/\(id)/inscription", form: ["meetingId": meeting.id.description])
        guard brought.status == .seeOther else { throw Abort(.internalServerError, reason: "not brought") }
        return id
    }

    /// The chair records who is present: every agency but justice.
    func recordAttendance() async throws {
        var form: [String: String] = [:]
        for (index, name) in ["police", "health", "housing", "school"].enumerated() {
            form["present[\(index)]"] = agencies[name]!.description
        }
        let recorded = try await chair.post("/table/reunions/\(meeting.id)/presences", form: form)
        guard recorded.status == .seeOther else { throw Abort(.internalServerError, reason: "attendance") }
    }

    /// Each agency present votes.
    func vote(_ id: Situation.ID, meets: Bool, back: Bool = true) async throws {
        for browser in [police, health, housing, school] {
            let voted = try await browser.post(
                "/table/situations/\(id)/vote",
                form: ["meets": meets ? "yes" : "no", "back": "/table/reunions/\(meeting.id)"])
            guard voted.status == .seeOther else { throw Abort(.internalServerError, reason: "vote \(voted.status)") }
        }
    }
}
