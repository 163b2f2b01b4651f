import Foundation
import FuzzSupport
import RelaisCore

/// What a resident types on RÉSO's public form (the safety answers, the topic, the place and point, how to answer,
/// the message), what a supervisor types on an officer's card (name, cell number, languages, a week of shifts), an
/// officer's work-log entry, and stored grid cells read back — split from one input on newlines.
@_cdecl("FuzzResidentMessage_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in fuzz(bytes(data, count)) }
}

func fuzz(_ bytes: UnsafeRawBufferPointer) -> CInt {
    let lines = String(decoding: Data(bytes), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    func line(_ index: Int) -> String? { index < lines.count ? lines[index] : nil }
    let form = MessageRules.Form(
        safety: ["dangerNow": line(0), "crimeNow": line(1), "medicalNow": line(2)], topic: line(3), place: line(4),
        latitude: line(5), longitude: line(6), replyBy: line(7), phone: line(8), email: line(9), name: line(10),
        body: line(11), website: line(12))
    if let content = try? MessageRules.compose(form) {
        precondition(content.body.count <= MessageRules.maximumBodyLength)
        if let latitude = content.latitude { precondition(latitude.isFinite && abs(latitude) <= 90) }
        var message = ResidentMessage(
            id: .init(UUID()), reference: "RESO-0000-0000", organisationID: .init(UUID()), sectorCode: "S",
            officerID: nil, receivedAt: Date(timeIntervalSince1970: 1_790_000_000), language: .french,
            content: content, status: .new, firstReplyAt: nil, escalatedAt: nil)
        let kind = MessageStep.Kind(rawValue: line(13) ?? "") ?? .note
        _ = try? MessageRules.step(kind, text: line(14), on: &message, by: .init(UUID()), now: message.receivedAt)
    }
    _ = try? OfficerRules.card(
        name: line(15), cellPhone: line(16), languages: (line(17) ?? "").split(separator: ",").map(String.init))
    let rows = (18..<25).map { index -> OfficerRules.DutyRow in
        let parts = (line(index) ?? "").split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        return OfficerRules.DutyRow(
            day: parts.first.flatMap { Int($0) }, start: parts.count > 1 ? parts[1] : nil,
            end: parts.count > 2 ? parts[2] : nil)
    }
    if let duty = try? OfficerRules.duty(rows) {
        for interval in duty.intervals {
            precondition(0 <= interval.start && interval.start < interval.end && interval.end <= OpeningHours.minutesPerWeek)
        }
        _ = OfficerRules.rows(duty)
        _ = duty.isOpen(at: Date(timeIntervalSince1970: 1_790_000_000), in: TimeZone(identifier: "America/Toronto")!)
    }
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let minutes = (line(28) ?? "").count <= 5 ? Int(line(28) ?? "") ?? 0 : 0
    if let entry = try? ContactRules.entry(
        kind: line(25), place: line(26), note: line(27), latitude: line(5), longitude: line(6),
        at: now.addingTimeInterval(-Double(max(0, min(minutes, 100_000))) * 60), now: now)
    {
        precondition(entry.place.count <= MessageRules.maximumPlaceLength && entry.note.count <= 4_000)
    }
    _ = try? SectorDemand.count(csv: String(decoding: Data(bytes), as: UTF8.self), latitudeColumn: "no", longitudeColumn: "dangerNow") { _ in "S" }
    _ = RepeatPlaces.signals(
        lines.prefix(50).compactMap(GridCell.init).map { RepeatPlaces.Event(cell: $0, at: now, sectorCode: "S") },
        now: now)
    return 0
}
