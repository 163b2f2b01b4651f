import Foundation
import FuzzSupport
import RelaisCore

/// What comes to the committees from outside: a police service's stations file (GeoJSON), a resident's registration
/// to an open meeting, and a coordinator's forms (a member, a meeting's plan, minutes, a concern, an action, the
/// target organisations' addresses, a committee) — the whole input as the file, and split on newlines as the forms.
@_cdecl("FuzzCommitteeInput_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

let zone = TimeZone(identifier: "America/Toronto")!
let fallbackStation = Station(
    number: "38", name: "Poste de quartier 38", address: "1033, rue Rachel Est, Montréal", latitude: 45.5,
    longitude: -73.6)

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let data = Data(bytes)
    let stations = (try? StationFile.parse(data)) ?? [fallbackStation]
    for station in stations {
        precondition(!station.number.isEmpty && abs(station.latitude) <= 90 && abs(station.longitude) <= 180)
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    func line(_ index: Int) -> String? { index < lines.count ? lines[index] : nil }
    if let registrant = try? RegistrationRules.registrant(name: line(0), email: line(1), organisation: line(2)) {
        precondition(registrant.name.count <= 120 && MailAddress.isPlain(registrant.email))
    }
    _ = try? MemberRules.read(
        name: line(3), email: line(4), phone: line(5), origin: line(6), side: line(7), position: line(8),
        start: line(9), language: line(10), today: "2026-11-27")
    let kind = CommitteeKind(rawValue: line(11) ?? "") ?? .partnership
    if let plan = try? MeetingPlanRules.plan(
        day: line(12), start: line(13), minutes: line(14), station: line(15), stations: stations, purpose: line(16),
        committee: kind, agenda: [.security: line(17) ?? "", .solutions: line(18) ?? ""], isOpen: line(19) == "on",
        capacity: line(20), today: "2026-11-27", timeZone: zone)
    {
        precondition(plan.interval.duration >= 1_800 && plan.capacity <= MeetingPlanRules.maximumCapacity)
    }
    let seated = [CommitteeMember.ID(UUID())]
    _ = try? MinutesRules.minutes(
        members: (line(21) ?? "").split(separator: ",").map(String.init), seated: seated, organisations: line(22),
        residents: line(23), discussion: [.relations: line(24) ?? ""])
    _ = try? MinutesRules.concern(
        theme: line(25), community: line(26), borough: line(27), boroughs: ["VM", "PM"], summary: line(28))
    if let action = try? MinutesRules.action(what: line(29), owner: line(30), due: line(31)) {
        precondition(CivilDay.adding(days: 0, to: action.dueOn) == action.dueOn)
    }
    if let invitees = try? InvitationRules.invitees(line(32)) { precondition(invitees.count <= 200) }
    _ = try? CommitteeRules.committee(
        CommitteeRules.Form(
            code: line(33), kind: line(34), nameFrench: line(35), nameEnglish: line(36), mandateFrench: line(37),
            mandateEnglish: line(38), community: line(39), themes: (line(40) ?? "").split(separator: ",").map(String.init),
            region: line(41), stations: (line(42) ?? "").split(separator: ",").map(String.init), seats: line(43)),
        organisation: .init(UUID()), stations: stations, existing: nil)
    // days from outside: every arithmetic on them stays in range
    for text in lines.prefix(4) {
        if let moved = CivilDay.adding(years: 3, days: -1, to: text) { precondition(moved.count == 10) }
        _ = CivilDay.days(from: text, to: "2026-11-27")
    }
    return 0
}
