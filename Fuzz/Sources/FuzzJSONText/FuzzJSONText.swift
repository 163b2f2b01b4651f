import FuzzSupport
import RelaisCore

/// JSON text (every API body, every HSDS import): whatever the bytes, parsing returns or throws, and what it
/// returns writes back to text that parses to the same value.
@_cdecl("FuzzJSONText_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    guard let value = try? JSONText.parse(bytes) else { return 0 }
    let written = JSONText.write(value)
    guard let again = try? JSONText.parse(Array(written.utf8)) else {
        fatalError("written JSON does not parse: \(written)")
    }
    // NaN and infinities are written as null; everything else comes back as it was.
    if !written.contains("null") && again != value { fatalError("round trip changed the value: \(written)") }
    return 0
}
