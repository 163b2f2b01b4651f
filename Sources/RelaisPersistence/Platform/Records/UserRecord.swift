import Fluent
import Foundation

/// A row of `users`. The e-mail and the name are sealed (AES-GCM); `email_index` is their blind index.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "email_index") var emailIndex: String
    @Field(key: "email_sealed") var emailSealed: String
    @Field(key: "display_name_sealed") var displayNameSealed: String
    @Field(key: "language") var language: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "totp_secret_sealed") var totpSecretSealed: String?
    @Field(key: "totp_confirmed") var totpConfirmed: Bool
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
