import Foundation
import FuzzSupport
import RelaisCore

/// The tabular form of HSDS (`relais resources import folder/`): CSV text read into records, then nested into
/// HSDS objects as the datapackage describes them. The first byte picks the table the text stands for.
@_cdecl("FuzzHSDSCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    guard let first = bytes.first else { return 0 }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    guard let records = try? CSV.parse(text) else { return 0 }
    let tables = ["organizations.csv", "services.csv", "locations.csv", "schedules.csv", "phones.csv"]
    let tabular = HSDSTabular(datapackage: datapackage)
    let nested = tabular.nest([tables[Int(first) % tables.count]: records])
    _ = HSDSReader().read(nested.documents, kinds: nested.kinds)
    return 0
}

/// The datapackage Relais ships, read once (from the repository, where the fuzzer runs).
let datapackage: JSONValue = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Resources/HSDS/datapackage.json")
    guard let data = try? Data(contentsOf: path), let value = try? JSONText.parse(data) else {
        fatalError("Resources/HSDS/datapackage.json is unreadable")
    }
    return value
}()
