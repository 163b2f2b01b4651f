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
            /// The home membership's role (every role is in `memberships`).
            let role: String
            let memberships: [MembershipResponse]
            let organisation: API.OrganisationResponse
            let language: String
            let secondFactor: Bool
        }

        struct MembershipResponse: Content {
            let role: String
            let organisationId: String
        }

        @Sendable func me(_ request: Request) async throws -> MeResponse {
            guard let user = request.currentUser,
                let organisation = try await request.store.accounts.organisation(user.organisationID)
            else { throw AccessError.signInRequired }
            return MeResponse(
                id: user.id.description, displayName: user.displayName,
                role: user.memberships.first?.role.rawValue ?? "",
                memberships: user.memberships.map {
                    MembershipResponse(role: $0.role.rawValue, organisationId: $0.organisationID.description)
                },
                organisation: .init(organisation), language: user.language.rawValue,
                secondFactor: user.hasSecondFactor)
        }
    }
}
