import Foundation
import RelaisCore
import Testing

@Suite("Meetings: weekly schedules and iCalendar documents")
struct ICalendarTests {
    static let toronto = TimeZone(identifier: "America/Toronto")!

    @Test("twice a week at 09:30 local time, across the change of hour")
    func schedule() throws {
        let schedule = try #require(MeetingSchedule(setting: "tue,thu 09:30 90"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.toronto
        let start = try #require(calendar.date(from: DateComponents(year: 2026, month: 10, day: 26)))
        let end = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 9)))
        let meetings = schedule.occurrences(in: DateInterval(start: start, end: end), timeZone: Self.toronto)
        #expect(meetings.count == 4)
        #expect(meetings.allSatisfy { calendar.component(.hour, from: $0.start) == 9 })
        #expect(meetings.map { calendar.component(.day, from: $0.start) } == [27, 29, 3, 5])
        #expect(meetings.first?.duration == 5_400)
        for bad in ["tue 25:00 90", "funday 09:30 90", "tue 9:30 90", "tue 09:30 5", "tue 09:30 99999999"] {
            #expect(MeetingSchedule(setting: bad) == nil, "\(bad)")
        }
    }

    @Test("a feed: local times with their zone, text escaped, lines folded at 75 octets with CRLF")
    func document() throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let calendar = ICalendar(name: "Table", timeZone: Self.toronto)
        let text = calendar.document(
            [
                ICalendar.Event(
                    uid: "a@relais", sequence: 2, start: start, end: start.addingTimeInterval(5_400),
                    summary: "Réunion; table, situation", location: String(repeating: "é", count: 60),
                    description: "ligne 1\nligne 2", cancelled: true)
            ], now: start)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:Réunion\\; table\\, situation\r\n"))
        #expect(text.contains("DESCRIPTION:ligne 1\\nligne 2\r\n"))
        #expect(text.contains("DTSTART;TZID=America/Toronto:20261118T"))
        #expect(text.contains("BEGIN:DAYLIGHT") && text.contains("TZOFFSETTO:-0500"))
        #expect(text.contains("STATUS:CANCELLED") && text.contains("SEQUENCE:2"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
