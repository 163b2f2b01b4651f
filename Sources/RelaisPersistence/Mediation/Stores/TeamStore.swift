import Fluent
import Foundation
import RelaisCore
import SQLKit

/// Mobile teams, their members and shifts.
public struct TeamStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// Creates an off-duty team.
    /// - Throws: ``StoreError/duplicate(field:)`` for `name` (the organisation has a team by that name) or
    ///   `members` (a member is already in another team).
    public func create(
        organisationID: Organisation.ID, name: String, vehicle: String, members: [User.ID]
    ) async throws -> MobileTeam {
        let record = MobileTeamRecord()
        record.id = UUID()
        record.organisationID = organisationID.rawValue
        record.name = name
        record.vehicle = vehicle
        record.status = TeamStatus.offDuty.rawValue
        record.statusChangedAt = store.now
        do {
            try await record.create(on: database)
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "team_name")
        }
        for member in members {
            do {
                try await TeamMemberRecord(teamID: record.id!, userID: member.rawValue).create(on: database)
            } catch  where error.isConstraintFailure {
                throw StoreError.duplicate(field: "members")
            }
        }
        return team(from: record, members: members)
    }

    public func team(_ id: MobileTeam.ID) async throws -> MobileTeam? {
        guard let record = try await MobileTeamRecord.find(id.rawValue, on: database) else { return nil }
        return try await withMembers([record]).first
    }

    /// The team a user belongs to, if any.
    public func team(memberID: User.ID) async throws -> MobileTeam? {
        guard
            let membership = try await TeamMemberRecord.query(on: database)
                .filter(\.$userID == memberID.rawValue).first()
        else { return nil }
        return try await team(MobileTeam.ID(membership.teamID))
    }

    /// The organisation's teams, by name.
    public func teams(organisationID: Organisation.ID) async throws -> [MobileTeam] {
        let records = try await MobileTeamRecord.query(on: database)
            .filter(\.$organisationID == organisationID.rawValue).sort(\.$name).all()
        return try await withMembers(records)
    }

    /// Adds a shift (the caller checks it against ``Roster/validate(_:against:)``).
    public func addShift(teamID: MobileTeam.ID, territoryCode: String, interval: DateInterval) async throws -> Shift {
        let record = ShiftRecord()
        record.id = UUID()
        record.teamID = teamID.rawValue
        record.territoryCode = territoryCode
        record.startsAt = interval.start
        record.endsAt = interval.end
        try await record.create(on: database)
        return Self.shift(from: record)
    }

    /// Shifts of the given teams that overlap `period`, by start.
    public func shifts(teamIDs: [MobileTeam.ID], overlapping period: DateInterval) async throws -> [Shift] {
        guard !teamIDs.isEmpty else { return [] }
        return try await ShiftRecord.query(on: database)
            .filter(\.$teamID ~~ teamIDs.map(\.rawValue))
            .filter(\.$startsAt < period.end).filter(\.$endsAt > period.start)
            .sort(\.$startsAt).all().map(Self.shift(from:))
    }

    /// The shifts in a borough that overlap `period`, with the organisation of the team that works them.
    public func shifts(inTerritory code: String, overlapping period: DateInterval) async throws
        -> [(organisationID: Organisation.ID, interval: DateInterval)]
    {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let rows = try await sql.select().column(SQLColumn("organisation_id", table: "t"))
            .column(SQLColumn("starts_at", table: "s")).column(SQLColumn("ends_at", table: "s"))
            .from(SQLAlias(SQLIdentifier(ShiftRecord.schema), as: SQLIdentifier("s")))
            .join(
                SQLAlias(SQLIdentifier(MobileTeamRecord.schema), as: SQLIdentifier("t")),
                on: SQLColumn("id", table: "t"), .equal, SQLColumn("team_id", table: "s")
            )
            .where(SQLColumn("territory_code", table: "s"), .equal, SQLBind(code))
            .where(SQLColumn("starts_at", table: "s"), .lessThan, SQLBind(period.end))
            .where(SQLColumn("ends_at", table: "s"), .greaterThan, SQLBind(period.start)).all()
        return try rows.map { row in
            (
                Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                DateInterval(
                    start: try row.decode(column: "starts_at", as: Date.self),
                    end: try row.decode(column: "ends_at", as: Date.self))
            )
        }
    }

    /// How many requests each team was sent since `date`.
    public func workloads(teamIDs: [MobileTeam.ID], since date: Date) async throws -> [MobileTeam.ID: Int] {
        guard !teamIDs.isEmpty else { return [:] }
        let records = try await ServiceRequestRecord.query(on: database)
            .filter(\.$teamID ~~ teamIDs.map(\.rawValue)).filter(\.$dispatchedAt >= date)
            .field(\.$id).field(\.$teamID).all()
        return records.reduce(into: [:]) { counts, record in
            if let team = record.teamID { counts[MobileTeam.ID(team), default: 0] += 1 }
        }
    }

    /// What teams did with a request, oldest first, the notes (why another team, why dropped) opened: the read is
    /// audited for `reader` in the same transaction, when a note was opened.
    public func history(ofRequest id: ServiceRequest.ID, by reader: Reader) async throws -> [RequestHistoryStep] {
        try await store.transaction { tx in
            let steps = try await tx.teams.history(ofRequest: id)
            if steps.contains(where: { $0.note != nil }) {
                try await tx.audit.append(
                    .read(
                        .serviceRequest, id.description, by: reader.actor, for: reader.purpose,
                        requestID: reader.requestID))
            }
            return steps
        }
    }

    /// What teams did with a request, unaudited: for the store's own use.
    func history(ofRequest id: ServiceRequest.ID) async throws -> [RequestHistoryStep] {
        try await TeamStatusEventRecord.query(on: database).filter(\.$requestID == id.rawValue).sort(\.$at).all()
            .compactMap { record in
                guard let from = TeamStatus(rawValue: record.fromStatus), let to = TeamStatus(rawValue: record.toStatus)
                else { return nil }
                return RequestHistoryStep(
                    teamID: MobileTeam.ID(record.teamID), change: TeamStatusChange(from: from, to: to, at: record.at),
                    note: try record.noteSealed.map { try store.cipher.open($0) })
            }
    }

    /// The team's status changes, oldest first.
    public func statusChanges(teamID: MobileTeam.ID) async throws -> [TeamStatusChange] {
        try await TeamStatusEventRecord.query(on: database).filter(\.$teamID == teamID.rawValue).sort(\.$at).all()
            .compactMap { record in
                guard let from = TeamStatus(rawValue: record.fromStatus), let to = TeamStatus(rawValue: record.toStatus)
                else { return nil }
                return TeamStatusChange(from: from, to: to, at: record.at)
            }
    }

    private func withMembers(_ records: [MobileTeamRecord]) async throws -> [MobileTeam] {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let members = try await TeamMemberRecord.query(on: database).filter(\.$teamID ~~ ids).all()
        let byTeam = Dictionary(grouping: members, by: \.teamID)
        return records.map { record in
            team(from: record, members: (byTeam[record.id!] ?? []).map { User.ID($0.userID) })
        }
    }

    func team(from record: MobileTeamRecord, members: [User.ID]) -> MobileTeam {
        let position = record.latitude.flatMap { latitude in
            record.longitude.flatMap { try? GeoPoint(latitude: latitude, longitude: $0) }
        }
        return MobileTeam(
            id: MobileTeam.ID(record.id!), organisationID: Organisation.ID(record.organisationID), name: record.name,
            vehicle: record.vehicle, status: TeamStatus(rawValue: record.status) ?? .offDuty,
            statusChangedAt: record.statusChangedAt, position: position, positionAt: record.positionAt,
            currentRequestID: record.currentRequestID.map(ServiceRequest.ID.init), memberIDs: members)
    }

    static func shift(from record: ShiftRecord) -> Shift {
        Shift(
            id: Shift.ID(record.id!), teamID: MobileTeam.ID(record.teamID), territoryCode: record.territoryCode,
            interval: DateInterval(start: record.startsAt, end: record.endsAt))
    }
}
