import Fluent
import FluentPostgresDriver
import Foundation
import RelaisCore
import SQLKit

/// Bearer tokens for API clients. Only the token's hash is stored; the token is shown once.
public struct APITokenStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// Where a token works. An Open311 key travels in forms and query strings, so it opens nothing else.
    public enum Scope: String, Sendable {
        /// The JSON API, as a bearer token.
        case api
        /// Open311 GeoReport v2, as an `api_key`.
        case open311
    }

    /// Creates a token for a user and returns it with its record's id.
    public func create(for userID: User.ID, name: String, expiresAt: Date?, scope: Scope = .api) async throws -> (
        id: UUID, token: String
    ) {
        let token = (scope == .api ? "rls_" : "o311_") + SecretToken.generate()
        let record = APITokenRecord()
        record.id = UUID()
        record.userID = userID.rawValue
        record.name = name
        record.tokenHash = SecretToken.hash(token)
        record.createdAt = store.now
        record.expiresAt = expiresAt
        record.scope = scope == .api ? nil : scope.rawValue
        try await record.create(on: database)
        return (record.id!, token)
    }

    /// A token as its owner may see it: what it is for and its dates, never the token itself.
    public struct Summary: Sendable, Equatable {
        public let id: UUID
        public let userID: User.ID
        public let name: String
        public let scope: Scope?
        public let createdAt: Date
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    /// The tokens of a user, newest first, revoked and expired ones included.
    public func tokens(of userID: User.ID) async throws -> [Summary] {
        try await APITokenRecord.query(on: database).filter(\.$userID == userID.rawValue)
            .sort(\.$createdAt, .descending).all().map(Self.summary)
    }

    /// Revokes a token: it opens nothing from now on, in this process at once and in other instances within
    /// ``TokenUserCache/lifetime``. Revoking a revoked token keeps its first date.
    /// - Returns: the token as revoked, or `nil` when no token has this id (nothing changes).
    public func revoke(_ id: UUID) async throws -> Summary? {
        guard let record = try await APITokenRecord.find(id, on: database) else { return nil }
        if record.revokedAt == nil {
            record.revokedAt = store.now
            try await record.update(on: database)
        }
        store.forgetTokenUsers()
        return Self.summary(record)
    }

    private static func summary(_ record: APITokenRecord) -> Summary {
        Summary(
            id: record.id!, userID: User.ID(record.userID), name: record.name,
            scope: Scope(rawValue: record.scope ?? Scope.api.rawValue), createdAt: record.createdAt,
            expiresAt: record.expiresAt, revokedAt: record.revokedAt)
    }

    /// The user a token of `scope` belongs to, if the token is known, not revoked and not expired.
    ///
    /// Every API call starts here: the answer is remembered for a few seconds (``TokenUserCache``), and the database
    /// is asked with one prepared statement for the token and its user (docs/PERFORMANCE.md).
    public func user(for token: String, scope: Scope = .api) async throws -> User? {
        let hash = SecretToken.hash(token)
        let now = store.now
        let cache = store.environment.tokenUsers
        let entry: TokenUserCache.Entry
        if let kept = cache.entry(hash, now: now) {
            entry = kept
        } else {
            let rows = try await store.rows(TokenUserQuery(tokenHash: hash))
            guard let row = rows.first, try row.decode(column: "revoked_at", as: Date?.self) == nil,
                let user = try store.accounts.user(
                    id: User.ID(try row.decode(column: "user_id", as: UUID.self)), rows: rows)
            else { return nil }
            entry = TokenUserCache.Entry(
                user: user,
                scope: Scope(rawValue: try row.decode(column: "scope", as: String?.self) ?? Scope.api.rawValue),
                expiresAt: try row.decode(column: "expires_at", as: Date?.self), cachedAt: now)
            cache.keep(entry, for: hash)
        }
        guard entry.scope == scope, entry.expiresAt.map({ $0 > now }) ?? true else { return nil }
        return entry.user
    }
}

/// A token, by its hash, and its user.
private struct TokenUserQuery: HotQuery {
    static let sql = """
        SELECT api_tokens.user_id, api_tokens.expires_at, api_tokens.revoked_at, api_tokens.scope, \
        \(AccountStore.userColumns) \
        FROM api_tokens JOIN users ON users.id = api_tokens.user_id \(AccountStore.membershipsJoin) \
        WHERE api_tokens.token_hash = $1 ORDER BY \(AccountStore.membershipsOrder)
        """
    let tokenHash: String
    var values: [HotQueryValue] { [tokenHash] }
}
