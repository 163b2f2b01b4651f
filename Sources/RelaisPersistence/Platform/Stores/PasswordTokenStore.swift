import Foundation
import RelaisCore
import SQLKit

/// Single-use tokens that let a person set their password: an invitation to a new account, or a reset. The link holds
/// the token; the database only its hash.
public struct PasswordTokenStore: Sendable {
    let store: RelaisStore

    public enum Purpose: String, Sendable {
        case invitation
        case reset

        /// How long a token of this purpose lasts: an invitation a week, a reset an hour.
        public var lifetime: TimeInterval { self == .invitation ? 7 * 24 * 3600 : 3600 }
    }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Issues a token for `userID` and returns it (the only copy: it goes in the e-mail).
    public func issue(for userID: User.ID, purpose: Purpose) async throws -> String {
        let token = SecretToken.generate()
        try await sql.raw(
            """
            INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES \
            (\(bind: SecretToken.hash(token)), \(bind: userID.rawValue), \(bind: purpose.rawValue), \(bind: store.now), \
            \(bind: store.now.addingTimeInterval(purpose.lifetime)))
            """
        ).run()
        return token
    }

    /// How many tokens of `purpose` were issued to `userID` since `date` (to throttle resets).
    public func count(for userID: User.ID, purpose: Purpose, since date: Date) async throws -> Int {
        try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM password_tokens WHERE user_id = \(bind: userID.rawValue) \
            AND purpose = \(bind: purpose.rawValue) AND created_at >= \(bind: date)
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The account a token lets set its password, if the token is known, unused and not expired.
    public func holder(of token: String) async throws -> (userID: User.ID, purpose: Purpose)? {
        guard
            let row = try await sql.raw(
                """
                SELECT user_id, purpose FROM password_tokens WHERE token_hash = \(bind: SecretToken.hash(token)) \
                AND used_at IS NULL AND expires_at > \(bind: store.now)
                """
            ).first()
        else { return nil }
        return (
            User.ID(try row.decode(column: "user_id", as: UUID.self)),
            Purpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .reset
        )
    }

    /// Uses a token: it and every other unused token of the account stop working.
    /// - Returns: whether the token was still usable (a second use finds it used).
    public func use(_ token: String, for userID: User.ID) async throws -> Bool {
        // One statement: of two uses at once, one finds the token already used.
        let rows = try await sql.raw(
            """
            UPDATE password_tokens SET used_at = \(bind: store.now) WHERE token_hash = \(bind: SecretToken.hash(token)) \
            AND user_id = \(bind: userID.rawValue) AND used_at IS NULL AND expires_at > \(bind: store.now) \
            RETURNING token_hash
            """
        ).all()
        guard !rows.isEmpty else { return false }
        try await sql.raw(
            "UPDATE password_tokens SET used_at = \(bind: store.now) WHERE user_id = \(bind: userID.rawValue) AND used_at IS NULL"
        ).run()
        return true
    }
}
