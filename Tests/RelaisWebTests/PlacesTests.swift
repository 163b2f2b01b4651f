import ConsoleKit
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Places: imports and the address lookup as a dispatcher types", .tags(.web, .database))
struct PlacesTests {
    struct Places: Decodable {
        struct Place: Decodable {
            let kind: String
            let label: String
            let latitude: Double
            let longitude: Double
            let territory: String?
            let served: Bool
        }
        let items: [Place]
    }

    func places(_ text: String, _ browser: TestBrowser, token: String) async throws -> [Places.Place] {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        let query = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let response = try await browser.send(.GET, "/api/v1/places?q=\(query)", headers: headers, body: nil)
        #expect(response.status == .ok, "\(response.text)")
        return try JSONDecoder().decode(Places.self, from: Data(response.text.utf8)).items
    }

    @Test(
        "the demo's corners, metro stations and places are found with their borough", arguments: TestDatabase.available)
    func demo(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            try await app.importDemoBoroughs()
            try await app.importDemoPlaces()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let token = try await app.makeToken(for: dispatcher.user)
            let browser = TestBrowser(app)

            let corner = try #require(try await places("coin Berri et Ontario", browser, token: token).first)
            #expect(corner.kind == "corner")
            #expect(corner.label.contains("Berri") && corner.label.contains("Ontario"))
            #expect(corner.territory == "Ville-Marie")
            #expect(abs(corner.latitude - 45.5173) < 0.001 && abs(corner.longitude - (-73.5647)) < 0.001)
            // typos, abbreviations and a half-typed second street
            let typo = try await places("coin Beri et Ontaro", browser, token: token)
            #expect(typo.first?.label == corner.label, "\(typo.map(\.label))")
            #expect(
                try await places("Ste-Catherine / boul. St-Laurent", browser, token: token).first?.label
                    .contains("Saint-Laurent") == true)
            let metro = try #require(try await places("métro Berri-UQAM", browser, token: token).first)
            #expect(metro.kind == "metro")
            #expect(metro.label == "Station Berri-UQAM")
            #expect(
                try await places("Place Emilie-Gamelin", browser, token: token).first?.label == "Place Émilie-Gamelin")
            // the Plateau's OpenStreetMap streets give corners of their own
            let plateau = try #require(try await places("Rachel et Saint-Denis", browser, token: token).first)
            #expect(plateau.territory == "Le Plateau-Mont-Royal")
            // typed coordinates, and a point outside every borough (Longueuil, across the river)
            let across = try #require(try await places("45.5312, -73.5185", browser, token: token).first)
            #expect(across.kind == "coordinates")
            #expect(across.territory == nil && !across.served)
            #expect(try await places("zzzz qqqq", browser, token: token).isEmpty)
        }
    }

    @Test("an OpenAddresses file imports, is found by number as it is typed, and replaces its source on re-import")
    func addresses() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let file = NSTemporaryDirectory() + "relais-addresses-\(UUID()).csv"
            try """
            LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID
            -73.5750571,45.5255188,1033,Rue Rachel Est,,Montréal,,QC,H2J 2J5,1
            -73.5748,45.5256,1035,Rue Rachel Est,,Montréal,,QC,H2J 2J5,2
            -73.5660,45.5160,1200,Rue Ontario Est,,Montréal,,QC,,3
            """.write(toFile: file, atomically: true, encoding: .utf8)
            try await run(ImportPlacesCommand(), [file, "--source", "ville"], on: app)
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let token = try await app.makeToken(for: dispatcher.user)
            let browser = TestBrowser(app)

            let found = try await places("1033 rue Rachel", browser, token: token)
            #expect(found.first?.label == "1033 Rue Rachel Est")
            #expect(found.first?.kind == "address")
            #expect(found.first?.territory == "Le Plateau-Mont-Royal")
            #expect(
                Set(try await places("103 rachle", browser, token: token).map(\.label)) == [
                    "1033 Rue Rachel Est", "1035 Rue Rachel Est",
                ])
            #expect(try await places("1200 Ontario E", browser, token: token).first?.territory == "Ville-Marie")

            try "LON,LAT,NUMBER,STREET\n-73.5750571,45.5255188,1033,Rue Rachel Est\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            try await run(ImportPlacesCommand(), [file, "--source", "ville"], on: app)
            #expect(try await places("1200 Ontario", browser, token: token).isEmpty)
            #expect(try await app.store.places.imports().count == 2)
            #expect(try await app.store.audit.entries(.init(action: .placesImported)).count == 2)
        }
    }

    @Test("a bad place file is refused with its line and nothing of it is imported")
    func refusals() async throws {
        try await withRelaisApp { app in
            let file = NSTemporaryDirectory() + "relais-addresses-\(UUID()).csv"
            try "X,Y,CIVIQUE,RUE\n-73.57,45.52,10,Rue Berri\n-73.57,145.52,12,Rue Berri\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            let mapped = try await #require(throws: CommandFailure.self) {
                try await run(
                    ImportPlacesCommand(), [file, "--columns", "lon=X,lat=Y,number=CIVIQUE,street=RUE"], on: app)
            }
            #expect(mapped.description.contains("line 3: coordinates are out of range"))
            let unknown = try await #require(throws: CommandFailure.self) {
                try await run(ImportPlacesCommand(), [file, "--kind", "parcels"], on: app)
            }
            #expect(unknown.description.contains("--kind must be one of"))
            #expect(try await app.store.places.imports().isEmpty)
            #expect(try await app.store.places.catalogue().streetCount == 0)
        }
    }

    @Test("a query missing, repeated or longer than a line is refused with a localised problem")
    func badQueries() async throws {
        try await withRelaisApp { app in
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let token = try await app.makeToken(for: dispatcher.user)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .acceptLanguage, value: "fr")
            let browser = TestBrowser(app)
            let long = String(repeating: "a", count: 201)
            let tooLong = try await browser.send(.GET, "/api/v1/places?q=\(long)", headers: headers, body: nil)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.text.contains("200 caractères"))
            let missing = try await browser.send(.GET, "/api/v1/places", headers: headers, body: nil)
            #expect(missing.status == .unprocessableEntity)
            let repeated = try await browser.send(.GET, "/api/v1/places?q=a&q=b", headers: headers, body: nil)
            #expect(repeated.status == .unprocessableEntity)
            let anonymous = try await browser.send(.GET, "/api/v1/places?q=berri", headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
