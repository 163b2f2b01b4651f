import Foundation
import RelaisCore
import SQLKit

/// The evenings' duos and their statuses.
public struct DuoStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// The ÉSUP team's organisation, once set.
    public func team() async throws -> Organisation.ID? {
        try await sql.select().column("organisation_id").from("esup_teams").orderBy("recorded_at").limit(1).first()
            .map { Organisation.ID(try $0.decode(column: "organisation_id", as: UUID.self)) }
    }

    /// Makes `organisation` the ÉSUP team (replacing the one set before).
    public func setTeam(_ organisation: Organisation.ID) async throws {
        try await store.transaction { tx in
            try await tx.duos.sql.delete(from: "esup_teams").run()
            do {
                try await tx.insert(
                    into: "esup_teams",
                    [("organisation_id", .uuid(organisation.rawValue)), ("recorded_at", .date(tx.now))])
            } catch  where error.isConstraintFailure {
                throw StoreError.missingReference(field: "organisation")
            }
        }
    }

    /// Forms a duo for an evening.
    /// - Throws: ``StoreError/duplicate(field:)`` (`callSign`) when the call sign is taken that evening.
    public func form(
        team: Organisation.ID, evening: String, callSign: String, officer: User.ID, socialWorker: User.ID
    ) async throws -> Duo {
        let duo = Duo(
            id: Duo.ID(UUID()), team: team, evening: evening, callSign: callSign, officer: officer,
            socialWorker: socialWorker, now: store.now)
        do {
            try await store.insert(
                into: "esup_duos",
                [
                    ("id", .uuid(duo.id.rawValue)), ("team_id", .uuid(team.rawValue)), ("evening", .text(evening)),
                    ("call_sign", .text(callSign)), ("officer_id", .uuid(officer.rawValue)),
                    ("social_worker_id", .uuid(socialWorker.rawValue)), ("status", .text(duo.status.rawValue)),
                    ("status_since", .date(duo.statusSince)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "callSign")
        }
        return duo
    }

    public func duo(_ id: Duo.ID) async throws -> Duo? {
        try await read(try sql.select().column("*").from("esup_duos").where("id", .equal, id.rawValue)).first
    }

    /// The team's duos of an evening, by call sign.
    public func duos(team: Organisation.ID, evening: String) async throws -> [Duo] {
        try await read(
            try sql.select().column("*").from("esup_duos").where("team_id", .equal, team.rawValue)
                .where("evening", .equal, evening).orderBy("call_sign"))
    }

    /// The duo `userID` is on this evening, if any.
    public func duo(of userID: User.ID, evening: String) async throws -> Duo? {
        try await read(
            try sql.select().column("*").from("esup_duos").where("evening", .equal, evening)
                .where {
                    $0.where("officer_id", .equal, userID.rawValue).orWhere("social_worker_id", .equal, userID.rawValue)
                }
                .limit(1)
        ).first
    }

    /// Saves a duo's status.
    public func save(_ duo: Duo) async throws {
        try await sql.update("esup_duos").set("status", to: duo.status.rawValue)
            .set("status_since", to: duo.statusSince).where("id", .equal, duo.id.rawValue).run()
    }

    private func read(_ query: SQLSelectBuilder) async throws -> [Duo] {
        try await query.all().map { row in
            Duo(
                id: Duo.ID(try row.decode(column: "id", as: UUID.self)),
                teamID: Organisation.ID(try row.decode(column: "team_id", as: UUID.self)),
                evening: try row.decode(column: "evening", as: String.self),
                callSign: try row.decode(column: "call_sign", as: String.self),
                officerID: User.ID(try row.decode(column: "officer_id", as: UUID.self)),
                socialWorkerID: User.ID(try row.decode(column: "social_worker_id", as: UUID.self)),
                status: DuoStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .available,
                statusSince: try row.decode(column: "status_since", as: Date.self))
        }
    }
}

extension Duo {
    fileprivate init(
        id: Duo.ID, team: Organisation.ID, evening: String, callSign: String, officer: User.ID,
        socialWorker: User.ID, now: Date
    ) {
        self.init(
            id: id, teamID: team, evening: evening, callSign: callSign, officerID: officer,
            socialWorkerID: socialWorker, status: .available, statusSince: now)
    }
}
