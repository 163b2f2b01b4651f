import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/places?q=`: places for what was typed in an address field (civic addresses, corners, landmarks,
    /// coordinates), best first, each with its borough. Pages call it as the user types.
    struct PlacesController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "places", access: .permission(Permission(.read, .territory)), use: suggest)
        }

        /// The most suggestions one answer gives.
        static let limit = 8

        struct PlaceResponse: Content {
            let kind: String
            let label: String
            let latitude: Double
            let longitude: Double
            /// The borough holding it, or null outside every borough (in the river, another city).
            let territory: String?
            /// Whether the teams serve that borough.
            let served: Bool
        }

        struct ListResponse: Content {
            let items: [PlaceResponse]
        }

        @Sendable func suggest(_ request: Request) async throws -> ListResponse {
            var query = QueryParameters(request)
            let text = query.value("q", invalid: "error.place.query_too_long") {
                $0.count <= PlaceQuery.maximumLength ? $0 : nil
            }
            query.require("q", present: text != nil)
            try query.check()
            let suggestions = try await request.relais.places.suggest(
                text ?? "", limit: Self.limit, store: request.store, territories: request.relais.territories)
            return ListResponse(
                items: suggestions.map {
                    PlaceResponse(
                        kind: $0.candidate.kind.rawValue, label: $0.candidate.label,
                        latitude: $0.candidate.point.latitude, longitude: $0.candidate.point.longitude,
                        territory: $0.territory?.name, served: $0.territory?.served ?? false)
                })
        }
    }
}
