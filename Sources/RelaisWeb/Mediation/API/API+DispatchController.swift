import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// Dispatch: the board (`GET /api/v1/board`), the ranked teams for a request
    /// (`GET /api/v1/service-requests/{id}/recommendations`) and the assignment
    /// (`POST /api/v1/service-requests/{id}/assignment`), where two coordinators racing for one team get one
    /// success and one 409.
    struct DispatchController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "board", access: .permission(Permission(.read, .serviceRequest)), use: board)
            routes.on(
                .GET, "service-requests", ":id", "recommendations",
                access: .permission(Permission(.read, .mobileTeam)), use: recommendations)
            routes.on(
                .POST, "service-requests", ":id", "assignment",
                access: .permission(Permission(.update, .serviceRequest)), use: assign)
        }

        struct RecommendationsResponse: Content {
            let requestId: String
            let items: [Dispatcher.Recommendation]
        }

        struct AssignmentBody: Content {
            var teamId: String?
            /// Why another team than the first recommended one (required then).
            var reason: String?
        }

        struct AssignmentResponse: Content {
            let requestId: String
            let teamId: String
            let dispatchedAt: Date
        }

        @Sendable func board(_ request: Request) async throws -> BoardSnapshot {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            try QueryParameters(request).check()
            guard let organisation = actor.organisations(for: Permission(.read, .serviceRequest)).first else {
                throw AccessError.forbidden
            }
            return try await BoardSnapshot.build(for: organisation, store: request.store)
        }

        @Sendable func recommendations(_ request: Request) async throws -> RecommendationsResponse {
            try QueryParameters(request).check()
            let dispatcher = Dispatcher(context: try request.deskContext())
            let waiting = try await dispatcher.waitingRequest(
                request.parameters.get("id").flatMap(ServiceRequest.ID.init))
            return RecommendationsResponse(
                requestId: waiting.id.description, items: try await dispatcher.recommendations(for: waiting))
        }

        @Sendable func assign(_ request: Request) async throws -> AssignmentResponse {
            let body = try request.content.decode(AssignmentBody.self)
            let dispatcher = Dispatcher(context: try request.deskContext())
            let waiting = try await dispatcher.waitingRequest(
                request.parameters.get("id").flatMap(ServiceRequest.ID.init))
            let teamID = body.teamId.flatMap(MobileTeam.ID.init)
            try await dispatcher.assign(waiting, teamID: teamID, reason: body.reason)
            return AssignmentResponse(
                requestId: waiting.id.description, teamId: body.teamId ?? "", dispatchedAt: request.store.now)
        }
    }
}
