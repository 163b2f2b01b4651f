import FuzzSupport
import RelaisCore

/// The intake page's form body (`POST /demandes`): fields read, numbers converted, rules applied.
@_cdecl("FuzzIntakeForm_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let page = IntakePageForm(FormFields(bytes))
    _ = try? IntakeRules.validate(
        try IntakeChannel.of(.dispatcher).admit(page.intakeForm), situations: Set(TriagePolicy.defaultWeights.keys))
    return 0
}
