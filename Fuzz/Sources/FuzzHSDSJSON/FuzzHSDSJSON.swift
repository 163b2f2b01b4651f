import Foundation
import FuzzSupport
import RelaisCore

/// An HSDS 3.0 JSON import (`relais resources import`): any document is read into records or named problems,
/// opening hours and translations included; Montréal's places of interest are read from the same bytes.
@_cdecl("FuzzHSDSJSON_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    guard let value = try? JSONText.parse(bytes) else { return 0 }
    _ = HSDSReader().read([(source: "fuzz.json", value: value)])
    _ = MontrealPlaces.organizations(from: value)
    if let schedules = value.array {
        _ = try? HoursUpdate(schedules: schedules)
        var problems: [HSDSProblem] = []
        let hours = OpeningHours(schedules: schedules, path: "schedules", problems: &problems)
        _ = hours.isOpen(at: Date(timeIntervalSince1970: 1_800_000_000), in: TimeZone(identifier: "America/Toronto")!)
    }
    return 0
}
