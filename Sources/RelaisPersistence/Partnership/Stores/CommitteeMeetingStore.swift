import Foundation
import RelaisCore
import SQLKit

/// The committees' meetings — the platform's meetings with their station, purpose, agenda, openness and minutes —
/// and the registrations to open ones (who comes sealed; the list is an audited read).
public struct CommitteeMeetingStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Adds a committee's meeting.
    public func plan(_ plan: MeetingPlan, for committee: Committee) async throws -> CommitteeMeeting {
        let meeting = try await store.meetings.create(
            series: committee.series, kind: .regular, interval: plan.interval, location: plan.station.address)
        try await store.insert(
            into: "committee_meetings",
            [
                ("meeting_id", .uuid(meeting.id.rawValue)), ("committee_id", .uuid(committee.id.rawValue)),
                ("purpose", .text(plan.purpose.rawValue)), ("station", .text(plan.station.number)),
                ("agenda", .text(try CommitteeStore.json(plan.agenda))), ("is_open", .integer(plan.isOpen ? 1 : 0)),
                ("capacity", .integer(plan.capacity)), ("invited_sequence", .integer(nil)), ("minutes", .text(nil)),
            ])
        return CommitteeMeeting(
            meeting: meeting, committeeID: committee.id, purpose: plan.purpose, station: plan.station.number,
            agenda: plan.agenda, isOpen: plan.isOpen, capacity: plan.capacity, invitedSequence: nil)
    }

    /// The meeting with `id`, with its minutes if recorded.
    public func meeting(_ id: Meeting.ID) async throws -> (meeting: CommitteeMeeting, minutes: Minutes?)? {
        try await select().where(SQLColumn("meeting_id", table: "committee_meetings"), .equal, SQLBind(id.rawValue))
            .first()
            .map { (try Self.meeting(from: $0), try Self.minutes(from: $0)) }
    }

    /// The meetings of some committees (every one with nil) starting in `interval`, in order, cancelled included.
    public func meetings(committees: [Committee.ID]?, in interval: DateInterval) async throws -> [(
        meeting: CommitteeMeeting, minutes: Minutes?
    )] {
        var query = try select().where("starts_at", .greaterThanOrEqual, interval.start)
            .where("starts_at", .lessThan, interval.end)
        if let committees {
            query = query.where(
                SQLColumn("committee_id", table: "committee_meetings"), .in, SQLBind.group(committees.map(\.rawValue)))
        }
        return try await query.orderBy("starts_at").all().map {
            (try Self.meeting(from: $0), try Self.minutes(from: $0))
        }
    }

    /// The meetings not cancelled at `station` overlapping `interval` (for the double-booking check).
    public func booked(station: String, around interval: DateInterval) async throws -> [CommitteeMeeting] {
        try await select().where(SQLColumn("station", table: "committee_meetings"), .equal, SQLBind(station))
            .where("starts_at", .lessThan, interval.end).where("ends_at", .greaterThan, interval.start)
            .where("cancelled_at", .is, SQLLiteral.null).all().map(Self.meeting(from:))
    }

    private func select() throws -> SQLSelectBuilder {
        try sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("committee_meetings")))
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("meetings"))).from("committee_meetings")
            .join(
                "meetings", on: SQLColumn("meeting_id", table: "committee_meetings"), .equal,
                SQLColumn("id", table: "meetings"))
    }

    /// Moves a meeting (not cancelled or closed) to another time; calendars apply it (`SEQUENCE` goes up).
    public func reschedule(_ id: Meeting.ID, to interval: DateInterval) async throws -> Bool {
        try await !sql.update("meetings").set("starts_at", to: interval.start).set("ends_at", to: interval.end)
            .set(SQLIdentifier("sequence"), to: SQLRaw("sequence + 1")).where("id", .equal, id.rawValue)
            .where("cancelled_at", .is, SQLLiteral.null).where("closed_at", .is, SQLLiteral.null).returning("id")
            .all().isEmpty
    }

    /// Records that the invitations went out at `sequence`, to the members and to `invitees` (target
    /// organisations' addresses, sealed).
    public func markInvited(_ id: Meeting.ID, sequence: Int, invitees: [String]) async throws {
        try await sql.update("committee_meetings").set("invited_sequence", to: sequence)
            .set("invitees_sealed", to: store.cipher.seal(try CommitteeStore.json(invitees)))
            .where("meeting_id", .equal, id.rawValue).run()
    }

    /// The target organisations' addresses the invitations went to.
    public func invitees(_ id: Meeting.ID) async throws -> [String] {
        guard
            let sealed = try await sql.select().column("invitees_sealed").from("committee_meetings")
                .where("meeting_id", .equal, id.rawValue).first()?.decode(column: "invitees_sealed", as: String?.self)
        else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(try store.cipher.open(sealed).utf8))
    }

    /// Records (or replaces) a meeting's minutes.
    public func saveMinutes(_ minutes: Minutes, of id: Meeting.ID) async throws {
        try await sql.update("committee_meetings").set("minutes", to: try CommitteeStore.json(minutes))
            .where("meeting_id", .equal, id.rawValue).run()
    }

    /// Takes the meeting's row until the transaction ends on PostgreSQL (SQLite's transactions already take turns):
    /// registrations and cancellations are counted one after the other, so the hall is never over capacity.
    func lock(_ id: Meeting.ID) async throws {
        if store.engine == .postgres {
            try await sql.raw(
                "SELECT meeting_id FROM committee_meetings WHERE meeting_id = \(bind: id.rawValue) FOR UPDATE"
            )
            .run()
        }
    }

    static func meeting(from row: any SQLRow) throws -> CommitteeMeeting {
        CommitteeMeeting(
            meeting: try MeetingStore.meeting(from: row),
            committeeID: .init(try row.decode(column: "committee_id", as: UUID.self)),
            purpose: MeetingPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .regular,
            station: try row.decode(column: "station", as: String.self),
            agenda: try JSONDecoder().decode(
                [AgendaItem].self, from: Data(try row.decode(column: "agenda", as: String.self).utf8)),
            isOpen: try row.decode(column: "is_open", as: Int.self) != 0,
            capacity: try row.decode(column: "capacity", as: Int.self),
            invitedSequence: try row.decode(column: "invited_sequence", as: Int?.self))
    }

    static func minutes(from row: any SQLRow) throws -> Minutes? {
        try row.decode(column: "minutes", as: String?.self).map {
            try JSONDecoder().decode(Minutes.self, from: Data($0.utf8))
        }
    }

    // MARK: registrations

    /// Registers a person to an open meeting: a seat while there are some, else the waiting list.
    /// - Parameter token: the secret of the link that lets them cancel (only its blind index is kept).
    public func register(
        _ registrant: Registrant, to meeting: CommitteeMeeting, language: Language, token: String
    ) async throws -> Registration {
        try await store.transaction { tx in
            let meetings = tx.committeeMeetings
            try await meetings.lock(meeting.id)
            let taken = try await meetings.counts(meeting.id).registered
            let registration = Registration(
                id: .init(UUID()), meetingID: meeting.id, registrant: registrant, language: language,
                status: RegistrationRules.status(registered: taken, capacity: meeting.capacity),
                registeredAt: tx.now)
            try await tx.insert(
                into: "meeting_registrations",
                [
                    ("id", .uuid(registration.id.rawValue)), ("meeting_id", .uuid(meeting.id.rawValue)),
                    ("registrant_sealed", .text(tx.cipher.seal(try CommitteeStore.json(registrant)))),
                    ("email_index", .text(meetings.emailIndex(registrant.email))),
                    ("language", .text(language.rawValue)), ("status", .text(registration.status.rawValue)),
                    ("token_index", .text(meetings.tokenIndex(token))), ("registered_at", .date(tx.now)),
                    ("changed_at", .date(tx.now)),
                ])
            return registration
        }
    }

    func emailIndex(_ email: String) -> String { store.cipher.blindIndex("registrant:" + email.lowercased()) }
    func tokenIndex(_ token: String) -> String { store.cipher.blindIndex("registration-link:" + token) }

    /// Whether `email` holds a registration (seat or waiting) to the meeting, found by its blind index.
    public func isRegistered(_ email: String, to meeting: Meeting.ID) async throws -> Bool {
        try await sql.select().column("id").from("meeting_registrations").where("meeting_id", .equal, meeting.rawValue)
            .where("email_index", .equal, emailIndex(email))
            .where("status", .notEqual, RegistrationStatus.cancelled.rawValue).first() != nil
    }

    /// The registration a cancellation link names, without who it is.
    public func registration(token: String) async throws -> (
        id: Registration.ID, meeting: Meeting.ID, status: RegistrationStatus
    )? {
        try await sql.select().column("id").column("meeting_id").column("status").from("meeting_registrations")
            .where("token_index", .equal, tokenIndex(token)).first().map {
                (
                    .init(try $0.decode(column: "id", as: UUID.self)),
                    .init(try $0.decode(column: "meeting_id", as: UUID.self)),
                    RegistrationStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .cancelled
                )
            }
    }

    /// Cancels the registration a link names; the first ones waiting move up into the freed seats.
    /// - Returns: the registrations that moved up, with who they are (to tell them), or nil when the link names
    ///   nothing or a registration already cancelled.
    public func cancel(token: String, capacity: Int) async throws -> [Registration]? {
        guard let found = try await registration(token: token), found.status != .cancelled else { return nil }
        return try await store.transaction { tx in
            let meetings = tx.committeeMeetings
            try await meetings.lock(found.meeting)
            let cancelled = try await meetings.sql.update("meeting_registrations")
                .set("status", to: RegistrationStatus.cancelled.rawValue).set("changed_at", to: tx.now)
                .where("id", .equal, found.id.rawValue)
                .where("status", .notEqual, RegistrationStatus.cancelled.rawValue).returning("id").all()
            guard !cancelled.isEmpty else { return nil }
            let all = try await meetings.readRegistrations(found.meeting)
            let moving = RegistrationRules.promoted(
                waiting: all, registered: all.filter { $0.status == .registered }.count, capacity: capacity)
            for id in moving {
                try await meetings.sql.update("meeting_registrations")
                    .set("status", to: RegistrationStatus.registered.rawValue).set("changed_at", to: tx.now)
                    .where("id", .equal, id.rawValue).run()
            }
            return all.filter { moving.contains($0.id) }.map {
                var moved = $0
                moved.status = .registered
                return moved
            }
        }
    }

    /// How many hold a seat and how many wait.
    public func counts(_ id: Meeting.ID) async throws -> (registered: Int, waiting: Int) {
        try await counts([id])[id] ?? (0, 0)
    }

    /// How many hold a seat and how many wait, for each of `ids` (one query; a meeting nobody registered to is
    /// absent).
    public func counts(_ ids: [Meeting.ID]) async throws -> [Meeting.ID: (registered: Int, waiting: Int)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select().column("meeting_id").column("status")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("meeting_registrations")
            .where("meeting_id", .in, ids.map(\.rawValue)).groupBy("meeting_id").groupBy("status").all()
        var counts: [Meeting.ID: (registered: Int, waiting: Int)] = [:]
        for row in rows {
            let id = Meeting.ID(try row.decode(column: "meeting_id", as: UUID.self))
            let n = try row.decode(column: "n", as: Int.self)
            var count = counts[id] ?? (0, 0)
            switch RegistrationStatus(rawValue: try row.decode(column: "status", as: String.self)) {
            case .registered: count.registered = n
            case .waiting: count.waiting = n
            default: break
            }
            counts[id] = count
        }
        return counts
    }

    /// Who registered to a meeting, in the order they came, for `reader`: an audited read.
    public func registrations(_ id: Meeting.ID, by reader: Reader) async throws -> [Registration] {
        try await store.audited(.meetingRegistration, by: reader, id: { _ in id.description }) { tx in
            try await tx.committeeMeetings.readRegistrations(id)
        } ?? []
    }

    /// The registrations (seat or waiting) to notify of a change or a cancellation of the meeting, opened without
    /// an audit entry of their own: the change's audit entry names the meeting.
    public func recipients(_ id: Meeting.ID) async throws -> [Registration] {
        try await readRegistrations(id).filter { $0.status != .cancelled }
    }

    func readRegistrations(_ id: Meeting.ID) async throws -> [Registration] {
        let cipher = store.cipher
        return try await sql.select().column("*").from("meeting_registrations")
            .where("meeting_id", .equal, id.rawValue).orderBy("registered_at").all().map { row in
                Registration(
                    id: .init(try row.decode(column: "id", as: UUID.self)), meetingID: id,
                    registrant: try JSONDecoder().decode(
                        Registrant.self,
                        from: Data(try cipher.open(try row.decode(column: "registrant_sealed", as: String.self)).utf8)),
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .french,
                    status: RegistrationStatus(rawValue: try row.decode(column: "status", as: String.self))
                        ?? .cancelled,
                    registeredAt: try row.decode(column: "registered_at", as: Date.self))
            }
    }
}
