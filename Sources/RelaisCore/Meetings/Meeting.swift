import Foundation

/// A meeting of one of the programmes' bodies (a situation table, a committee), shared by every programme: when and
/// where, whether it was cancelled or closed, and the sequence number calendars use to apply a change.
public struct Meeting: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Meeting>

    /// Whether the meeting is one of the schedule's or called for an urgent matter.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case regular
        case emergency

        public var labelKey: String { "meeting.kind.\(rawValue)" }
    }

    public let id: ID
    /// The body that meets (`situation_table`, a committee's id): whose calendar it is in.
    public let series: String
    public var kind: Kind
    public var startsAt: Date
    public var endsAt: Date
    public var location: String?
    public var cancelledAt: Date?
    /// When the chair closed it: its agenda, attendance and votes no longer change.
    public var closedAt: Date?
    /// Incremented at each change a calendar should apply (RFC 5545 `SEQUENCE`).
    public var sequence: Int

    public init(
        id: ID, series: String, kind: Kind, startsAt: Date, endsAt: Date, location: String?, cancelledAt: Date? = nil,
        closedAt: Date? = nil, sequence: Int = 0
    ) {
        self.id = id
        self.series = series
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.location = location
        self.cancelledAt = cancelledAt
        self.closedAt = closedAt
        self.sequence = sequence
    }

    /// Whether the meeting still takes business: neither cancelled nor closed.
    public func isOpen(at date: Date) -> Bool { cancelledAt == nil && closedAt == nil }

    /// The instant of a local day (`yyyy-MM-dd`) and minute of the day in `timeZone`.
    public static func instant(day: String, minute: Int, timeZone: TimeZone) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(
            from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: minute / 60, minute: minute % 60)
        )
    }
}
