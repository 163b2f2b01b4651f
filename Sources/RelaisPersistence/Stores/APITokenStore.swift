import Fluent
import Foundation
import RelaisCore

/// Bearer tokens for API clients. Only the token's hash is stored; the token is shown once.
public struct APITokenStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// Creates a token for a user and returns it with its record's id.
    public func create(for userID: User.ID, name: String, expiresAt: Date?) async throws -> (id: UUID, token: String) {
        let token = "rls_" + SecretToken.generate()
        let record = APITokenRecord()
        record.id = UUID()
        record.userID = userID.rawValue
        record.name = name
        record.tokenHash = SecretToken.hash(token)
        record.createdAt = store.now
        record.expiresAt = expiresAt
        try await record.create(on: database)
        return (record.id!, token)
    }

    /// The user a token belongs to, if it is known, not revoked and not expired.
    public func userID(for token: String) async throws -> User.ID? {
        guard
            let record = try await APITokenRecord.query(on: database)
                .filter(\.$tokenHash == SecretToken.hash(token)).first(),
            record.revokedAt == nil,
            record.expiresAt.map({ $0 > store.now }) ?? true
        else { return nil }
        return User.ID(record.userID)
    }
}
