import Foundation
import FuzzSupport
import RelaisCore

/// Territories from GeoJSON (`relais territories import`): features read, polygons indexed, points located —
/// whatever the coordinates (huge, tiny, not numbers).
@_cdecl("FuzzGeoJSONTerritories_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let data = Data(bytes)
    guard
        let territories = try? GeoJSONTerritories.read(
            data, level: .borough, codeProperty: "CODE", nameProperty: "NOM", served: ["VM"]),
        let index = try? TerritoryIndex(territories)
    else { return 0 }
    for (latitude, longitude) in [(45.5155, -73.5622), (0, 0), (-90, 180), (90, -180)] {
        _ = index.locate(try! GeoPoint(latitude: latitude, longitude: longitude), level: .borough)
    }
    if let bounds = GeoBounds(territories) {
        _ = bounds.centre
        _ = bounds.zoom(toFit: 600, 350)
    }
    return 0
}
