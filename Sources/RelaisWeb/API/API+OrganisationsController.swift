import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET` and `POST /api/v1/organisations`.
    struct OrganisationsController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "organisations", access: .permission(Permission(.read, .organisation)), use: list)
            routes.on(.POST, "organisations", access: .permission(Permission(.create, .organisation)), use: create)
        }

        struct ListResponse: Content {
            let items: [OrganisationResponse]
        }

        @Sendable func list(_ request: Request) async throws -> ListResponse {
            ListResponse(items: try await request.store.accounts.organisations().map(OrganisationResponse.init))
        }

        struct CreateRequest: Content {
            var name: String?
            var kind: String?
        }

        /// Adds an organisation; the audit entry commits with it.
        @Sendable func create(_ request: Request) async throws -> Response {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            let body = try request.content.decode(CreateRequest.self)
            let name = (body.name ?? "").trimmed
            var problems: [FieldProblem] = []
            if name.isEmpty {
                problems.append(.init(field: "name", messageKey: "error.name.required"))
            } else if name.count > 200 {
                problems.append(.init(field: "name", messageKey: "error.name.too_long"))
            }
            let kind = body.kind.flatMap(Organisation.Kind.init(rawValue:))
            if kind == nil { problems.append(.init(field: "kind", messageKey: "error.organisation_kind.unknown")) }
            guard problems.isEmpty, let kind else { throw ValidationError(problems) }

            let requestID = request.requestID
            let organisation = try await request.store.transaction { tx in
                let organisation = try await tx.accounts.createOrganisation(name: name, kind: kind)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .organisationCreated, resourceType: .organisation,
                        resourceID: organisation.id.description, requestID: requestID))
                return organisation
            }
            let response = try await OrganisationResponse(organisation).encodeResponse(
                status: .created, for: request)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/organisations/\(organisation.id)")
            return response
        }
    }
}
