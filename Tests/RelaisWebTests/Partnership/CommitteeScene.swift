import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import SQLKit
import Vapor

@testable import RelaisWeb

/// A police service's committees for page tests: the SPVM's stations, the seniors' committee and the strategic
/// committee, a coordinator signed in, and the clock on Wednesday 2026-11-25 at 10:00, Montréal time.
struct CommitteeScene {
    static let wednesdayMorning = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00Z")!
    static let service = "Service de police de la Ville de Montréal"

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let coordinator: TestBrowser
    let coordinatorAccount: TestAccount
    let seniors: Committee
    let strategic: Committee

    init(_ app: Application) async throws {
        try await app.store.committees.replaceStations(
            try StationFile.parse(
                try Data(contentsOf: Self.root.appendingPathComponent("Resources/Demo/spvm-postes-de-quartier.geojson"))
            ))
        coordinatorAccount = try await app.makeAccount(
            role: .committeeCoordinator, email: "coordination@spvm.test", organisation: Self.service,
            kind: .policeService)
        coordinator = TestBrowser(app)
        try await coordinator.signIn(email: coordinatorAccount.user.email, password: coordinatorAccount.password)
        let organisation = coordinatorAccount.user.organisationID
        seniors = Committee(
            id: .init(UUID()), organisationID: organisation, code: "aines", kind: .partnership,
            nameFrench: "Comité aînés", nameEnglish: "Seniors Committee", mandateFrench: "Sécurité des aînés",
            mandateEnglish: "Seniors' safety", community: .seniors, themes: CommitteeTheme.allCases, region: "Sud",
            stations: ["38"], seats: 10)
        strategic = Committee(
            id: .init(UUID()), organisationID: organisation, code: "strategique", kind: .strategic,
            nameFrench: "Comité stratégique", nameEnglish: "Strategic Committee", mandateFrench: "Conseiller",
            mandateEnglish: "Advise", community: nil, themes: CommitteeTheme.allCases, region: "Centre",
            stations: ["21"], seats: 12)
        try await app.store.committees.create(seniors)
        try await app.store.committees.create(strategic)
    }

    /// The form that adds a member.
    static func member(_ name: String, email: String, side: String = "civilian", start: String = "2026-01-01")
        -> [String: String]
    {
        [
            "name": name, "email": email, "phone": "514-555-0101", "origin": "Association des aînés", "side": side,
            "position": "member", "start": start, "language": "fr",
        ]
    }

    /// The form that plans a meeting in a station.
    static func meeting(day: String, start: String = "18:30", station: String = "38", capacity: String = "30")
        -> [String: String]
    {
        [
            "day": day, "start": start, "minutes": "120", "station": station, "security": "Fraudes visant les aînés",
            "open": "on", "capacity": capacity,
        ]
    }

    /// Plans a meeting through the page; returns its id.
    func plan(_ form: [String: String], committee: String = "aines") async throws -> Meeting.ID {
        _ = try await coordinator.get("/comites/\(committee)/reunions")
        let planned = try await coordinator.post("/comites/\(committee)/reunions", form: form)
        guard planned.status == .seeOther, let location = planned.location,
            let id = Meeting.ID(String(location.dropFirst("/comites/reunions/".count).prefix(36)))
        else { throw Abort(.internalServerError, reason: "not planned: \(planned.status) \(planned.text.prefix(400))") }
        return id
    }

    /// The e-mails waiting in the outbox.
    static func mails(_ app: Application) async throws -> [(purpose: String, message: MailMessage)] {
        try await app.store.outbox.claimDue(limit: 500, lease: 1).sorted { $0.createdAt < $1.createdAt }
            .map { ($0.purpose, $0.message) }
    }

    static func clearOutbox(_ app: Application) async throws {
        let sql = try requireSQL(app)
        try await sql.raw("DELETE FROM outbox").run()
    }

    static func count(_ app: Application, _ table: String) async throws -> Int {
        let sql = try requireSQL(app)
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
            column: "n", as: Int.self)
            ?? -1
    }

    private static func requireSQL(_ app: Application) throws -> any SQLDatabase {
        guard let sql = app.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        return sql
    }
}
