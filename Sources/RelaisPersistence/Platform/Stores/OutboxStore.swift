import Foundation
import RelaisCore
import SQLKit

/// E-mail waiting to be sent, sent, or given up: written in the transaction of the change that causes it, claimed by
/// a sender for a while (so two senders never send one message at once, and a sender that stopped mid-way leaves it
/// to the next), marked sent or failed.
public struct OutboxStore: Sendable {
    let store: RelaisStore

    /// A message as a sender or the administrator sees it.
    public struct Entry: Sendable, Equatable {
        public let id: UUID
        public let message: MailMessage
        public let purpose: String
        public let createdAt: Date
        public let attempts: Int
        public let lastError: String?
        public let givenUpAt: Date?
    }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Adds a message to send as soon as possible; in the caller's transaction.
    @discardableResult
    public func enqueue(_ message: MailMessage, purpose: String) async throws -> UUID {
        let id = UUID()
        let sealed = store.cipher.seal(String(decoding: try JSONEncoder().encode(message), as: UTF8.self))
        try await sql.raw(
            """
            INSERT INTO outbox (id, recipient, message_sealed, purpose, created_at, attempts, next_attempt_at) \
            VALUES (\(bind: id), \(bind: message.to), \(bind: sealed), \(bind: purpose), \(bind: store.now), 0, \
            \(bind: store.now))
            """
        ).run()
        return id
    }

    /// Claims up to `limit` messages due now for `lease`, oldest first: no other sender takes them meanwhile.
    public func claimDue(limit: Int, lease: TimeInterval) async throws -> [Entry] {
        try await store.transaction { tx in
            let sql = try tx.outbox.sql
            let now = tx.now
            let lock: SQLQueryString = tx.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL \
                AND next_attempt_at <= \(bind: now) AND (claimed_until IS NULL OR claimed_until < \(bind: now)) \
                ORDER BY next_attempt_at LIMIT \(literal: limit)\(lock)
                """
            ).all()
            let entries = try rows.map(tx.outbox.entry)
            if !entries.isEmpty {
                try await sql.raw(
                    """
                    UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(lease)) \
                    WHERE id IN (\(binds: entries.map(\.id)))
                    """
                ).run()
            }
            return entries
        }
    }

    /// The message was handed to the SMTP server.
    public func markSent(_ id: UUID) async throws {
        try await sql.raw(
            "UPDATE outbox SET sent_at = \(bind: store.now), claimed_until = NULL, last_error = NULL WHERE id = \(bind: id)"
        ).run()
    }

    /// The attempt failed: try again at ``OutboxSchedule/nextAttempt(after:failedAt:)``, or give up (`permanent`,
    /// or too many attempts).
    public func markFailed(_ id: UUID, attempts: Int, error: String, permanent: Bool) async throws {
        let now = store.now
        let next = permanent ? nil : OutboxSchedule.nextAttempt(after: attempts, failedAt: now)
        try await sql.raw(
            """
            UPDATE outbox SET attempts = \(bind: attempts), last_error = \(bind: String(error.prefix(500))), \
            claimed_until = NULL, next_attempt_at = \(bind: next ?? now), given_up_at = \(bind: next == nil ? now : nil) \
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Sends a given-up message again from now, with a fresh count of attempts.
    /// - Returns: whether there was such a message.
    @discardableResult
    public func retry(_ id: UUID) async throws -> Bool {
        let found = try await sql.raw(
            "SELECT id FROM outbox WHERE id = \(bind: id) AND given_up_at IS NOT NULL AND sent_at IS NULL"
        ).first()
        guard found != nil else { return false }
        try await sql.raw(
            """
            UPDATE outbox SET given_up_at = NULL, attempts = 0, next_attempt_at = \(bind: store.now), \
            claimed_until = NULL WHERE id = \(bind: id)
            """
        ).run()
        return true
    }

    /// The messages given up, latest first.
    public func givenUp(limit: Int = 100) async throws -> [Entry] {
        try await sql.raw(
            """
            SELECT \(unsafeRaw: Self.columns) FROM outbox WHERE given_up_at IS NOT NULL AND sent_at IS NULL \
            ORDER BY given_up_at DESC LIMIT \(literal: limit)
            """
        ).all().map(entry)
    }

    /// How many messages wait to be sent (tried or not), and how many were given up.
    public func counts() async throws -> (waiting: Int, givenUp: Int) {
        let row = try await sql.raw(
            """
            SELECT SUM(CASE WHEN given_up_at IS NULL THEN 1 ELSE 0 END) AS waiting, \
            SUM(CASE WHEN given_up_at IS NULL THEN 0 ELSE 1 END) AS given_up FROM outbox WHERE sent_at IS NULL
            """
        ).first()
        return (
            try row?.decodeNil(column: "waiting") == false ? try row?.decode(column: "waiting", as: Int.self) ?? 0 : 0,
            try row?.decodeNil(column: "given_up") == false ? try row?.decode(column: "given_up", as: Int.self) ?? 0 : 0
        )
    }

    private static let columns = "id, message_sealed, purpose, created_at, attempts, last_error, given_up_at"

    private func entry(_ row: any SQLRow) throws -> Entry {
        let sealed = try row.decode(column: "message_sealed", as: String.self)
        let message = try JSONDecoder().decode(MailMessage.self, from: Data(try store.cipher.open(sealed).utf8))
        return Entry(
            id: try row.decode(column: "id", as: UUID.self), message: message,
            purpose: try row.decode(column: "purpose", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            givenUpAt: try row.decode(column: "given_up_at", as: Date?.self))
    }
}
