import Foundation
import FuzzSupport
import RelaisCore

/// What a dispatcher (or anyone with a token) types in an address field, read as a place query and looked up in a
/// small catalogue; and what an operator's place files hold (address CSV, GTFS stops, street lines), read whole.
@_cdecl("FuzzPlaceQuery_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

let point = try! GeoPoint(latitude: 45.5173, longitude: -73.5647)
let catalogue = PlaceCatalogue(
    streetNames: ["Rue Rachel Est", "Boulevard Saint-Laurent", "Avenue du Parc"],
    corners: [Corner(first: "Berri", second: "Ontario", point: point)],
    landmarks: [Landmark(kind: .metro, name: "Station Berri-UQAM", point: point)])

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let data = Data(bytes)
    let text = String(decoding: data, as: UTF8.self)
    let query = PlaceQuery(text)
    let lookup = catalogue.lookup(query)
    for candidate in lookup.candidates {
        precondition(candidate.point.latitude.isFinite && candidate.point.longitude.isFinite)
    }
    _ = try? PlaceFiles.addresses(csv: text, columns: .openAddresses)
    _ = try? PlaceFiles.addresses(geoJSON: data, columns: .openAddressesGeoJSON)
    if let stops = try? PlaceFiles.stops(gtfs: text) {
        _ = PlaceFiles.sketchedStreets(from: stops.corners)
    }
    if let lines = try? PlaceFiles.streets(geoJSON: data, nameProperty: "name") {
        _ = PlaceFiles.intersections(of: lines)
    }
    _ = try? AddressColumns(mapping: text, over: .openAddresses)
    return 0
}
