import FuzzSupport
import RelaisCore

/// An Open311 POST Service Request body from a partner application: fields read, attributes answered, rules
/// applied.
@_cdecl("FuzzOpen311Form_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let situations = Set(TriagePolicy.defaultWeights.keys)
    guard let form = try? Open311Form(body: bytes).intakeForm(situations: situations) else { return 0 }
    _ = try? IntakeRules.validate(try IntakeChannel.of(.open311Client).admit(form), situations: situations)
    return 0
}
