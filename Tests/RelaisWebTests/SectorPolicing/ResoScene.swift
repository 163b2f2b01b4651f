import Fluent
import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// The demo's 17 fictional sectors of the Longueuil agglomeration, a police service with a supervisor and two
/// officers (Brossard 1 on days, Brossard 2 in the evening, each the other's cover), each signed in, and a
/// resident's browser.
struct ResoScene {
    /// Wednesday 2026-11-25 at 10:00, Montréal time: Brossard 1's officer is on duty, Brossard 2's is not.
    static let wednesdayMorning = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00Z")!
    /// A point in Brossard 1 (inside its fictional strip), and one in Montréal.
    static let brossard1 = (45.4500, -73.5000)
    static let montreal = (45.5155, -73.5622)

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let supervisor: TestBrowser
    let supervisorAccount: TestAccount
    let day: TestBrowser
    let dayAccount: TestAccount
    let evening: TestBrowser
    let eveningAccount: TestAccount
    let resident: TestBrowser
    let dayOfficer: SectorOfficer.ID
    let eveningOfficer: SectorOfficer.ID

    init(_ app: Application) async throws {
        let sectors = try GeoJSONTerritories.read(
            try Data(
                contentsOf: Self.root.appendingPathComponent("Resources/Demo/longueuil-sectors-fictional.geojson")),
            level: .sector, codeProperty: "code", nameProperty: "nom", served: [], parentProperty: "ville")
        for sector in sectors { try await app.store.territories.save(sector) }
        let service = "Service de police de l'agglomération de Longueuil"
        supervisorAccount = try await app.makeAccount(
            role: .sectorSupervisor, email: "supervisor@spal.test", organisation: service, kind: .policeService)
        dayAccount = try await app.makeAccount(
            role: .sectorOfficer, email: "day@spal.test", organisation: service, kind: .policeService)
        eveningAccount = try await app.makeAccount(
            role: .sectorOfficer, email: "evening@spal.test", organisation: service, kind: .policeService,
            language: .english)
        func signedIn(_ account: TestAccount) async throws -> TestBrowser {
            let browser = TestBrowser(app)
            try await browser.signIn(email: account.user.email, password: account.password)
            return browser
        }
        supervisor = try await signedIn(supervisorAccount)
        day = try await signedIn(dayAccount)
        evening = try await signedIn(eveningAccount)
        resident = TestBrowser(app)
        var days: [String: String] = [:]
        for weekday in 0..<5 {
            days["start\(weekday)"] = "08:00"
            days["end\(weekday)"] = "16:00"
        }
        dayOfficer = try await Self.addOfficer(
            supervisor, name: "Agente Julie Tremblay", phone: "450 555-0101", sector: "BRO-1",
            account: dayAccount.user.id, duty: days)
        eveningOfficer = try await Self.addOfficer(
            supervisor, name: "Agent Karim Haddad", phone: "450 555-0102", sector: "BRO-2",
            account: eveningAccount.user.id, duty: ["start2": "14:00", "end2": "22:00"],
            cover: dayOfficer.description)
    }

    /// The supervisor adds an officer through the page; returns its id.
    static func addOfficer(
        _ supervisor: TestBrowser, name: String, phone: String, sector: String, account: User.ID?,
        duty: [String: String], cover: String = ""
    ) async throws -> SectorOfficer.ID {
        var form = [
            "name": name, "cellPhone": phone, "languages[0]": "fr", "languages[1]": "en", "sectorCode": sector,
            "userID": account?.description ?? "", "coverID": cover,
        ]
        form.merge(duty) { $1 }
        let saved = try await supervisor.post("/reso/agents/nouveau", form: form)
        guard saved.status == .seeOther, let location = saved.location,
            let id = SectorOfficer.ID(String(location.dropFirst("/reso/agents/".count).prefix(36)))
        else {
            throw Abort(.internalServerError, reason: "officer not saved: \(saved.status) \(saved.text.prefix(600))")
        }
        return id
    }

    static let safe = ["dangerNow": "no", "crimeNow": "no", "medicalNow": "no"]

    /// A resident's message form for the sector, with `extra` fields.
    static func message(_ extra: [String: String] = [:]) -> [String: String] {
        var form = safe
        form.merge([
            "topic": "drugs", "place": "Parc près de l'école", "replyBy": "email", "email": "resident@example.org",
            "body": "Des seringues sous le module de jeux, deux fois cette semaine.",
        ]) { $1 }
        form.merge(extra) { $1 }
        return form
    }

    /// The outbox's recipients and purposes, in order.
    static func outbox(_ app: Application) async throws -> [(String, String)] {
        let sql = try require(app.db as? any SQLDatabase)
        return try await sql.raw("SELECT recipient, purpose FROM outbox ORDER BY created_at").all().map {
            (try $0.decode(column: "recipient", as: String.self), try $0.decode(column: "purpose", as: String.self))
        }
    }

    static func messageCount(_ app: Application) async throws -> Int {
        let sql = try require(app.db as? any SQLDatabase)
        return try await sql.raw("SELECT COUNT(*) AS n FROM reso_messages").first()?.decode(column: "n", as: Int.self)
            ?? -1
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Abort(.internalServerError, reason: "missing") }
    return value
}
