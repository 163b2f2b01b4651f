import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `/api/v1/esup/…`: an officer's (or a dispatch system's) consult request and its progress, and the team's
    /// queue — the same desk as the pages.
    struct ConsultsController {
        func register(on api: any RoutesBuilder) {
            api.on(
                .POST, "esup", "consults", access: .permission(Permission(.create, .consultRequest)), use: create)
            api.on(
                .GET, "esup", "consults", ":id", access: .permission(Permission(.read, .consultRequest)), use: show)
            api.on(.GET, "esup", "queue", access: .permission(Permission(.read, .consult)), use: queue)
        }

        struct RequestBody: Content {
            let eventNumber: String?
            let place: String?
            let situations: [String]?
            let sceneSecured: Bool?
            let mode: String?
            let details: String?
            let screening: Screening?
            let callback: String?

            struct Screening: Content {
                let immediateDangerToLife: Bool?
                let weapon: Bool?
                let crimeInProgress: Bool?
                let medicalEmergency: Bool?
            }
        }

        /// What the officer who asked sees of a consult.
        struct Progress: Content {
            let id: String
            let reference: String
            let stage: String
            let mode: String
            let requestedAt: Date
            let duo: String?
            let outcome: String?
            let officersFreedAt: Date?
            let approachNote: String?
        }

        struct QueueItem: Content {
            let id: String
            let reference: String
            let stage: String
            let mode: String
            let situations: [String]
            let emergencyFirst: Bool
            let requestedAt: Date
        }

        @Sendable func create(_ request: Request) async throws -> Response {
            let body = try request.content.decode(RequestBody.self)
            func text(_ value: Bool?) -> String? { value.map { $0 ? "yes" : "no" } }
            var screening: [String: String?] = [:]
            screening["immediateDangerToLife"] = text(body.screening?.immediateDangerToLife)
            screening["weapon"] = text(body.screening?.weapon)
            screening["crimeInProgress"] = text(body.screening?.crimeInProgress)
            screening["medicalEmergency"] = text(body.screening?.medicalEmergency)
            let desk = ESUPDesk(context: try request.deskContext())
            let consult = try await desk.request(
                ESUPDesk.RequestForm(
                    eventNumber: body.eventNumber, place: body.place, situations: body.situations ?? [],
                    sceneSecured: text(body.sceneSecured), mode: body.mode, details: body.details,
                    screening: screening, callback: body.callback))
            let summary = try await desk.ownRequest(consult.id)
            let response = try await progress(summary, desk: desk).encodeResponse(status: .created, for: request)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/esup/consults/\(consult.id)")
            return response
        }

        @Sendable func show(_ request: Request) async throws -> Progress {
            guard let id = request.parameters.get("id").flatMap(Consult.ID.init) else { throw Abort(.notFound) }
            let desk = ESUPDesk(context: try request.deskContext())
            return try await progress(try await desk.ownRequest(id), desk: desk)
        }

        @Sendable func queue(_ request: Request) async throws -> [QueueItem] {
            let desk = ESUPDesk(context: try request.deskContext())
            let team = try await desk.ownTeam(Permission(.read, .duo))
            return try await request.store.consults.queue(team: team).map {
                QueueItem(
                    id: $0.id.description, reference: $0.reference, stage: $0.stage.rawValue,
                    mode: $0.mode.rawValue, situations: $0.situations.map(\.rawValue),
                    emergencyFirst: $0.emergencyFirst, requestedAt: $0.requestedAt)
            }
        }

        private func progress(_ consult: ConsultSummary, desk: ESUPDesk) async throws -> Progress {
            Progress(
                id: consult.id.description, reference: consult.reference, stage: consult.stage.rawValue,
                mode: consult.mode.rawValue, requestedAt: consult.requestedAt,
                duo: try await consult.duoID.asyncFlatMap { try await desk.store.duos.duo($0) }?.callSign,
                outcome: consult.outcome?.rawValue, officersFreedAt: consult.officersFreedAt,
                approachNote: try await desk.approachNote(for: consult))
        }
    }
}
