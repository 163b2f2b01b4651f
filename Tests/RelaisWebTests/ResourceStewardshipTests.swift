import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Resource staff update their capacity and hours", .tags(.web, .database))
struct ResourceStewardshipTests {
    static let shelter = "de000000-0000-4000-8002-000000000001"
    static let montreal = TimeZone(identifier: "America/Toronto")!

    struct Setup {
        let own: APIClient
        let other: APIClient
        let staff: TestAccount
    }

    func setUp(_ app: Application) async throws -> Setup {
        try await app.importDemoResources()
        let staff = try await app.makeAccount(role: .agencyRepresentative, organisation: "Refuge (test)")
        let stranger = try await app.makeAccount(role: .agencyRepresentative, organisation: "Autre organisme")
        let owner = try #require(try await app.store.accounts.organisation(named: "Refuge (test)"))
        try await app.store.directory.link(owner.id, to: DemoSeeder.shelterOrganization, by: nil)
        return Setup(
            own: APIClient(app, token: try await app.makeToken(for: staff.user)),
            other: APIClient(app, token: try await app.makeToken(for: stranger.user)), staff: staff)
    }

    func shelterHit(_ app: Application, openAt: Date? = nil, now: Date = Date()) async throws -> DirectoryHit? {
        try await app.store.directory.search(
            DirectorySearch(text: "hebergement", need: .housing, openAt: openAt, now: now), timeZone: Self.montreal
        ).first { $0.id == Self.shelter }
    }

    @Test(
        "the shelter's staff report free beds; search shows them; the change is audited",
        arguments: TestDatabase.available)
    func capacity(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let response = try await setup.own.send(
                .PUT, "/api/v1/resources/\(Self.shelter)/capacity", json: #"{"available":3,"occupied":37}"#)
            #expect(response.status == .ok)
            let hit = try #require(try await shelterHit(app))
            #expect(hit.capacityAvailable == 3)
            #expect(hit.capacityTotal == 40)
            #expect(hit.capacityUpdatedAt != nil)
            let audit = try await app.store.audit.entries(.init(action: .resourceCapacityChanged))
            #expect(audit.map(\.resourceID) == [Self.shelter])
            #expect(audit.first?.actorUserID == setup.staff.user.id)
        }
    }

    @Test("another organisation's staff, bad numbers and unknown services are refused and change nothing")
    func refused() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let path = "/api/v1/resources/\(Self.shelter)/capacity"
            #expect(try await setup.other.send(.PUT, path, json: #"{"available":3}"#).status == .forbidden)
            let bad = try await setup.own.send(.PUT, path, json: #"{"available":-1,"occupied":-5}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["available", "occupied"])
            // Found by schemathesis: more free places than the maximum, with a total, once crashed the server.
            let tooMany = try await setup.own.send(.PUT, path, json: #"{"available":100001,"occupied":21840}"#)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(
                try await setup.own.send(.PUT, "/api/v1/resources/nope/capacity", json: #"{"available":1}"#).status
                    == .notFound)
            #expect(try await shelterHit(app)?.capacityAvailable == nil)
            #expect(try await app.store.audit.entries(.init(action: .resourceCapacityChanged)).isEmpty)
        }
    }

    @Test(
        "new hours change what is open now, overnight included; bad hours are refused",
        arguments: TestDatabase.available)
    func hours(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Self.montreal
            let noon = calendar.date(from: DateComponents(year: 2026, month: 11, day: 24, hour: 12))!
            let night = calendar.date(from: DateComponents(year: 2026, month: 11, day: 25, hour: 3))!
            #expect(try await shelterHit(app, openAt: noon, now: noon) != nil)  // 24 hours a day, as imported
            let path = "/api/v1/resources/\(Self.shelter)/hours"
            let bad = try await setup.own.send(
                .PUT, path,
                json:
                    #"{"schedules":[{"byday":"MO","opens_at":"25:00","closes_at":"08:00"},{"byday":"mo","opens_at":"08:00","closes_at":"09:00","description":{}}]}"#
            )
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["schedules[0].opens_at", "schedules[1].byday", "schedules[1].description"])
            // unknown fields and an over-long description are refused, so that a body's size stays bounded
            let long = String(repeating: "é", count: 201)
            let unbounded = try await setup.own.send(
                .PUT, path,
                json: #"{"schedules":[{"opens_at":"08:00","closes_at":"09:00","note":"x","description":"\#(long)"}]}"#)
            let unboundedFields = (try unbounded.json()["errors"] as? [[String: Any]] ?? []).compactMap {
                $0["field"] as? String
            }
            #expect(unboundedFields == ["schedules[0].note", "schedules[0].description"])
            #expect(try await shelterHit(app, openAt: noon, now: noon) != nil)
            let set = try await setup.own.send(
                .PUT, path, json: #"{"schedules":[{"byday":"TU","opens_at":"20:00","closes_at":"08:00"}]}"#)
            #expect(set.status == .ok)
            #expect(try await shelterHit(app, openAt: noon, now: noon) == nil)
            #expect(try await shelterHit(app, openAt: night, now: night)?.openNow == true)  // Tuesday night
            let document = try #require(try await app.store.directory.service(id: Self.shelter))
            #expect(document["schedules"]?.array?.first?["opens_at"]?.string == "20:00")
            #expect(try await app.store.audit.entries(.init(action: .resourceHoursChanged)).count == 1)
        }
    }
}
