import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/me`: the caller's own account.
    struct AccountController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "me", access: .signedIn, use: me)
        }

        struct MeResponse: Content {
            let id: String
            let displayName: String
            let role: String
            let organisation: API.OrganisationResponse
            let language: String
            let secondFactor: Bool
        }

        @Sendable func me(_ request: Request) async throws -> MeResponse {
            guard let user = request.currentUser,
                let organisation = try await request.store.accounts.organisation(user.organisationID)
            else { throw AccessError.signInRequired }
            return MeResponse(
                id: user.id.description, displayName: user.displayName, role: user.role.rawValue,
                organisation: .init(organisation), language: user.language.rawValue,
                secondFactor: user.hasSecondFactor)
        }
    }
}
