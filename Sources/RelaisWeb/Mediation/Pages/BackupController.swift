import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A worker's call for backup (`POST /mobile/renfort`, at any status) and a dispatcher's acknowledgement
/// (`POST /tableau/renforts/{id}/acquittement`): every open board alerts, loudly, until one dispatcher acknowledges;
/// both are audited.
struct BackupController {
    func register(on routes: any RoutesBuilder) {
        routes.on(.POST, "mobile", "renfort", access: .permission(Permission(.update, .teamStatus)), use: raise)
        routes.on(
            .POST, "tableau", "renforts", ":alert", "acquittement",
            access: .permission(Permission(.update, .serviceRequest)), use: acknowledge)
    }

    struct RaiseForm: Content {
        var latitude: String?
        var longitude: String?
    }

    @Sendable func raise(_ request: Request) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let form = try request.content.decode(RaiseForm.self)
        let store = request.store
        guard let team = try await store.teams.team(memberID: actor.userID) else { throw Abort(.notFound) }
        let position = form.latitude.flatMap(Double.init).flatMap { latitude in
            form.longitude.flatMap(Double.init).flatMap { try? GeoPoint(latitude: latitude, longitude: $0) }
        }
        let requestID = request.requestID
        let alert = try await store.transaction { tx in
            let alert = try await tx.backupAlerts.raise(
                team: team, requestID: team.currentRequestID, by: actor.userID, position: position)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .backupRequested, resourceType: .mobileTeam,
                    resourceID: team.id.description, requestID: requestID))
            return alert
        }
        await request.relais.mediation.board.publish(alert.organisationID, store: store)
        return request.redirect(to: MobilePagesController.path + "?avis=mediation.backup_sent", redirectType: .normal)
    }

    @Sendable func acknowledge(_ request: Request) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        guard let id = request.parameters.get("alert").flatMap(UUID.init(uuidString:)),
            let organisation = actor.organisations(for: Permission(.update, .serviceRequest)).first
        else { throw Abort(.notFound) }
        let store = request.store
        let requestID = request.requestID
        let acknowledged = try await store.transaction { tx -> Bool in
            guard try await tx.backupAlerts.acknowledge(id, organisationID: organisation, by: actor.userID) else {
                return false
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .backupAcknowledged, resourceType: .mobileTeam, resourceID: id.uuidString,
                    requestID: requestID))
            return true
        }
        await request.relais.mediation.board.publish(organisation, store: store)
        let notice = acknowledged ? "mediation.backup_acknowledged" : "mediation.backup_already_acknowledged"
        return request.redirect(to: DispatchPagesController.boardPath + "?avis=\(notice)", redirectType: .normal)
    }
}
