import Fluent
import Foundation
import RelaisCore

/// Server-side browser sessions. The cookie holds a random token; the database holds only its hash.
public struct SessionStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// A session as found from its cookie.
    public struct Session: Sendable, Equatable {
        public let id: UUID
        public let userID: User.ID
        public let secondFactorPending: Bool
        public let createdAt: Date
        public let lastSeenAt: Date
    }

    /// Opens a session and returns the token to put in the cookie (the only copy of it).
    public func create(for userID: User.ID, secondFactorPending: Bool) async throws -> String {
        let token = SecretToken.generate()
        let record = WebSessionRecord()
        record.id = UUID()
        record.tokenHash = SecretToken.hash(token)
        record.userID = userID.rawValue
        record.secondFactorPending = secondFactorPending
        record.createdAt = store.now
        record.lastSeenAt = store.now
        try await record.create(on: database)
        return token
    }

    public func find(token: String) async throws -> Session? {
        try await WebSessionRecord.query(on: database).filter(\.$tokenHash == SecretToken.hash(token)).first()
            .map {
                Session(
                    id: $0.id!, userID: User.ID($0.userID), secondFactorPending: $0.secondFactorPending,
                    createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt)
            }
    }

    public func touch(_ id: UUID) async throws {
        try await WebSessionRecord.query(on: database).filter(\.$id == id).set(\.$lastSeenAt, to: store.now).update()
    }

    public func delete(_ id: UUID) async throws {
        try await WebSessionRecord.query(on: database).filter(\.$id == id).delete()
    }

    /// Closes every session of a user but one (after a password or second-factor change).
    public func deleteAll(for userID: User.ID, except kept: UUID? = nil) async throws {
        var query = WebSessionRecord.query(on: database).filter(\.$userID == userID.rawValue)
        if let kept { query = query.filter(\.$id != kept) }
        try await query.delete()
    }

    /// Removes sessions that can no longer be used under `policy`.
    public func purgeExpired(policy: SessionPolicy) async throws {
        let now = store.now
        try await WebSessionRecord.query(on: database)
            .group(.or) {
                $0.filter(\.$createdAt <= now.addingTimeInterval(-policy.absoluteTimeout))
                    .filter(\.$lastSeenAt <= now.addingTimeInterval(-policy.idleTimeout))
            }
            .delete()
    }
}
