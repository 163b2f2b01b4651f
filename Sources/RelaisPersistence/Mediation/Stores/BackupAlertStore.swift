import Foundation
import RelaisCore
import SQLKit

/// Workers' calls for backup: raised from a phone, open until a dispatcher acknowledges them.
public struct BackupAlertStore: Sendable {
    let store: RelaisStore

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Raises an alert for `team`; in the caller's transaction.
    public func raise(
        team: MobileTeam, requestID: ServiceRequest.ID?, by userID: User.ID, position: GeoPoint?
    ) async throws -> BackupAlert {
        let alert = BackupAlert(
            id: UUID(), organisationID: team.organisationID, teamID: team.id, requestID: requestID, raisedBy: userID,
            raisedAt: store.now, position: position, acknowledgedAt: nil)
        try await sql.raw(
            """
            INSERT INTO backup_alerts (id, organisation_id, team_id, request_id, raised_by, raised_at, latitude, \
            longitude) VALUES (\(bind: alert.id), \(bind: team.organisationID.rawValue), \(bind: team.id.rawValue), \
            \(bind: requestID?.rawValue), \(bind: userID.rawValue), \(bind: alert.raisedAt), \
            \(bind: position?.latitude), \(bind: position?.longitude))
            """
        ).run()
        return alert
    }

    /// The organisation's alerts not yet acknowledged, oldest first.
    public func open(organisationID: Organisation.ID) async throws -> [BackupAlert] {
        try await sql.raw(
            """
            SELECT id, organisation_id, team_id, request_id, raised_by, raised_at, latitude, longitude, acknowledged_at \
            FROM backup_alerts WHERE organisation_id = \(bind: organisationID.rawValue) AND acknowledged_at IS NULL \
            ORDER BY raised_at
            """
        ).all().map { row in
            let latitude = try row.decode(column: "latitude", as: Double?.self)
            let longitude = try row.decode(column: "longitude", as: Double?.self)
            return BackupAlert(
                id: try row.decode(column: "id", as: UUID.self),
                organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                teamID: MobileTeam.ID(try row.decode(column: "team_id", as: UUID.self)),
                requestID: try row.decode(column: "request_id", as: UUID?.self).map(ServiceRequest.ID.init),
                raisedBy: User.ID(try row.decode(column: "raised_by", as: UUID?.self) ?? UUID()),
                raisedAt: try row.decode(column: "raised_at", as: Date.self),
                position: zip(latitude, longitude).flatMap { try? GeoPoint(latitude: $0, longitude: $1) },
                acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self))
        }
    }

    /// Acknowledges an open alert of the organisation.
    /// - Returns: false when there is no such open alert (another dispatcher acknowledged it first).
    public func acknowledge(_ id: UUID, organisationID: Organisation.ID, by userID: User.ID) async throws -> Bool {
        try await !sql.raw(
            """
            UPDATE backup_alerts SET acknowledged_at = \(bind: store.now), acknowledged_by = \(bind: userID.rawValue) \
            WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID.rawValue) AND acknowledged_at IS NULL \
            RETURNING id
            """
        ).all().isEmpty
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
