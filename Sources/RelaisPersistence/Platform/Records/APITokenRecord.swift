import Fluent
import Foundation

/// A row of `api_tokens`: a bearer token for scripts and partner systems. Only its SHA-256 is stored.
final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// Where the token works: `api` (the JSON API, when nil) or `open311` (only as an Open311 `api_key`).
    @OptionalField(key: "scope") var scope: String?

    init() {}
}
