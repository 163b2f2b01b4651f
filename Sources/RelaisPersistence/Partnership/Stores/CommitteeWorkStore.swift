import Foundation
import RelaisCore
import SQLKit

/// The committees' follow-up: the concerns raised at meetings, the actions carried until done, the delegates
/// named each year, and the years whose annual report is published.
public struct CommitteeWorkStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Records a concern raised at a meeting.
    public func raise(_ concern: Concern) async throws {
        try await store.insert(
            into: "committee_concerns",
            [
                ("id", .uuid(concern.id.rawValue)), ("committee_id", .uuid(concern.committeeID.rawValue)),
                ("meeting_id", .uuid(concern.meetingID.rawValue)), ("theme", .text(concern.theme.rawValue)),
                ("community", .text(concern.community.rawValue)), ("borough", .text(concern.borough)),
                ("summary", .text(concern.summary)), ("raised_on", .text(concern.raisedOn)),
            ])
    }

    /// The concerns of some committees (every one with nil) raised from `since` (a day), the latest first.
    public func concerns(committees: [Committee.ID]?, since: String) async throws -> [Concern] {
        var query = try sql.select().column("*").from("committee_concerns").where(
            "raised_on", .greaterThanOrEqual, since)
        if let committees { query = query.where("committee_id", .in, committees.map(\.rawValue)) }
        return try await query.orderBy("raised_on", .descending).all().map { row in
            Concern(
                id: .init(try row.decode(column: "id", as: UUID.self)),
                committeeID: .init(try row.decode(column: "committee_id", as: UUID.self)),
                meetingID: .init(try row.decode(column: "meeting_id", as: UUID.self)),
                theme: CommitteeTheme(rawValue: try row.decode(column: "theme", as: String.self)) ?? .security,
                community: Community(rawValue: try row.decode(column: "community", as: String.self)) ?? .everyone,
                borough: try row.decode(column: "borough", as: String?.self),
                summary: try row.decode(column: "summary", as: String.self),
                raisedOn: try row.decode(column: "raised_on", as: String.self))
        }
    }

    /// Records an action decided at a meeting.
    public func add(_ action: CommitteeAction) async throws {
        try await store.insert(
            into: "committee_actions",
            [
                ("id", .uuid(action.id.rawValue)), ("committee_id", .uuid(action.committeeID.rawValue)),
                ("meeting_id", .uuid(action.meetingID.rawValue)), ("concern_id", .uuid(action.concernID?.rawValue)),
                ("what", .text(action.what)), ("owner", .text(action.owner)), ("due_on", .text(action.dueOn)),
                ("status", .text(action.status.rawValue)), ("done_on", .text(action.doneOn)),
                ("updated_at", .date(store.now)),
            ])
    }

    /// The actions of some committees (every one with nil): open ones (all) and those done from `doneSince`; with
    /// `raisedBefore`, only those decided at a meeting before it (a past year's report).
    public func actions(committees: [Committee.ID]?, doneSince: String, raisedBefore: Date? = nil) async throws
        -> [CommitteeAction]
    {
        var query = try sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("committee_actions")))
            .from("committee_actions")
        if let committees {
            query = query.where(
                SQLColumn("committee_id", table: "committee_actions"), .in, SQLBind.group(committees.map(\.rawValue)))
        }
        if let raisedBefore {
            query = query.join(
                "meetings", on: SQLColumn("meeting_id", table: "committee_actions"), .equal,
                SQLColumn("id", table: "meetings")
            ).where(SQLColumn("starts_at", table: "meetings"), .lessThan, SQLBind(raisedBefore))
        }
        query = query.where { group in
            group.where("status", .notEqual, ActionStatus.done.rawValue)
                .orWhere("done_on", .greaterThanOrEqual, doneSince)
        }
        return try await query.orderBy("due_on").all().map(Self.action(from:))
    }

    /// The action with `id`.
    public func action(_ id: CommitteeAction.ID) async throws -> CommitteeAction? {
        try await sql.select().column("*").from("committee_actions").where("id", .equal, id.rawValue).first()
            .map(Self.action(from:))
    }

    /// Moves an action to `status` from the status it was read at: a concurrent step fails (false).
    public func step(_ id: CommitteeAction.ID, from previous: ActionStatus, to status: ActionStatus, on day: String)
        async throws -> Bool
    {
        try await !sql.update("committee_actions").set("status", to: status.rawValue)
            .set("done_on", to: status == .done ? day : nil).set("updated_at", to: store.now)
            .where("id", .equal, id.rawValue).where("status", .equal, previous.rawValue).returning("id").all().isEmpty
    }

    static func action(from row: any SQLRow) throws -> CommitteeAction {
        CommitteeAction(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            committeeID: .init(try row.decode(column: "committee_id", as: UUID.self)),
            meetingID: .init(try row.decode(column: "meeting_id", as: UUID.self)),
            concernID: try row.decode(column: "concern_id", as: UUID?.self).map { Concern.ID($0) },
            what: try row.decode(column: "what", as: String.self),
            owner: try row.decode(column: "owner", as: String.self),
            dueOn: try row.decode(column: "due_on", as: String.self),
            status: ActionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            doneOn: try row.decode(column: "done_on", as: String?.self))
    }

    // MARK: delegates

    /// Names (or renames) a committee's delegates for a year.
    public func name(_ pair: DelegatePair) async throws {
        try await sql.delete(from: "committee_delegates").where("committee_id", .equal, pair.committeeID.rawValue)
            .where("year", .equal, pair.year).run()
        try await store.insert(
            into: "committee_delegates",
            [
                ("committee_id", .uuid(pair.committeeID.rawValue)), ("year", .integer(pair.year)),
                ("police_member_id", .uuid(pair.police.rawValue)),
                ("civilian_member_id", .uuid(pair.civilian.rawValue)), ("named_at", .date(store.now)),
            ])
    }

    /// The pairs named for `year`.
    public func pairs(year: Int) async throws -> [DelegatePair] {
        try await sql.select().column("*").from("committee_delegates").where("year", .equal, year).all().map { row in
            DelegatePair(
                committeeID: .init(try row.decode(column: "committee_id", as: UUID.self)),
                year: try row.decode(column: "year", as: Int.self),
                police: .init(try row.decode(column: "police_member_id", as: UUID.self)),
                civilian: .init(try row.decode(column: "civilian_member_id", as: UUID.self)))
        }
    }

    // MARK: reports

    /// Publishes a police service's report of `year` (once; false when it already was).
    public func publish(year: Int, organisation: Organisation.ID) async throws -> Bool {
        do {
            try await store.insert(
                into: "committee_reports",
                [
                    ("organisation_id", .uuid(organisation.rawValue)), ("year", .integer(year)),
                    ("published_at", .date(store.now)),
                ])
            return true
        } catch  where error.isConstraintFailure {
            return false
        }
    }

    /// The published years of every police service, the latest first.
    public func published() async throws -> [(organisation: Organisation.ID, year: Int)] {
        try await sql.select().column("*").from("committee_reports").orderBy("year", .descending).all().map {
            (
                .init(try $0.decode(column: "organisation_id", as: UUID.self)),
                try $0.decode(column: "year", as: Int.self)
            )
        }
    }
}
