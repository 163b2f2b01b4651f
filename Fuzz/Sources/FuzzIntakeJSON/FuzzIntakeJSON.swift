import Foundation
import FuzzSupport
import RelaisCore

/// An intake sent as JSON (`POST /api/v1/service-requests`): read with Core's reader, admitted for each channel,
/// validated, triaged. Nothing may trap, whatever the numbers and strings.
@_cdecl("FuzzIntakeJSON_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    guard let form = IntakeForm(json: bytes) else { return 0 }
    for role in [Role.dispatcher, .policeOfficer, .open311Client] {
        guard let admitted = try? IntakeChannel.of(role).admit(form),
            let valid = try? IntakeRules.validate(admitted, situations: Set(TriagePolicy.defaultWeights.keys))
        else { continue }
        _ = TriagePolicy().decide(
            TriageInput(
                screening: valid.screening, territory: nil, situation: valid.situation,
                peopleCount: valid.peopleCount, vulnerabilities: valid.vulnerabilities))
        _ = valid.caller?.jsonText
    }
    return 0
}
