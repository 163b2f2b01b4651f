import Fluent
import Foundation

/// A row of `audit_events`, the append-only, hash-chained audit log.
final class AuditEventRecord: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: "sequence", generatedBy: .user) var id: Int64?
    @Field(key: "occurred_at_ms") var occurredAtMilliseconds: Int64
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @OptionalField(key: "actor_role") var actorRole: String?
    @OptionalField(key: "actor_organisation_id") var actorOrganisationID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "resource_type") var resourceType: String?
    @OptionalField(key: "resource_id") var resourceID: String?
    @OptionalField(key: "purpose") var purpose: String?
    @OptionalField(key: "request_id") var requestID: String?
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
