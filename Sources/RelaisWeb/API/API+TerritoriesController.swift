import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/territories` and `GET /api/v1/territories/locate`: the areas and which one holds a point.
    struct TerritoriesController {
        func register(on routes: any RoutesBuilder) {
            let read = RouteAccess.permission(Permission(.read, .territory))
            routes.on(.GET, "territories", access: read, use: list)
            routes.on(.GET, "territories", "locate", access: read, use: locate)
        }

        struct TerritoryResponse: Content {
            let level: String
            let code: String
            let name: String
            let served: Bool
        }

        struct ListResponse: Content {
            let items: [TerritoryResponse]
        }

        struct LocateResponse: Content {
            /// The territory containing the point, or null when none does (outside the deployment's map).
            let match: TerritoryResponse?
        }

        @Sendable func list(_ request: Request) async throws -> ListResponse {
            var query = QueryParameters(request)
            let level = query.value("level", invalid: "error.territory.level_unknown") { Territory.Level(rawValue: $0) }
            try query.check()
            let territories = try await request.store.territories.all(level: level ?? .borough)
            return ListResponse(
                items: territories.map {
                    TerritoryResponse(level: $0.level.rawValue, code: $0.code, name: $0.name, served: $0.served)
                })
        }

        @Sendable func locate(_ request: Request) async throws -> LocateResponse {
            var query = QueryParameters(request)
            let latitude = query.value("latitude", invalid: "error.latitude.out_of_range") { Double($0) }
            let longitude = query.value("longitude", invalid: "error.longitude.out_of_range") { Double($0) }
            let level = query.value("level", invalid: "error.territory.level_unknown") { Territory.Level(rawValue: $0) }
            query.require("latitude", present: latitude != nil)
            query.require("longitude", present: longitude != nil)
            try query.check()
            let point = try GeoPoint(latitude: latitude ?? .nan, longitude: longitude ?? .nan)
            let match = try await request.relais.territories.locate(
                point, level: level ?? .borough, store: request.store)
            return LocateResponse(
                match: match.map {
                    TerritoryResponse(level: $0.level.rawValue, code: $0.code, name: $0.name, served: $0.served)
                })
        }
    }
}
