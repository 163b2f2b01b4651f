import Foundation
import FuzzSupport
import RelaisCore

/// What a frontline officer, the ÉSUP duo and the team type: a consult request (event, place, kinds, the safety
/// answers, the scene, the mode, a callback), the assessment and the closing (outcome, legal ground, resources), a
/// person's identifiers and a search's keys, a consent, a support plan and a follow-up task — split from one input on
/// newlines.
@_cdecl("FuzzConsultForm_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let lines = String(decoding: Data(bytes), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    func line(_ index: Int) -> String? { index < lines.count ? lines[index] : nil }
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let screening: [String: String?] = [
        "immediateDangerToLife": line(5), "weapon": line(6), "crimeInProgress": line(7), "medicalEmergency": line(8),
    ]
    guard
        let request = try? ConsultRules.request(
            eventNumber: line(0), place: line(1), situations: (line(2) ?? "").split(separator: ",").map(String.init),
            sceneSecured: line(3), mode: line(4), details: line(9), screening: screening, callback: line(10))
    else { return fuzzPerson(lines, now: now) }
    var consult = Consult(
        id: .init(UUID()), reference: "ÉSUP-0001", teamID: .init(UUID()), requesterOrganisationID: .init(UUID()),
        requestedBy: nil, requestedAt: now, request: request)
    var duo = Duo(
        id: .init(UUID()), teamID: consult.teamID, evening: Evening.of(now, timeZone: .current), callSign: "1",
        officerID: .init(UUID()), socialWorkerID: .init(UUID()), status: .available, statusSince: now)
    try? ConsultRules.accept(&consult, by: &duo, now: now)
    try? ConsultRules.advise(&consult, advice: line(11), to: line(12))
    try? ConsultRules.assess(&consult, riskToSelf: line(13), riskToOthers: line(14), note: line(15))
    var maybeDuo: Duo? = duo
    try? ConsultRules.close(
        &consult, duo: &maybeDuo, outcome: line(16), legalGround: line(17),
        resourceIDs: (line(18) ?? "").split(separator: ",").map(String.init), now: now.addingTimeInterval(600))
    _ = consult.officerMinutes
    return fuzzPerson(lines, now: now)
}

func fuzzPerson(_ lines: [String], now: Date) -> CInt {
    func line(_ index: Int) -> String? { index < lines.count ? lines[index] : nil }
    if let person = try? PersonIdentifiers.checked(
        givenName: line(19), familyName: line(20), birthDate: line(21), phone: line(22), today: "2026-11-27")
    {
        _ = person.keys.map(\.indexed)
    }
    for text in lines.prefix(24) {
        _ = PersonIdentifiers.folded(text)
        _ = PersonIdentifiers.phoneDigits(text)
        _ = PersonIdentifiers.isDay(text)
    }
    let consent = try? ConsentRules.checked(purpose: line(23), basis: line(24), note: line(25))
    let records = consent.map {
        [
            ConsentRecord(
                id: .init(UUID()), personID: .init(UUID()), purpose: $0.0, basis: $0.1, note: $0.2, recordedAt: now,
                recordedBy: nil)
        ]
    } ?? []
    _ = try? SupportPlanRules.checked(
        whatHelps: line(26), toAvoid: line(27), peopleToCall: line(28), preferredResources: line(29),
        approachNote: line(30), reviewOn: line(31), consents: records, today: "2026-11-27", latestReview: "2027-11-27")
    let member = User.ID(UUID())
    _ = try? FollowUpTask.checked(
        what: line(32), assignee: line(33).flatMap(User.ID.init) ?? member, among: [member], dueOn: line(34),
        today: "2026-11-27")
    return 0
}
