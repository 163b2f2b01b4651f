import Foundation
import RelaisCore
import SQLKit

/// Meetings of every programme's bodies and the organisations present at each (a platform piece).
public struct MeetingStore: Sendable {
    let store: RelaisStore
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// The meeting with `id`.
    public func meeting(_ id: Meeting.ID) async throws -> Meeting? {
        try await sql.select().column("*").from("meetings").where("id", .equal, id.rawValue).first()
            .map(Self.meeting(from:))
    }

    /// A series' meetings starting in `interval`, in order (cancelled ones included).
    public func meetings(series: String, in interval: DateInterval) async throws -> [Meeting] {
        try await sql.select().column("*").from("meetings").where("series", .equal, series)
            .where("starts_at", .greaterThanOrEqual, interval.start).where("starts_at", .lessThan, interval.end)
            .orderBy("starts_at").all().map(Self.meeting(from:))
    }

    /// Adds a meeting.
    public func create(
        series: String, kind: Meeting.Kind, interval: DateInterval, location: String?
    ) async throws -> Meeting {
        let meeting = Meeting(
            id: Meeting.ID(UUID()), series: series, kind: kind, startsAt: interval.start, endsAt: interval.end,
            location: location)
        do {
            try await store.insert(
                into: "meetings",
                [
                    ("id", .uuid(meeting.id.rawValue)), ("series", .text(series)), ("kind", .text(kind.rawValue)),
                    ("starts_at", .date(interval.start)), ("ends_at", .date(interval.end)),
                    ("location", .text(location)), ("sequence", .integer(0)), ("created_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "meeting")
        }
        return meeting
    }

    /// Adds the schedule's regular meetings starting in `interval` that are not there yet (a cancelled one stays
    /// cancelled: it is there).
    /// - Returns: the meetings added.
    @discardableResult
    public func schedule(
        series: String, _ schedule: MeetingSchedule, in interval: DateInterval, timeZone: TimeZone, location: String?
    ) async throws -> [Meeting] {
        let known = Set(try await meetings(series: series, in: interval).filter { $0.kind == .regular }.map(\.startsAt))
        var added: [Meeting] = []
        for occurrence in schedule.occurrences(in: interval, timeZone: timeZone) where !known.contains(occurrence.start)
        {
            added.append(try await create(series: series, kind: .regular, interval: occurrence, location: location))
        }
        return added
    }

    /// Cancels a meeting that is not closed; calendars apply it (`SEQUENCE` goes up).
    public func cancel(_ id: Meeting.ID) async throws -> Bool {
        try await !sql.update("meetings").set("cancelled_at", to: store.now)
            .set(SQLIdentifier("sequence"), to: SQLRaw("sequence + 1")).where("id", .equal, id.rawValue)
            .where("cancelled_at", .is, SQLLiteral.null).where("closed_at", .is, SQLLiteral.null).returning("id")
            .all().isEmpty
    }

    /// Closes a meeting: its attendance and decisions no longer change.
    public func close(_ id: Meeting.ID) async throws -> Bool {
        try await !sql.update("meetings").set("closed_at", to: store.now).where("id", .equal, id.rawValue)
            .where("closed_at", .is, SQLLiteral.null).returning("id").all().isEmpty
    }

    /// The organisations recorded as present.
    public func attendance(_ id: Meeting.ID) async throws -> Set<Organisation.ID> {
        Set(
            try await sql.select().column("organisation_id").from("meeting_attendance")
                .where("meeting_id", .equal, id.rawValue).all()
                .map { Organisation.ID(try $0.decode(column: "organisation_id", as: UUID.self)) })
    }

    /// Replaces the organisations recorded as present.
    public func recordAttendance(_ id: Meeting.ID, present: Set<Organisation.ID>) async throws {
        try await sql.delete(from: "meeting_attendance").where("meeting_id", .equal, id.rawValue).run()
        for organisation in present.sorted(by: { $0.rawValue.uuidString < $1.rawValue.uuidString }) {
            try await store.insert(
                into: "meeting_attendance",
                [
                    ("meeting_id", .uuid(id.rawValue)), ("organisation_id", .uuid(organisation.rawValue)),
                    ("recorded_at", .date(store.now)),
                ])
        }
    }

    static func meeting(from row: any SQLRow) throws -> Meeting {
        Meeting(
            id: Meeting.ID(try row.decode(column: "id", as: UUID.self)),
            series: try row.decode(column: "series", as: String.self),
            kind: Meeting.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .regular,
            startsAt: try row.decode(column: "starts_at", as: Date.self),
            endsAt: try row.decode(column: "ends_at", as: Date.self),
            location: try row.decode(column: "location", as: String?.self),
            cancelledAt: try row.decode(column: "cancelled_at", as: Date?.self),
            closedAt: try row.decode(column: "closed_at", as: Date?.self),
            sequence: try row.decode(column: "sequence", as: Int.self))
    }
}
