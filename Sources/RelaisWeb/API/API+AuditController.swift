import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/audit-events`: the audit log, newest first, for administrators.
    struct AuditController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "audit-events", access: .permission(Permission(.read, .auditLog)), use: list)
        }

        struct EventResponse: Content {
            let sequence: Int64
            let occurredAt: Date
            let actorUserId: String?
            let actorRole: String?
            let action: String
            let outcome: String
            let resourceType: String?
            let resourceId: String?
            let purpose: String?
            let hash: String
            let previousHash: String
        }

        struct ListResponse: Content {
            let items: [EventResponse]
            /// Pass as `before` to get the next, older page; absent on the last page.
            let nextBefore: Int64?
        }

        @Sendable func list(_ request: Request) async throws -> ListResponse {
            let query = try await AuditQuery(request)
            let entries = try await request.store.audit.entries(query.filter)
            return ListResponse(
                items: entries.map {
                    EventResponse(
                        sequence: $0.sequence, occurredAt: $0.occurredAt, actorUserId: $0.actorUserID?.description,
                        actorRole: $0.actorRole?.rawValue, action: $0.action.rawValue, outcome: $0.outcome.rawValue,
                        resourceType: $0.resourceType, resourceId: $0.resourceID, purpose: $0.purpose, hash: $0.hash,
                        previousHash: $0.previousHash)
                },
                nextBefore: entries.count == query.filter.limit ? entries.last?.sequence : nil)
        }
    }
}
