import Foundation
import Testing

@testable import RelaisCore

@Suite("Place files: address points, GTFS stops, landmarks and street lines")
struct PlaceFilesTests {
    @Test("an OpenAddresses CSV reads into address points")
    func openAddresses() throws {
        let csv = """
            LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID
            -73.5750571,45.5255188,1033,Rue Rachel Est,,Montréal,,QC,H2J 2J5,a1
            -73.58,45.52,4500,"Boulevard Saint-Laurent",2,Montréal,,QC,,

            """
        let points = try PlaceFiles.addresses(csv: csv, columns: .openAddresses)
        #expect(points.count == 2)
        #expect(points[0].label == "1033 Rue Rachel Est")
        #expect(points[0].streetKey == "rachel")
        #expect(points[1].label == "4500 Boulevard Saint-Laurent, 2")
        #expect(!points[1].id.isEmpty)
    }

    @Test("a city's own columns load through a mapping")
    func mapping() throws {
        let columns = try AddressColumns(mapping: "lon=X, lat=Y, number=CIVIQUE, street=RUE", over: .openAddresses)
        let points = try PlaceFiles.addresses(csv: "X,Y,CIVIQUE,RUE\n-73.57,45.52,10,Rue Berri\n", columns: columns)
        #expect(points.map(\.label) == ["10 Rue Berri"])
        #expect(throws: PlaceFileError.self) { try AddressColumns(mapping: "colour=RED", over: .openAddresses) }
    }

    @Test("a bad row refuses the whole file and says where")
    func refusals() {
        let missing = "LON,LAT,NUMBER\n-73.5,45.5,1\n"
        #expect(throws: PlaceFileError(line: 1, message: "no column \"STREET\"")) {
            try PlaceFiles.addresses(csv: missing, columns: .openAddresses)
        }
        let outOfRange = "LON,LAT,NUMBER,STREET\n-73.5,45.5,1,Rue A\n-273.5,45.5,2,Rue B\n"
        #expect(throws: PlaceFileError(line: 3, message: "coordinates are out of range")) {
            try PlaceFiles.addresses(csv: outOfRange, columns: .openAddresses)
        }
        #expect(throws: PlaceFileError.self) {
            try PlaceFiles.addresses(csv: "LON,LAT,NUMBER,STREET\n-73.5,45.5,,Rue A\n", columns: .openAddresses)
        }
        #expect(throws: PlaceFileError.self) { try PlaceFiles.streets(geoJSON: Data("[]".utf8), nameProperty: "name") }
    }

    @Test("a GTFS stops.txt gives metro stations and corners")
    func gtfs() throws {
        let text = """
            stop_id,stop_code,stop_name,stop_lat,stop_lon,stop_url,location_type,parent_station,wheelchair_boarding
            STATION_M146,10146,STATION BERRI-UQAM,45.514852,-73.560106,,1,,1
            9999111,10146,Station Berri-UQAM,45.515317,-73.561080,,0,STATION_M146,1
            11-01,10146,Station Berri-UQAM - Accès (B),45.514851,-73.559654,,2,STATION_M146,2
            51234,51234,Berri / Ontario,45.517600,-73.563300,,0,,1
            51235,51235,Terminus Frontenac,45.53,-73.55,,0,,1
            61665,61665,Station Mont-Royal (Berri / du Mont-Royal),45.524644,-73.581394,,0,,1
            """
        let stops = try PlaceFiles.stops(gtfs: text)
        #expect(
            stops.landmarks == [
                Landmark(
                    kind: .metro, name: "Station Berri-UQAM",
                    point: try GeoPoint(latitude: 45.514852, longitude: -73.560106))
            ])
        #expect(stops.corners.map { "\($0.first) / \($0.second)" } == ["Berri / Ontario", "Berri / du Mont-Royal"])
    }

    @Test("street lines sharing a vertex make a corner")
    func streets() throws {
        let json = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Rue Rachel Est"},"geometry":{"type":"LineString","coordinates":[[-73.58,45.52],[-73.57,45.525]]}},
            {"type":"Feature","properties":{"name":"Rue Rachel Est"},"geometry":{"type":"LineString","coordinates":[[-73.57,45.525],[-73.56,45.53]]}},
            {"type":"Feature","properties":{"name":"Rue Saint-Denis"},"geometry":{"type":"LineString","coordinates":[[-73.575,45.52],[-73.57,45.525]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[-73.575,45.52],[-73.58,45.52]]}}
            ]}
            """
        let lines = try PlaceFiles.streets(geoJSON: Data(json.utf8), nameProperty: "name")
        #expect(lines.count == 3)
        let corners = PlaceFiles.intersections(of: lines)
        #expect(corners.count == 1)
        #expect(corners.first?.keys == StreetPair("rachel", "saint denis"))
    }

    @Test("streets are sketched from their corners in order, and broken where corners are far apart")
    func sketches() throws {
        func point(_ lat: Double, _ lon: Double) throws -> GeoPoint { try GeoPoint(latitude: lat, longitude: lon) }
        let corners = [
            Corner(first: "Ontario", second: "Saint-Denis", point: try point(45.5160, -73.5655)),
            Corner(first: "Ontario", second: "Papineau", point: try point(45.5260, -73.5480)),
            Corner(first: "Ontario", second: "Berri", point: try point(45.5173, -73.5647)),
            Corner(first: "Ontario", second: "Amherst", point: try point(45.5190, -73.5620)),
        ]
        let ontario = PlaceFiles.sketchedStreets(from: corners).filter { $0.name == "Ontario" }
        // Saint-Denis, Berri, Amherst in order; Papineau, 1.7 km on, starts no line of its own (one point)
        #expect(ontario.map(\.vertices.count) == [3])
        #expect(ontario.first?.vertices.map(\.longitude) == [-73.5655, -73.5647, -73.5620])
        #expect(ontario.allSatisfy { $0.sketched })
    }
}
