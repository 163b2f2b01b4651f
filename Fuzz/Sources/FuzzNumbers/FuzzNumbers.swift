import Foundation
import FuzzSupport
import RelaisCore

/// Numbers and dates typed in query strings and small forms, as the server converts them: paging, capacity, an
/// agreement's day, a search's limit and offset, a position. Each line of the input is one value.
@_cdecl("FuzzNumbers_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
    if let paging = try? Paging(number: Int(line(0)), size: Int(line(1)), defaultSize: 50, maximumSize: 500) {
        _ = paging.offset
        _ = paging.pageCount(total: Int(line(2)).map { max(0, min($0, 1_000_000_000)) } ?? 0)
    }
    if let available = Int(line(3)) {
        _ = try? ResourceCapacity(available: available, occupied: Int(line(4)))
    }
    _ = try? InterventionRules.dueDay(line(5), timeZone: TimeZone(identifier: "America/Toronto")!)
    let search = DirectorySearch(
        text: line(6), now: Date(timeIntervalSince1970: 1_800_000_000), limit: Int(line(7)) ?? 20,
        offset: Int(line(8)) ?? 0)
    _ = search.limit + search.offset
    if let latitude = Double(line(9)), let longitude = Double(line(10)) {
        _ = try? GeoPoint(latitude: latitude, longitude: longitude)
    }
    return 0
}
