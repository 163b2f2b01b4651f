import Foundation

/// A committee's meeting: the platform's meeting (time, cancellation, sequence) with where it is held, what it is
/// for, its agenda by theme, and whether residents may come (then with a capacity and a waiting list).
public struct CommitteeMeeting: Sendable, Equatable, Identifiable {
    public var id: Meeting.ID { meeting.id }
    public var meeting: Meeting
    public let committeeID: Committee.ID
    public var purpose: MeetingPurpose
    /// The neighbourhood station it is held in, by number.
    public var station: String
    public var agenda: [AgendaItem]
    /// Open to residents and target organisations: it has a public page and takes registrations.
    public var isOpen: Bool
    /// Seats for residents (0 when it is not open).
    public var capacity: Int
    /// The sequence its invitations last went out with (`nil`: not sent yet).
    public var invitedSequence: Int?

    public init(
        meeting: Meeting, committeeID: Committee.ID, purpose: MeetingPurpose, station: String, agenda: [AgendaItem],
        isOpen: Bool, capacity: Int, invitedSequence: Int?
    ) {
        self.meeting = meeting
        self.committeeID = committeeID
        self.purpose = purpose
        self.station = station
        self.agenda = agenda
        self.isOpen = isOpen
        self.capacity = capacity
        self.invitedSequence = invitedSequence
    }

    /// Whether calendars have a change to apply that has not gone out (a new time, a cancellation).
    public var hasUnsentChange: Bool { invitedSequence.map { $0 < meeting.sequence } ?? false }
}

/// What a meeting is for.
public enum MeetingPurpose: String, Sendable, CaseIterable, Codable {
    /// One of the committee's own meetings.
    case regular
    /// The strategic committee with members of the partnership committees.
    case joint
    /// The strategic committee with the partnership committees' two delegates.
    case delegates

    public var labelKey: String { "committees.purpose.\(rawValue)" }
}

/// An item of a meeting's agenda.
public struct AgendaItem: Sendable, Equatable, Codable {
    public let theme: CommitteeTheme
    public let text: String

    public init(theme: CommitteeTheme, text: String) {
        self.theme = theme
        self.text = text
    }
}

/// A planned meeting's time, place, purpose and agenda, read from a coordinator's form.
public struct MeetingPlan: Sendable, Equatable {
    public let interval: DateInterval
    public let station: Station
    public let purpose: MeetingPurpose
    public let agenda: [AgendaItem]
    public let isOpen: Bool
    public let capacity: Int

    public init(
        interval: DateInterval, station: Station, purpose: MeetingPurpose, agenda: [AgendaItem], isOpen: Bool,
        capacity: Int
    ) {
        self.interval = interval
        self.station = station
        self.purpose = purpose
        self.agenda = agenda
        self.isOpen = isOpen
        self.capacity = capacity
    }
}

/// The rules of planning a committee's meeting.
public enum MeetingPlanRules {
    public static let maximumCapacity = 500

    /// A plan from the form's fields: a day not past, a local start, a length, a station of the list, an agenda by
    /// theme (at least one item), and, for an open meeting, a capacity.
    /// - Throws: ``ValidationError`` naming `day`, `start`, `minutes`, `station`, `purpose`, `agenda`, `capacity`.
    public static func plan(
        day: String?, start: String?, minutes: String?, station: String?, stations: [Station], purpose: String?,
        committee: CommitteeKind, agenda: [CommitteeTheme: String], isOpen: Bool, capacity: String?, today: String,
        timeZone: TimeZone
    ) throws(ValidationError) -> MeetingPlan {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ key: String) { problems.append(FieldProblem(field: field, messageKey: key)) }
        let day = day.trimmedNonEmpty
        if day == nil || CivilDay.date(day!) == nil || day! < today { problem("day", "committees.error.day") }
        let opens = start.trimmedNonEmpty.flatMap(OpeningHours.minutes)
        if opens == nil || opens! >= 1440 { problem("start", "committees.error.start") }
        let length = minutes.trimmedNonEmpty.flatMap { $0.count <= 4 ? Int($0) : nil }
        if length == nil || !(30...480).contains(length!) { problem("minutes", "committees.error.minutes") }
        let place = station.trimmedNonEmpty.flatMap { number in stations.first { $0.number == number } }
        if place == nil { problem("station", "committees.error.station") }
        let purpose = purpose.trimmedNonEmpty.flatMap(MeetingPurpose.init(rawValue:)) ?? .regular
        if purpose != .regular && committee != .strategic { problem("purpose", "committees.error.purpose") }
        var items: [AgendaItem] = []
        for theme in CommitteeTheme.allCases {
            guard let text = agenda[theme].trimmedNonEmpty else { continue }
            if text.count > 1_000 { problem("agenda", "committees.error.agenda_long") }
            items.append(AgendaItem(theme: theme, text: text))
        }
        if items.isEmpty { problem("agenda", "committees.error.agenda") }
        var seats = 0
        if isOpen {
            let parsed = capacity.trimmedNonEmpty.flatMap { $0.count <= 4 ? Int($0) : nil }
            if let parsed, (1...maximumCapacity).contains(parsed) {
                seats = parsed
            } else {
                problem("capacity", "committees.error.capacity")
            }
        }
        guard problems.isEmpty, let day, let opens, let length, let place,
            let date = Meeting.instant(day: day, minute: opens, timeZone: timeZone)
        else {
            throw ValidationError(
                problems.isEmpty ? [FieldProblem(field: "day", messageKey: "committees.error.day")] : problems)
        }
        return MeetingPlan(
            interval: DateInterval(start: date, duration: Double(length) * 60), station: place, purpose: purpose,
            agenda: items, isOpen: isOpen, capacity: seats)
    }

    /// Whether `interval` at `station` overlaps one of `booked` (other meetings not cancelled, with their station).
    public static func clashes(
        _ interval: DateInterval, station: String, booked: [(interval: DateInterval, station: String)]
    ) -> Bool {
        booked.contains {
            $0.station == station && $0.interval.start < interval.end && interval.start < $0.interval.end
        }
    }
}
