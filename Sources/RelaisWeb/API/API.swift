import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The JSON API under `/api/v1`, described by `/api/openapi.json`.
enum API {
    static func register(on routes: any RoutesBuilder) {
        let v1 = routes.grouped("api", "v1")
        AccountController().register(on: v1)
        OrganisationsController().register(on: v1)
        AuditController().register(on: v1)
        TerritoriesController().register(on: v1)
        ServiceRequestsController().register(on: v1)
        TeamsController().register(on: v1)
        DispatchController().register(on: v1)
        StatisticsController().register(on: v1)
        ResourcesController().register(on: v1)
        InterventionsController().register(on: v1)
        routes.on(.GET, "api", "openapi.json", access: .public, use: openAPIDocument)
    }

    /// An organisation as the API shows it.
    struct OrganisationResponse: Content {
        let id: String
        let name: String
        let kind: String

        init(_ organisation: Organisation) {
            id = organisation.id.description
            name = organisation.name
            kind = organisation.kind.rawValue
        }
    }

    @Sendable static func openAPIDocument(_ request: Request) async throws -> Response {
        let path = request.application.directory.resourcesDirectory + "openapi.json"
        let response = try await request.fileio.asyncStreamFile(at: path)
        response.headers.contentType = .json
        return response
    }
}
