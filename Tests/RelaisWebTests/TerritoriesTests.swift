import ConsoleKit
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Territories: import, served areas and lookups", .tags(.web, .database))
struct TerritoriesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let agglomeration = root.deletingLastPathComponent()
        .appendingPathComponent(
            "shared/data/geo/montreal-limites-administratives/limites-administratives-agglomeration.geojson")
    static let hasAgglomeration = FileManager.default.fileExists(atPath: agglomeration.path)

    func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        return headers
    }

    @Test(
        "the whole agglomeration imports and only the four ÉMMIS boroughs are served", .enabled(if: hasAgglomeration),
        arguments: TestDatabase.available)
    func importAgglomeration(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await run(
                ImportTerritoriesCommand(),
                [Self.agglomeration.path, "--level", "borough", "--served", "VM,SO,PM,MH"], on: app)
            let boroughs = try await app.store.territories.all(level: .borough)
            #expect(boroughs.count == 34)
            #expect(Set(boroughs.filter(\.served).map(\.code)) == ["VM", "SO", "PM", "MH"])
            #expect(try await app.store.audit.entries(.init(action: .territoriesImported)).count == 1)

            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let token = try await app.makeToken(for: dispatcher.user)
            let browser = TestBrowser(app)
            let atwater = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=45.4799&longitude=-73.5772", headers: bearer(token),
                body: nil)
            #expect(atwater.text.contains(#""code":"SO""#))
            #expect(atwater.text.contains(#""served":true"#))
            let westmount = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=45.4841&longitude=-73.6014", headers: bearer(token),
                body: nil)
            #expect(westmount.text.contains(#""served":false"#))
            let longueuil = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=45.5312&longitude=-73.5185", headers: bearer(token),
                body: nil)
            #expect(longueuil.text == "{}" || longueuil.text.contains(#""match":null"#))

            // serving another borough is configuration, not code
            try await run(ServeTerritoriesCommand(), ["VM,SO,PM,MH,RP", "--level", "borough"], on: app)
            #expect(try await app.store.territories.all(level: .borough).filter(\.served).count == 5)
        }
    }

    @Test("a bad file, level or served code is refused with its reason and nothing is imported")
    func refusals() async throws {
        try await withRelaisApp { app in
            let bad = NSTemporaryDirectory() + "relais-bad-\(UUID()).geojson"
            try Data(
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NOM":"Sans code"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#
                    .utf8
            )
            .write(to: URL(fileURLWithPath: bad))
            let missingCode = try await #require(throws: CommandFailure.self) {
                try await run(ImportTerritoriesCommand(), [bad, "--level", "borough"], on: app)
            }
            #expect(missingCode.description.contains(#"feature 0 has no "ABREV" property"#))
            let demo = Self.root.appendingPathComponent("Resources/Demo/montreal-emmis-boroughs.geojson").path
            let badLevel = try await #require(throws: CommandFailure.self) {
                try await run(ImportTerritoriesCommand(), [demo, "--level", "quartier"], on: app)
            }
            #expect(badLevel.description.contains("--level must be one of"))
            let unknownServed = try await #require(throws: CommandFailure.self) {
                try await run(
                    ImportTerritoriesCommand(), [demo, "--level", "borough", "--served", "VM,XX"], on: app)
            }
            #expect(unknownServed.description.contains("XX"))
            #expect(try await app.store.territories.all().isEmpty)
        }
    }

    @Test("the locate command answers for a point of the demo boroughs and refuses one outside")
    func locateCommand() async throws {
        try await withRelaisApp { app in
            let demo = Self.root.appendingPathComponent("Resources/Demo/montreal-emmis-boroughs.geojson").path
            try await run(ImportTerritoriesCommand(), [demo, "--level", "borough", "--served", "VM"], on: app)
            try await run(LocateCommand(), ["45.5088,-73.5542"], on: app)
            let outside = try await #require(throws: CommandFailure.self) {
                try await run(LocateCommand(), ["45.5312,-73.5185"], on: app)
            }
            #expect(outside.description.contains("No borough contains"))
            await #expect(throws: CommandFailure.self) { try await run(LocateCommand(), ["north"], on: app) }
        }
    }

    @Test("locate refuses missing, repeated or out-of-range coordinates with 422 naming each field")
    func locateValidation() async throws {
        try await withRelaisApp { app in
            let analyst = try await app.makeAccount(role: .analyst)
            let token = try await app.makeToken(for: analyst.user)
            let browser = TestBrowser(app)
            let missing = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=45.5", headers: bearer(token), body: nil)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains(#""field":"longitude""#))
            let outOfRange = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=91&longitude=-73.5", headers: bearer(token), body: nil)
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(outOfRange.text.contains("La latitude doit être un nombre entre -90 et 90."))
            let repeated = try await browser.send(
                .GET, "/api/v1/territories/locate?latitude=45&latitude=46&longitude=-73", headers: bearer(token),
                body: nil)
            #expect(repeated.status == .unprocessableEntity)
        }
    }
}
