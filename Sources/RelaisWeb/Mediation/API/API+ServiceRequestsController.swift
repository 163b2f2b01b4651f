import Crypto
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `POST /api/v1/service-requests` (intake: validate, screen, locate, triage, write and audit in one
    /// transaction; retries with the same `Idempotency-Key` get the same request) and
    /// `GET /api/v1/service-requests/{id}` (an audited read).
    struct ServiceRequestsController {
        func register(on routes: any RoutesBuilder) {
            routes.on(
                .POST, "service-requests", access: .permission(Permission(.create, .serviceRequest)),
                body: IntakeRules.bodyLimit, use: create)
            routes.on(
                .GET, "service-requests", ":id", access: .permission(Permission(.read, .serviceRequest)), use: show)
        }

        struct TriageResponse: Content {
            let outcome: String
            let priority: Int?
            /// What to tell the caller or do next, in the caller's language.
            let instruction: String
        }

        struct CreatedResponse: Content {
            let id: String
            let receivedAt: Date
            let territory: TerritoriesController.TerritoryResponse?
            let triage: TriageResponse
        }

        struct DetailResponse: Content {
            let id: String
            let receivedAt: Date
            let source: String
            let policeEventNumber: String?
            let callerName: String?
            let callback: String?
            let address: String
            let latitude: Double
            let longitude: Double
            let territory: TerritoriesController.TerritoryResponse?
            let situation: String
            let description: String
            let peopleCount: Int
            let vulnerabilities: [String]
            let screening: SafetyScreening
            let triage: TriageResponse
            let status: String
            let teamId: String?
            let timeline: ResponseTimeline
        }

        @Sendable func create(_ request: Request) async throws -> Response {
            let form = try Self.jsonForm(request) ?? request.content.decode(IntakeForm.self)
            switch try await IntakeDesk(context: try request.deskContext()).submit(
                form, idempotency: try Self.idempotency(request, form: form))
            {
            case .replayed(let replay):
                return try await replayed(replay, request: request)
            case .created(let created):
                let response = Self.json(createdResponse(created, request: request), status: .created)
                response.headers.replaceOrAdd(name: .location, value: "/api/v1/service-requests/\(created.id)")
                return response
            }
        }

        /// A JSON body read with Core's parser: Foundation's decoder and Vapor's content lookup were a tenth of an
        /// intake's work under load (docs/PERFORMANCE.md). Nil for another type or anything odd, read the usual way.
        private static func jsonForm(_ request: Request) -> IntakeForm? {
            guard let type = request.headers.first(name: .contentType),
                type.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased()
                    == "application/json",
                let body = request.body.data
            else { return nil }
            return IntakeForm(json: body.readableBytesView)
        }

        /// The answer to an intake, written with Core's JSON writer (keys sorted, as everywhere in the API).
        private static func json(_ created: CreatedResponse, status: HTTPResponseStatus) -> Response {
            var triage: [String: JSONValue] = [
                "outcome": .string(created.triage.outcome), "instruction": .string(created.triage.instruction),
            ]
            if let priority = created.triage.priority { triage["priority"] = .number(Double(priority)) }
            var members: [String: JSONValue] = [
                "id": .string(created.id), "receivedAt": .string(created.receivedAt.formatted(.iso8601)),
                "triage": .object(triage),
            ]
            if let territory = created.territory {
                members["territory"] = .object([
                    "level": .string(territory.level), "code": .string(territory.code),
                    "name": .string(territory.name), "served": .bool(territory.served),
                ])
            }
            let response = Response(status: status, body: .init(string: JSONText.write(.object(members))))
            response.headers.contentType = .json
            return response
        }

        /// Reads one request of the caller's organisation (or any, for roles granted everywhere); audited.
        @Sendable func show(_ request: Request) async throws -> DetailResponse {
            let found = try await Dispatcher(context: try request.deskContext()).readRequest(
                request.parameters.get("id").flatMap(ServiceRequest.ID.init), purpose: .dispatch)
            return Self.detail(found, request: request)
        }

        /// The whole request, sealed fields opened: the caller has audited the read.
        static func detail(_ found: ServiceRequest, request: Request) -> DetailResponse {
            let intake = found.intake
            return DetailResponse(
                id: found.id.description, receivedAt: found.receivedAt, source: intake.source.rawValue,
                policeEventNumber: intake.policeEventNumber, callerName: intake.caller?.name,
                callback: intake.caller?.callback, address: intake.address, latitude: intake.point.latitude,
                longitude: intake.point.longitude, territory: found.territory.map(TerritoriesController.response),
                situation: intake.situation, description: intake.description, peopleCount: intake.peopleCount,
                vulnerabilities: intake.vulnerabilities.sorted(), screening: intake.screening,
                triage: triage(found.outcome, request: request), status: found.status.rawValue,
                teamId: found.teamID?.description, timeline: found.timeline)
        }

        // MARK: helpers

        private func createdResponse(_ created: ServiceRequest, request: Request) -> CreatedResponse {
            CreatedResponse(
                id: created.id.description, receivedAt: created.receivedAt,
                territory: created.territory.map(TerritoriesController.response),
                triage: Self.triage(created.outcome, request: request))
        }

        /// The same answer for a replay, from what the request shows without its sealed fields.
        private func createdResponse(_ existing: ServiceRequestSummary, request: Request) -> CreatedResponse {
            CreatedResponse(
                id: existing.id.description, receivedAt: existing.timeline.receivedAt,
                territory: existing.territory.map(TerritoriesController.response),
                triage: Self.triage(existing.outcome, request: request))
        }

        static func triage(_ outcome: TriageOutcome, request: Request) -> TriageResponse {
            TriageResponse(
                outcome: outcome.code, priority: outcome.priority?.rawValue,
                instruction: request.t(outcome.instructionKey))
        }

        private func replayed(_ replay: ServiceRequestStore.Replay, request: Request) async throws -> Response {
            guard replay.sameForm, let existing = try await request.store.serviceRequests.summary(replay.id) else {
                throw ValidationError([
                    FieldProblem(field: "Idempotency-Key", messageKey: "mediation.error.idempotency_key.reused")
                ])
            }
            let response = Self.json(createdResponse(existing, request: request), status: .ok)
            response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            return response
        }

        /// The client's `Idempotency-Key` (1 to 200 characters) and a fingerprint of the form it came with.
        private static func idempotency(_ request: Request, form: IntakeForm) throws -> (
            key: String, fingerprint: String
        )? {
            guard let key = request.headers.first(name: "Idempotency-Key") else { return nil }
            guard (1...200).contains(key.count) else {
                throw ValidationError([
                    FieldProblem(field: "Idempotency-Key", messageKey: "mediation.error.idempotency_key.invalid")
                ])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let digest = SHA256.hash(data: try encoder.encode(form))
            return (key, digest.hexadecimal)
        }
    }
}

extension API.TerritoriesController {
    static func response(_ match: TerritoryIndex.Match) -> TerritoryResponse {
        TerritoryResponse(level: match.level.rawValue, code: match.code, name: match.name, served: match.served)
    }
}
