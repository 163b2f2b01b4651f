import Foundation

/// Writes iCalendar documents (RFC 5545) for meeting feeds and invitations: local times with their `VTIMEZONE`
/// (every offset change of the years covered), escaped text, lines folded at 75 octets, CRLF line ends.
public struct ICalendar: Sendable {
    /// One event.
    public struct Event: Sendable, Equatable {
        public let uid: String
        public let sequence: Int
        public let start: Date
        public let end: Date
        public let summary: String
        public let location: String?
        public let description: String?
        public let cancelled: Bool
        /// For an invitation: who sends it and to whom (`mailto:` addresses; RFC 5546 requires them).
        public let organizer: String?
        public let attendees: [String]

        public init(
            uid: String, sequence: Int, start: Date, end: Date, summary: String, location: String?,
            description: String?, cancelled: Bool, organizer: String? = nil, attendees: [String] = []
        ) {
            self.uid = uid
            self.sequence = sequence
            self.start = start
            self.end = end
            self.summary = summary
            self.location = location
            self.description = description
            self.cancelled = cancelled
            self.organizer = organizer
            self.attendees = attendees
        }
    }

    public let name: String
    public let timeZone: TimeZone
    /// `PUBLISH` for a feed; `REQUEST` or `CANCEL` for an invitation.
    public let method: String

    public init(name: String, timeZone: TimeZone, method: String = "PUBLISH") {
        self.name = name
        self.timeZone = timeZone
        self.method = method
    }

    /// The document holding `events`, stamped `now`.
    public func document(_ events: [Event], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais//Relais//FR", "CALSCALE:GREGORIAN",
            "METHOD:\(method)", "X-WR-CALNAME:\(Self.text(name))", "X-WR-TIMEZONE:\(timeZone.identifier)",
        ]
        lines += timeZoneLines(covering: events.map(\.start) + [now])
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(event.uid)", "DTSTAMP:\(Self.utc(now))", "SEQUENCE:\(event.sequence)",
                "DTSTART;TZID=\(timeZone.identifier):\(local(event.start))",
                "DTEND;TZID=\(timeZone.identifier):\(local(event.end))", "SUMMARY:\(Self.text(event.summary))",
            ]
            if let location = event.location { lines.append("LOCATION:\(Self.text(location))") }
            if let description = event.description { lines.append("DESCRIPTION:\(Self.text(description))") }
            if let organizer = event.organizer { lines.append("ORGANIZER:mailto:\(organizer)") }
            lines += event.attendees.map { "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:\($0)" }
            lines += ["STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The `VTIMEZONE` of the deployment's zone: one sub-component per offset change in the years around `dates`.
    private func timeZoneLines(covering dates: [Date]) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let years = dates.map { calendar.component(.year, from: $0) }
        let first = calendar.date(from: DateComponents(year: (years.min() ?? 2000) - 1, month: 1, day: 1)) ?? .now
        let last = calendar.date(from: DateComponents(year: (years.max() ?? 2000) + 2, month: 1, day: 1)) ?? .now
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(timeZone.identifier)"]
        var transition = timeZone.nextDaylightSavingTimeTransition(after: first)
        var changes = 0
        while let change = transition, change < last, changes < 200 {
            let before = timeZone.secondsFromGMT(for: change.addingTimeInterval(-1))
            let after = timeZone.secondsFromGMT(for: change)
            let kind = timeZone.isDaylightSavingTime(for: change) ? "DAYLIGHT" : "STANDARD"
            lines += [
                "BEGIN:\(kind)", "DTSTART:\(Self.local(change.addingTimeInterval(Double(before)), in: .gmt))",
                "TZOFFSETFROM:\(Self.offset(before))", "TZOFFSETTO:\(Self.offset(after))", "END:\(kind)",
            ]
            changes += 1
            transition = timeZone.nextDaylightSavingTimeTransition(after: change)
        }
        if changes == 0 {
            let offset = Self.offset(timeZone.secondsFromGMT(for: first))
            lines += [
                "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)",
                "END:STANDARD",
            ]
        }
        return lines + ["END:VTIMEZONE"]
    }

    private func local(_ date: Date) -> String { Self.local(date, in: timeZone) }

    private static func local(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    private static func utc(_ date: Date) -> String { local(date, in: .gmt) + "Z" }

    private static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d%02d", sign, minutes / 60, minutes % 60)
    }

    /// Escapes a TEXT value (RFC 5545 §3.3.11).
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r\n": escaped += "\\n"
            case "\r": continue
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Folds a content line at 75 octets without splitting a character (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        var result = ""
        var width = 0
        for character in line {
            let size = String(character).utf8.count
            if width + size > 75 {
                result += "\r\n "
                width = 1
            }
            result.append(character)
            width += size
        }
        return result
    }
}
