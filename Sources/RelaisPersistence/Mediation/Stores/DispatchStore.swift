import Fluent
import Foundation
import RelaisCore
import SQLKit

/// Assignments and team status changes, which change a team and its request together.
///
/// Each write is conditional on the state it was decided from (`WHERE status = …`), so when two coordinators
/// assign the same team at once exactly one wins and the other gets a ``DispatchConflict``. Call inside
/// ``RelaisStore/transaction(_:)``: a conflict on the second table rolls back the first.
public struct DispatchStore: Sendable {
    let store: RelaisStore
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Sends an available team to a waiting request.
    /// - Throws: ``DispatchConflict/teamUnavailable`` or ``DispatchConflict/requestNotWaiting``.
    /// - Parameter note: why the coordinator chose another team than the recommended one.
    public func assign(
        _ requestID: ServiceRequest.ID, to teamID: MobileTeam.ID, by userID: User.ID, note: String? = nil
    ) async throws {
        let now = store.now
        let teams = try await sql.update(MobileTeamRecord.schema)
            .set("status", to: TeamStatus.assigned.rawValue).set("status_changed_at", to: now)
            .set("current_request_id", to: requestID.rawValue)
            .where("id", .equal, teamID.rawValue).where("status", .equal, TeamStatus.available.rawValue)
            .returning("id").all()
        guard !teams.isEmpty else { throw DispatchConflict.teamUnavailable }
        let requests = try await sql.update(ServiceRequestRecord.schema)
            .set("team_id", to: teamID.rawValue).set("dispatched_at", to: now)
            .where("id", .equal, requestID.rawValue).where("outcome", .equal, "queued")
            .where("team_id", .is, SQLLiteral.null).where("cleared_at", .is, SQLLiteral.null)
            .returning("id").all()
        guard !requests.isEmpty else { throw DispatchConflict.requestNotWaiting }
        try await record(
            TeamStatusChange(from: .available, to: .assigned, at: now), team: teamID, request: requestID, by: userID,
            note: note)
    }

    /// Moves a team to `status`, records the milestone on its request, and optionally its position.
    /// - Returns: the change and the request it concerned.
    /// - Throws: ``IllegalTeamTransition``, ``DispatchConflict/assignThroughDispatch`` or
    ///   ``DispatchConflict/statusChanged``.
    /// - Parameter note: why, when the change drops the team's assignment (sealed with the change).
    public func changeStatus(
        of team: MobileTeam, to status: TeamStatus, position: GeoPoint?, by userID: User.ID, note: String? = nil
    ) async throws -> (change: TeamStatusChange, requestID: ServiceRequest.ID?) {
        if status == .assigned { throw DispatchConflict.assignThroughDispatch }
        let change = try team.status.transition(to: status, at: store.now)
        let effect = change.requestEffect
        var update = try sql.update(MobileTeamRecord.schema)
            .set("status", to: status.rawValue).set("status_changed_at", to: change.at)
        if effect == .cleared || effect == .released {
            update = update.set("current_request_id", to: SQLLiteral.null)
        }
        if let position {
            update = update.set("latitude", to: position.latitude).set("longitude", to: position.longitude)
                .set("position_at", to: change.at)
        }
        let teams = try await update.where("id", .equal, team.id.rawValue)
            .where("status", .equal, team.status.rawValue).returning("id").all()
        guard !teams.isEmpty else { throw DispatchConflict.statusChanged }

        if let requestID = team.currentRequestID {
            let request = try sql.update(ServiceRequestRecord.schema).where("id", .equal, requestID.rawValue)
            switch effect {
            case .none: break
            case .enRoute: try await request.set("en_route_at", to: change.at).run()
            case .onScene: try await request.set("on_scene_at", to: change.at).run()
            case .cleared: try await request.set("cleared_at", to: change.at).run()
            case .released:
                try await request.set("team_id", to: SQLLiteral.null).set("dispatched_at", to: SQLLiteral.null)
                    .set("en_route_at", to: SQLLiteral.null).run()
            }
        }
        try await record(change, team: team.id, request: team.currentRequestID, by: userID, note: note)
        return (change, team.currentRequestID)
    }

    /// Records where a team is, without changing its status.
    public func report(position: GeoPoint, of teamID: MobileTeam.ID) async throws {
        try await sql.update(MobileTeamRecord.schema)
            .set("latitude", to: position.latitude).set("longitude", to: position.longitude)
            .set("position_at", to: store.now).where("id", .equal, teamID.rawValue).run()
    }

    private func record(
        _ change: TeamStatusChange, team: MobileTeam.ID, request: ServiceRequest.ID?, by userID: User.ID,
        note: String? = nil
    ) async throws {
        let event = TeamStatusEventRecord()
        event.id = UUID()
        event.teamID = team.rawValue
        event.fromStatus = change.from.rawValue
        event.toStatus = change.to.rawValue
        event.at = change.at
        event.requestID = request?.rawValue
        event.userID = userID.rawValue
        event.noteSealed = note.map { store.cipher.seal($0) }
        try await event.create(on: store.database)
    }
}
