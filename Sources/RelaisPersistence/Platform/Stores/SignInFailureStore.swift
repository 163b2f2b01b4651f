import Fluent
import Foundation
import RelaisCore
import SQLKit

/// Recent failed attempts at a secret, by account and by network address (both kept as blind indexes: counting needs
/// only equality, so neither the e-mail nor the address is stored).
public struct SignInFailureStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// The blind index under which failures for an e-mail are counted (the e-mail itself is not stored).
    public func accountKey(for email: String) -> String {
        store.cipher.blindIndex(email)
    }

    /// Counts an attempt at a secret (a password, a second-factor code) before it is checked: in one write
    /// transaction that no other attempt interleaves with, on either engine, decides from the recent failures and,
    /// when allowed, records this attempt as a failure already. A correct secret then ``clear(accountKey:)``s the
    /// account's failures; a wrong one leaves it counted. Parallel wrong attempts can therefore never all be checked
    /// before the first is counted.
    public func attempt(accountKey: String, address: String, throttle: SignInThrottle) async throws
        -> SignInThrottle.Decision
    {
        try await store.transaction { tx in
            if tx.engine == .postgres, let sql = tx.database as? any SQLDatabase {
                // One counter at a time across every instance, until the commit.
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
            }
            let now = tx.now
            let recent = try await tx.signInFailures.recent(
                accountKey: accountKey, address: address, since: now.addingTimeInterval(-throttle.window))
            let decision = throttle.decide(accountFailures: recent.account, addressFailures: recent.address, now: now)
            if decision == .allowed { try await tx.signInFailures.record(accountKey: accountKey, address: address) }
            return decision
        }
    }

    /// The advisory lock that serialises attempts on PostgreSQL (any number unlikely to be used elsewhere).
    private static let lockKey: Int64 = 0x5245_4C41_4953_5448  // "RELAISTH"

    public func record(accountKey: String, address: String) async throws {
        let record = SignInFailureRecord()
        record.id = UUID()
        record.accountKey = accountKey
        record.address = store.cipher.blindIndex(address)
        record.occurredAt = store.now
        try await record.create(on: database)
    }

    /// The times of failures since `since`, for the account and for the address.
    public func recent(accountKey: String, address: String, since: Date) async throws -> (
        account: [Date], address: [Date]
    ) {
        let account = try await SignInFailureRecord.query(on: database)
            .filter(\.$accountKey == accountKey).filter(\.$occurredAt > since).all(\.$occurredAt)
        let byAddress = try await SignInFailureRecord.query(on: database)
            .filter(\.$address == store.cipher.blindIndex(address)).filter(\.$occurredAt > since).all(\.$occurredAt)
        return (account, byAddress)
    }

    /// Forgets an account's failures after a successful sign-in.
    public func clear(accountKey: String) async throws {
        try await SignInFailureRecord.query(on: database).filter(\.$accountKey == accountKey).delete()
    }

    /// Removes failures older than `date`: they no longer count and are not kept.
    public func purge(before date: Date) async throws {
        try await SignInFailureRecord.query(on: database).filter(\.$occurredAt <= date).delete()
    }
}
