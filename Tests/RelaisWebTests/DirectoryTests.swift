import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// The HSDS examples and schemas copied beside the Python clients.
let hsdsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Browser/hsds-3.0")

@Suite("Resource directory: HSDS import, search, API", .tags(.web, .database))
struct DirectoryTests {
    static let montreal = TimeZone(identifier: "America/Toronto")!

    func count(_ app: Application) async throws -> Int {
        try await app.store.directory.services(
            words: [], termID: nil, organizationID: nil, modifiedAfter: nil, limit: 1, offset: 0
        ).total
    }

    @Test("every HSDS example imports, and the export imports back unchanged", arguments: TestDatabase.available)
    func examplesRoundTrip(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let importer = DirectoryImporter(app)
            let outcome = try await importer.importFiles(
                at: hsdsFolder.appendingPathComponent("examples").path, partial: false, actor: nil)
            #expect(outcome.problems.isEmpty)
            #expect(outcome.count.services >= 1)
            let service = try #require(
                try await app.store.directory.service(id: "ac148810-d857-441c-9679-408f346de14b"))
            #expect(service["name"]?.string == "Community Counselling")
            #expect(service["organization"]?["name"]?.string != nil)
            #expect(service["phones"]?.array?.first?["number"] != nil)
            let exported = try await app.store.directory.everything()
            let again = try await importer.importDocuments(
                [("services.json", .array(exported.services)), ("organizations.json", .array(exported.organizations))],
                partial: false, actor: nil)
            #expect(again.problems.isEmpty)
            #expect(try await app.store.directory.everything().services == exported.services)
        }
    }

    @Test(
        "the tabular form (CSV) imports, and its export imports back to the same tables",
        arguments: TestDatabase.available)
    func tabularRoundTrip(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let importer = DirectoryImporter(app)
            let outcome = try await importer.importFiles(
                at: hsdsFolder.appendingPathComponent("examples/csv").path, partial: false, actor: nil)
            #expect(outcome.count.services == 1)
            let service = try #require(
                try await app.store.directory.service(id: "ac148810-d857-441c-9679-408f346de14b"))
            #expect(service["schedules"]?.array?.first?["opens_at"]?.string == "10:00:00")
            #expect(service["service_at_locations"]?.array?.first?["location"]?["addresses"]?.array?.isEmpty == false)
            try await app.importDemoResources()
            let tabular = HSDSTabular(
                datapackage: try JSONDecoder().decode(
                    JSONValue.self,
                    from: Data(contentsOf: hsdsFolder.appendingPathComponent("examples/csv/datapackage.json"))))
            func tables() async throws -> [String: [[String]]] {
                let everything = try await app.store.directory.everything()
                return tabular.flatten(
                    everything.terms.map { ("taxonomy_term", $0) }
                        + everything.organizations.map { ("organization", $0) }
                        + everything.services.map { ("service", $0) })
            }
            let first = try await tables()
            #expect((first["services.csv"]?.count ?? 0) > 100)
            let records = try first.mapValues { try CSV.parse(CSV.write($0)) }
            let nested = tabular.nest(records)
            #expect(nested.problems.isEmpty)
            _ = try await importer.importDocuments(nested.documents, kinds: nested.kinds, partial: false, actor: nil)
            #expect(try await tables() == first)
        }
    }

    @Test("a bad CSV cell or row names its file and line, and nothing is imported")
    func malformedTables() async throws {
        try await withRelaisApp { app in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hsds-bad-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(
                """
                id,name,description
                11111111-1111-4111-8111-111111111111,Org,Desc
                """.utf8
            ).write(to: folder.appendingPathComponent("organizations.csv"))
            try Data(
                """
                id,organization_id,name,status,minimum_age
                22222222-2222-4222-8222-222222222222,11111111-1111-4111-8111-111111111111,Good,active,12
                33333333-3333-4333-8333-333333333333,11111111-1111-4111-8111-111111111111,Bad age,active,douze
                44444444-4444-4444-8444-444444444444,too,few
                """.utf8
            ).write(to: folder.appendingPathComponent("services.csv"))
            do {
                _ = try await DirectoryImporter(app).importFiles(at: folder.path, partial: false, actor: nil)
                Issue.record("a malformed package was imported")
            } catch let rejected as DirectoryImporter.Rejected {
                #expect(
                    rejected.problems.map(\.description).contains("services.csv:4: 3 fields where the header has 5"))
                #expect(rejected.problems.map(\.path).contains("services.csv:3.minimum_age"))
            }
            #expect(try await count(app) == 0)
        }
    }

    @Test(
        "a malformed file names each bad record and imports nothing, unless --partial",
        arguments: TestDatabase.available)
    func malformed(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let organization = "11111111-1111-4111-8111-111111111111"
            let json = """
                {"id":"\(organization)","name":"Org","description":"d","services":[
                 {"id":"22222222-2222-4222-8222-222222222222","name":"Good","status":"active"},
                 {"id":"33333333-3333-4333-8333-333333333333","status":"open"},
                 {"id":"not-a-uuid","name":"Bad id","status":"active",
                  "schedules":[{"id":"44444444-4444-4444-8444-444444444444","opens_at":"9h","closes_at":"17:00"}]}]}
                """
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
            let importer = DirectoryImporter(app)
            do {
                _ = try await importer.importDocuments([("org.json", document)], partial: false, actor: nil)
                Issue.record("a malformed file was imported")
            } catch let rejected as DirectoryImporter.Rejected {
                #expect(
                    rejected.problems.map(\.path) == [
                        "org.json.services[1].name", "org.json.services[1].status", "org.json.services[2].id",
                        "org.json.services[2].schedules[0].opens_at",
                    ])
            }
            #expect(try await count(app) == 0)
            let partial = try await importer.importDocuments([("org.json", document)], partial: true, actor: nil)
            #expect(partial.count.services == 1)
            #expect(try await count(app) == 1)
        }
    }

    @Test("search: accents, needs, open now overnight, nearest first, language", arguments: TestDatabase.available)
    func search(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoResources()
            let directory = app.store.directory
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Self.montreal
            let tuesday3am = calendar.date(from: DateComponents(year: 2026, month: 11, day: 24, hour: 3))!
            let tuesdayNoon = calendar.date(from: DateComponents(year: 2026, month: 11, day: 24, hour: 12))!
            func names(_ search: DirectorySearch) async throws -> [String] {
                try await directory.search(search, timeZone: Self.montreal).map(\.name)
            }
            let housing = try await names(DirectorySearch(text: "hebergement", now: tuesdayNoon))
            #expect(housing.contains("Hébergement d'urgence 24 h"))
            #expect(
                try await names(DirectorySearch(text: "HÉBERG", now: tuesdayNoon)).contains(
                    "Hébergement d'urgence 24 h"))
            let night = try await names(DirectorySearch(text: nil, need: .housing, openAt: tuesday3am, now: tuesday3am))
            #expect(Set(night) == ["Hébergement d'urgence 24 h", "Halte-chaleur de nuit"])
            let noon = try await names(DirectorySearch(text: "ouvert maintenant", need: .housing, now: tuesdayNoon))
            #expect(noon == ["Hébergement d'urgence 24 h"])
            let nearHochelaga = try await directory.search(
                DirectorySearch(
                    text: nil, need: .food, now: tuesdayNoon, near: try GeoPoint(latitude: 45.544, longitude: -73.546)),
                timeZone: Self.montreal)
            #expect(nearHochelaga.map(\.name) == ["Repas du midi", "Halte-chaleur de nuit"])
            #expect((nearHochelaga.first?.distanceKilometres ?? 99) < 0.1)
            #expect(nearHochelaga.first?.openNow == true)
            let english = try await names(DirectorySearch(text: nil, need: .housing, now: tuesdayNoon, language: "en"))
            #expect(english == ["Hébergement d'urgence 24 h"])
            #expect(try await names(DirectorySearch(text: "Vélo", now: tuesdayNoon)).isEmpty)
        }
    }

    @Test(
        "a bulk import (indexes rebuilt once, statistics refreshed) is searched nearest first",
        arguments: TestDatabase.available)
    func bulk(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let organization = "77777777-7777-4777-8777-777777777777"
            let services = (0..<1_200).map { index -> JSONValue in
                let id = "88888888-8888-4888-8888-\(String(format: "%012d", index))"
                return .object([
                    "id": .string(id), "organization_id": .string(organization), "status": .string("active"),
                    "name": .string("Banque alimentaire \(index)"),
                    "service_at_locations": .array([
                        .object([
                            "id": .string("99999999-9999-4999-8999-\(String(format: "%012d", index))"),
                            "location": .object([
                                "id": .string("aaaaaaaa-aaaa-4aaa-8aaa-\(String(format: "%012d", index))"),
                                "location_type": .string("physical"),
                                "latitude": .number(45.40 + Double(index) * 0.0002), "longitude": .number(-73.6),
                            ]),
                        ])
                    ]),
                ])
            }
            let documents: [(source: String, value: JSONValue)] = [
                (
                    "organization",
                    .object(["id": .string(organization), "name": .string("O"), "description": .string("d")])
                ),
                ("services", .array(services)),
            ]
            let outcome = try await DirectoryImporter(app).importDocuments(documents, partial: false, actor: nil)
            #expect(outcome.count.services == 1_200)
            // Relais's needs stay a taxonomy, not an organization (both have only id, name and description).
            let taxonomies = try await app.store.directory.taxonomies(words: [], limit: 10, offset: 0)
            #expect(taxonomies.items.compactMap { $0["id"]?.string } == [Need.taxonomyID])
            #expect(try await app.store.directory.organization(id: Need.taxonomyID) == nil)
            let near = try GeoPoint(latitude: 45.40 + 600 * 0.0002, longitude: -73.6)
            let found = try await app.store.directory.search(
                DirectorySearch(text: "alimentaire", now: Date(), near: near, limit: 3),
                timeZone: Self.montreal)
            #expect(found.first?.name == "Banque alimentaire 600")
            #expect(
                Set(found.map(\.name)) == [
                    "Banque alimentaire 599", "Banque alimentaire 600", "Banque alimentaire 601",
                ])
        }
    }

    @Test("the search API answers workers and refuses bad parameters with named fields")
    func searchAPI() async throws {
        try await withRelaisApp { app in
            try await app.importDemoResources()
            let worker = try await app.makeAccount(role: .mobileWorker)
            let client = APIClient(app, token: try await app.makeToken(for: worker.user))
            let found = try await client.get("/api/v1/resources?q=h%C3%A9bergement&near=45.51,-73.56")
            #expect(found.status == .ok)
            let items = try #require(try found.json()["items"] as? [[String: Any]])
            #expect(items.first?["name"] as? String == "Hébergement d'urgence 24 h")
            // the pole and the antimeridian are valid points (schemathesis found a crash there)
            #expect(try await client.get("/api/v1/resources?near=90,180&q=repas").status == .ok)
            #expect(try await client.get("/api/v1/resources?near=-89.9,-180&need=housing").status == .ok)
            let bad = try await client.get(
                "/api/v1/resources?need=licorne&near=45.5&q=\(String(repeating: "a", count: 501))")
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["need", "near", "q"])
            #expect(try await TestBrowser(app).get("/api/v1/resources").status == .unauthorized)
        }
    }

    @Test(
        "a service's translations (Relais's HSDS extension) are searched and shown; malformed ones are named",
        arguments: TestDatabase.available)
    func translations(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoResources()
            let worker = try await app.makeAccount(role: .mobileWorker)
            let client = APIClient(app, token: try await app.makeToken(for: worker.user))
            // "warming" is only in the English translation of "Halte-chaleur de nuit"
            let found = try await client.get("/api/v1/resources?q=warming")
            let items = try #require(try found.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["Halte-chaleur de nuit"])
            let english = (items.first?["translations"] as? [String: Any])?["byLanguage"] as? [String: Any]
            #expect((english?["en"] as? [String: Any])?["name"] as? String == "Overnight warming centre")
            // the document keeps them: the HSDS API and the export give them back
            let hsds = try await TestBrowser(app).get("/hsds/services/de000000-0000-4000-8002-000000000002")
            #expect(hsds.text.contains("Overnight warming centre"))

            let malformed: JSONValue = .object([
                "id": .string("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"), "name": .string("Service"),
                "status": .string("active"), "organization_id": .string("de000000-0000-4000-8001-000000000001"),
                "translations": .object(["en": .string("Service"), "fr": .object(["name": .number(3)])]),
            ])
            await #expect(throws: DirectoryImporter.Rejected.self) {
                try await DirectoryImporter(app).importDocuments([("service", malformed)], partial: false, actor: nil)
            }
            do {
                _ = try await DirectoryImporter(app).importDocuments(
                    [("service", malformed)], partial: false, actor: nil)
            } catch let rejected as DirectoryImporter.Rejected {
                #expect(
                    Set(rejected.problems.map(\.path)).isSuperset(of: [
                        "service.translations.en", "service.translations.fr.name",
                    ]))
            }
        }
    }

    @Test("the HSDS API pages services and serves one fully nested; unknown ids are 404")
    func hsdsAPI() async throws {
        try await withRelaisApp { app in
            try await app.importDemoResources()
            let browser = TestBrowser(app)
            let page = try await browser.get("/hsds/services?per_page=2&page=2")
            let body = try page.json()
            #expect(body["page_number"] as? Int == 2)
            #expect((body["contents"] as? [Any])?.count == 2)
            #expect((body["total_items"] as? Int ?? 0) > 100)
            let one = try await browser.get("/hsds/services/de000000-0000-4000-8002-000000000001")
            #expect(
                (try one.json()["organization"] as? [String: Any])?["name"] as? String == "Refuge Le Phare (fictif)")
            #expect(try await browser.get("/hsds/services/nope").status == .notFound)
            #expect(try await browser.get("/hsds/services?per_page=0").status == .unprocessableEntity)
        }
    }

    @Test(
        "a page too far to exist is an empty page, on every listing (its offset overflowed and stopped the server)",
        arguments: TestDatabase.available)
    func farPage(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoResources()
            let browser = TestBrowser(app)
            for listing in ["services", "organizations", "taxonomies", "taxonomy_terms"] {
                for page in ["200000000000000000", "\(Int.max)"] {
                    let far = try await browser.get("/hsds/\(listing)?page=\(page)&per_page=500")
                    #expect(far.status == .ok, "\(listing) page \(page)")
                    #expect((try far.json()["contents"] as? [Any])?.isEmpty == true)
                    #expect(try far.json()["last_page"] as? Bool == true)
                }
                let beyond = try await browser.get("/hsds/\(listing)?page=99999999999999999999")
                #expect(beyond.status == .unprocessableEntity)
            }
            #expect(try await browser.get("/health").status == .ok)
        }
    }
}
