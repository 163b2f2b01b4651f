import Foundation
import Testing

@testable import RelaisCore

@Suite("Place lookup: how people give a place")
struct PlaceLookupTests {
    static func point(_ latitude: Double, _ longitude: Double) -> GeoPoint {
        try! GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// A few real STM stop names and places, as the demo loads them.
    static let catalogue = PlaceCatalogue(
        streetNames: ["Rue Rachel Est", "Boulevard Saint-Laurent", "Rue Sainte-Catherine Est", "Avenue du Parc"],
        corners: [
            Corner(first: "Berri", second: "Ontario", point: point(45.5176, -73.5633)),
            Corner(first: "Ontario", second: "Saint-Denis", point: point(45.5160, -73.5655)),
            Corner(first: "Sainte-Catherine", second: "Saint-Laurent", point: point(45.5105, -73.5636)),
            Corner(first: "Berri", second: "Cherrier", point: point(45.5218, -73.5681)),
            Corner(first: "Côte-Sainte-Catherine", second: "Saint-Laurent", point: point(45.52, -73.61)),
        ],
        landmarks: [
            Landmark(kind: .metro, name: "Station Berri-UQAM", point: point(45.5153, -73.5611)),
            Landmark(kind: .place, name: "Place Émilie-Gamelin", point: point(45.5150, -73.5600)),
            Landmark(kind: .metro, name: "Station Mont-Royal", point: point(45.5245, -73.5817)),
        ])

    func labels(_ text: String) -> [String] {
        Self.catalogue.lookup(PlaceQuery(text)).candidates.map(\.label)
    }

    @Test("street keys agree on abbreviations, accents, case, types and directions")
    func streetKeys() {
        let keys = ["boul. St-Laurent", "Boulevard Saint-Laurent", "SAINT LAURENT", "st laurent"].map(
            PlaceText.streetKey)
        #expect(Set(keys) == ["saint laurent"])
        #expect(PlaceText.streetKey("Rue Sainte-Catherine Est") == "sainte catherine")
        #expect(PlaceText.streetKey("Avenue du Parc") == "parc")
        #expect(PlaceText.streetKey("Côte-Sainte-Catherine") == "cote sainte catherine")
        #expect(PlaceText.streetKey("Peel St") == "peel")
        #expect(PlaceText.streetKey("Rue de la Commune Ouest") == "commune")
    }

    @Test("a query is read as coordinates, a corner, an address or a name")
    func queries() {
        #expect(PlaceQuery("45.5153, -73.5611") == .coordinates(Self.point(45.5153, -73.5611)))
        #expect(PlaceQuery("45,5153 -73,5611") == .coordinates(Self.point(45.5153, -73.5611)))
        #expect(PlaceQuery("coin Berri et Ontario") == .corner(["berri"], ["ontario"]))
        #expect(PlaceQuery("Berri / Ontario") == .corner(["berri"], ["ontario"]))
        #expect(PlaceQuery("angle St-Denis & Ontario") == .corner(["saint", "denis"], ["ontario"]))
        #expect(PlaceQuery("coin Berri") == .corner(["berri"], []))
        #expect(PlaceQuery("1033 rue Rachel Est") == .address(number: "1033", street: ["rue", "rachel", "est"]))
        #expect(PlaceQuery("métro Berri-UQAM") == .name(["metro", "berri", "uqam"]))
        #expect(PlaceQuery("   ") == .empty)
        if case .coordinates = PlaceQuery("95, 200") { Issue.record("out-of-range numbers read as coordinates") }
    }

    @Test("corners are found in either order, with typos and as the second street is typed")
    func corners() {
        #expect(labels("coin Berri et Ontario").first == "Berri / Ontario")
        #expect(labels("Ontario / Berri").first == "Ontario / Berri")
        #expect(labels("coin Beri et Ontraio").first == "Berri / Ontario")
        #expect(labels("coin Berri et Ont").first == "Berri / Ontario")
        #expect(labels("Sainte-Catherine et St-Laurent").first == "Rue Sainte-Catherine Est / Boulevard Saint-Laurent")
        #expect(Set(labels("coin Berri et")) == ["Berri / Ontario", "Berri / Cherrier"])
        #expect(labels("coin Nulle-Part et Ailleurs").isEmpty)
    }

    @Test("landmarks are found by their name, with or without the word métro")
    func landmarks() {
        #expect(labels("métro Berri-UQAM").first == "Station Berri-UQAM")
        #expect(labels("berri uqam").first == "Station Berri-UQAM")
        #expect(labels("Place Emilie Gamelin").first == "Place Émilie-Gamelin")
        #expect(labels("emilie-gamelin").first == "Place Émilie-Gamelin")
        #expect(labels("mont royal").first == "Station Mont-Royal")
    }

    @Test("an address query asks for the number on the best streets")
    func addresses() throws {
        let lookup = Self.catalogue.lookup(PlaceQuery("1033 Rachel"))
        let addresses = try #require(lookup.addresses)
        #expect(addresses.number == "1033")
        #expect(addresses.streets.first?.street.key == "rachel")
        #expect(
            Self.catalogue.lookup(PlaceQuery("12 Rachle")).addresses?.streets.first?.street.name == "Rue Rachel Est")
        // a typo in a particle: "dee" for "de"
        let lima = PlaceCatalogue(streetNames: ["Rue Rose-de-Lima"], corners: [], landmarks: [])
        #expect(lima.lookup(PlaceQuery("45 Rose-dee-Lima")).addresses?.streets.first?.street.name == "Rue Rose-de-Lima")
    }

    @Test("typed coordinates are a candidate of their own")
    func coordinates() {
        let found = Self.catalogue.lookup(PlaceQuery("45.5153, -73.5611")).candidates
        #expect(found.map(\.kind) == [.coordinates])
        #expect(found.first?.point == Self.point(45.5153, -73.5611))
    }

    @Test("a name match forgives typos by length and prefers the whole name")
    func nameMatch() throws {
        let match = NameMatch(["ontario"])
        let whole = try #require(match.score(Array("ontario".utf8)))
        let typo = try #require(NameMatch(["ontraio"]).score(Array("ontario".utf8)))
        #expect(whole > typo)
        #expect(NameMatch(["ont"]).score(Array("ontario".utf8)) != nil)
        #expect(NameMatch(["onx"]).score(Array("ontario".utf8)) == nil)
        #expect(NameMatch(["xxxxxxx"]).score(Array("ontario".utf8)) == nil)
    }
}
