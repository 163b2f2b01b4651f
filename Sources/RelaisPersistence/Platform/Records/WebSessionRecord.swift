import Fluent
import Foundation

/// A row of `web_sessions`: a signed-in browser. Only the SHA-256 of the cookie's token is stored.
final class WebSessionRecord: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    /// True between a correct password and a correct second-factor code.
    @Field(key: "second_factor_pending") var secondFactorPending: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}
}
