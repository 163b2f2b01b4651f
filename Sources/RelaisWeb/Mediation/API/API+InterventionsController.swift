import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// The signed-in worker's intervention (`/api/v1/my-intervention…`: parties, services, arrival, closing) and
    /// the referrals a resource's staff answer (`/api/v1/referrals`).
    struct InterventionsController {
        func register(on routes: any RoutesBuilder) {
            let read = RouteAccess.permission(Permission(.read, .intervention))
            let record = RouteAccess.permission(Permission(.create, .intervention))
            routes.on(.GET, "my-intervention", access: read, use: current)
            routes.on(.POST, "my-intervention", "parties", access: record, use: addParty)
            routes.on(
                .POST, "my-intervention", "services", access: record, body: InterventionRules.bodyLimit,
                use: addService)
            routes.on(.POST, "my-intervention", "arrival", access: record, use: arrive)
            routes.on(.POST, "my-intervention", "closing", access: record, use: close)
            let steward = RouteAccess.permission(ResourceDesk.update)
            routes.on(.GET, "referrals", access: steward, use: referrals)
            routes.on(.PUT, "referrals", ":id", "answer", access: steward, use: answer)
        }

        struct PartyBody: Content {
            var role: String?
            var name: String?
            var phone: String?
        }

        struct ServiceBody: Content {
            struct CommitmentBody: Content {
                var partyId: String?
                var text: String?
            }

            var kind: String?
            var commitments: [CommitmentBody]?
            /// `YYYY-MM-DD`.
            var dueBy: String?
            var topics: [String]?
            var note: String?
            var resourceId: String?
            var asked: String?
            var partyId: String?
            var destination: String?
        }

        struct ClosingBody: Content {
            var outcome: String?
            var policeAvoided: Bool?
            var minutesOnScene: Int?
        }

        struct AnswerBody: Content {
            var answer: String?
        }

        /// The worker's intervention as it stands (an empty one when nothing was recorded yet).
        @Sendable func current(_ request: Request) async throws -> InterventionResponse {
            try QueryParameters(request).check()
            let desk = InterventionDesk(context: try request.deskContext())
            return InterventionResponse(desk.draft(of: try await desk.scene()), now: request.store.now)
        }

        @Sendable func addParty(_ request: Request) async throws -> Response {
            let body = try request.content.decode(PartyBody.self)
            let intervention = try await InterventionDesk(context: try request.deskContext()).addParty(
                role: body.role, name: body.name, phone: body.phone)
            return try await InterventionResponse(intervention, now: request.store.now)
                .encodeResponse(status: .created, for: request)
        }

        @Sendable func addService(_ request: Request) async throws -> Response {
            let body = try request.content.decode(ServiceBody.self)
            let desk = InterventionDesk(context: try request.deskContext())
            let intervention: Intervention
            switch body.kind {
            case "agreement":
                intervention = try await desk.addAgreement(
                    commitments: (body.commitments ?? []).map { (partyID: $0.partyId ?? "", text: $0.text) },
                    dueBy: body.dueBy)
            case "information":
                intervention = try await desk.addInformation(topics: body.topics ?? [], note: body.note)
            case "referral":
                intervention = try await desk.refer(
                    resourceID: body.resourceId, asked: body.asked, partyID: body.partyId)
            case "escort":
                intervention = try await desk.escort(
                    resourceID: body.resourceId, address: body.destination, partyID: body.partyId)
            default:
                throw ValidationError([FieldProblem(field: "kind", messageKey: "mediation.error.service_kind.unknown")])
            }
            return try await InterventionResponse(intervention, now: request.store.now)
                .encodeResponse(status: .created, for: request)
        }

        @Sendable func arrive(_ request: Request) async throws -> InterventionResponse {
            InterventionResponse(
                try await InterventionDesk(context: try request.deskContext()).arrive(), now: request.store.now)
        }

        @Sendable func close(_ request: Request) async throws -> InterventionResponse {
            let body = try request.content.decode(ClosingBody.self)
            let closed = try await InterventionDesk(context: try request.deskContext()).close(
                outcome: body.outcome, policeAvoided: body.policeAvoided ?? false, minutesOnScene: body.minutesOnScene)
            return InterventionResponse(closed, now: request.store.now)
        }

        // MARK: referrals

        struct ReferralList: Content {
            let items: [ReferralResponse]
        }

        /// `GET /api/v1/referrals`: the referrals to the services the actor's organisation looks after, newest
        /// first (reading what was asked is audited).
        @Sendable func referrals(_ request: Request) async throws -> ReferralList {
            var query = QueryParameters(request)
            let limit = query.value("limit", invalid: "error.query.limit") { text in
                Int(text).flatMap { (1...500).contains($0) ? $0 : nil }
            }
            try query.check()
            let found = try await ResourceDesk(context: try request.deskContext()).referrals(limit: limit ?? 100)
            return ReferralList(items: found.map { ReferralResponse($0, now: request.store.now) })
        }

        /// `PUT /api/v1/referrals/{id}/answer`: the receiving resource accepts or declines a referral.
        @Sendable func answer(_ request: Request) async throws -> ReferralResponse {
            let text = try request.content.decode(AnswerBody.self).answer
            let answered = try await ResourceDesk(context: try request.deskContext()).answer(
                request.parameters.get("id"), with: text)
            return ReferralResponse(answered, now: request.store.now)
        }
    }
}
