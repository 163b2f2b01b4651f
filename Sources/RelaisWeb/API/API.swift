import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The JSON API under `/api/v1`, described by `/api/openapi.json`.
enum API {
    /// The platform's API (account, organisations, audit, territories, the directory's staff API); each programme
    /// adds its own under the same group (``Programme/register(routes:api:)``).
    static func register(on routes: any RoutesBuilder) -> any RoutesBuilder {
        let v1 = routes.grouped("api", "v1")
        AccountController().register(on: v1)
        OrganisationsController().register(on: v1)
        AuditController().register(on: v1)
        TerritoriesController().register(on: v1)
        PlacesController().register(on: v1)
        ResourcesController().register(on: v1)
        routes.on(.GET, "api", "openapi.json", access: .public, use: openAPIDocument)
        return v1
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
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: request.relais.openAPI))
    }

    /// The document for the enabled programmes: `Resources/OpenAPI/platform.json` with each programme's
    /// `Resources/OpenAPI/<programme>.json`, merged and checked once at start.
    /// - Throws: when a fragment is unreadable or the fragments conflict (start-up stops, naming it).
    static func openAPIText(resources: String, programmes: [any Programme]) throws -> String {
        func read(_ name: String) throws -> JSONValue {
            try JSONText.parse(Data(contentsOf: URL(fileURLWithPath: resources + "OpenAPI/\(name).json")))
        }
        let fragments = try programmes.map { (name: $0.id, fragment: try read($0.id)) }
        return JSONText.write(try OpenAPIDocument.merge(platform: try read("platform"), fragments: fragments))
    }
}
