import Foundation
import FuzzSupport
import RelaisCore

/// What an agency's representative types in filter 1 and what a deployment sets: the description, the identity
/// (names, birth dates), days, a vote rule, a meeting schedule and the fields to reveal — split from one input on
/// newlines.
@_cdecl("FuzzSituationForm_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let lines = String(decoding: Data(bytes), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    func line(_ index: Int) -> String? { index < lines.count ? lines[index] : nil }
    let zone = TimeZone(identifier: "America/Toronto")!
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    _ = try? SituationRules.description(
        subject: line(0), riskFactors: (line(1) ?? "").split(separator: ",").map(String.init),
        ageCohorts: (line(2) ?? "").split(separator: ",").map(String.init),
        genders: (line(3) ?? "").split(separator: ",").map(String.init), summary: line(4), taxonomy: .relaisDefault)
    if let identity = try? SituationRules.identity(
        people: [(line(5), line(6), line(7)), (line(8), nil, line(9))], place: line(10),
        subject: line(0).flatMap(SubjectType.init(rawValue:)), timeZone: zone, now: now)
    {
        _ = identity.minimal([.firstName, .age], on: now, timeZone: zone)
    }
    for text in lines.prefix(16) {
        _ = SituationRules.day(text, timeZone: zone)
        _ = VoteRule(setting: text)
        _ = IdentityField.fields(setting: text)
        if let schedule = MeetingSchedule(setting: text) {
            _ = schedule.occurrences(in: DateInterval(start: now, duration: 30 * 86_400), timeZone: zone)
        }
    }
    return 0
}
