import Foundation
import RelaisCore
import Testing

@Suite("Territories from GeoJSON")
struct GeoJSONTerritoriesTests {
    static let demoFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Demo/montreal-emmis-boroughs.geojson")

    @Test("the shipped ÉMMIS file gives the four served boroughs")
    func demoBoroughs() throws {
        let boroughs = try GeoJSONTerritories.read(
            Data(contentsOf: Self.demoFile), level: .borough, codeProperty: "ABREV", nameProperty: "NOM",
            served: ["VM", "SO", "PM", "MH"])
        #expect(
            Set(boroughs.map(\.name)) == [
                "Ville-Marie", "Le Sud-Ouest", "Le Plateau-Mont-Royal", "Mercier-Hochelaga-Maisonneuve",
            ])
        #expect(boroughs.filter { !$0.served }.isEmpty)
        #expect(boroughs.filter { !$0.geometryJSON.contains("MultiPolygon") }.isEmpty)
    }

    @Test("a file that is not a FeatureCollection is refused")
    func notACollection() {
        #expect(throws: GeoJSONTerritoryError.notAFeatureCollection) {
            try GeoJSONTerritories.read(
                Data(#"{"type":"Feature"}"#.utf8), level: .borough, codeProperty: "c", nameProperty: "n", served: [])
        }
    }

    @Test("a feature without its name is named by its index")
    func missingProperty() {
        let json =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"c":"X"},"geometry":{"type":"Polygon","coordinates":[]}}]}"#
        #expect(throws: GeoJSONTerritoryError.featureWithoutProperty(index: 0, property: "n")) {
            try GeoJSONTerritories.read(
                Data(json.utf8), level: .borough, codeProperty: "c", nameProperty: "n", served: [])
        }
    }
}
