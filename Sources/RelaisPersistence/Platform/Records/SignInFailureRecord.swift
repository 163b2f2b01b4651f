import Fluent
import Foundation

/// A row of `sign_in_failures`: one failed attempt, kept only as long as the throttle window needs it.
final class SignInFailureRecord: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    /// The blind index of the e-mail tried (never the e-mail itself).
    @Field(key: "account_key") var accountKey: String
    @Field(key: "address") var address: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}
}
