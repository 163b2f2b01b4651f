import Fluent
import Foundation
import RelaisCore

/// Recent failed sign-ins, by account (blind index) and by network address.
public struct SignInFailureStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// The blind index under which failures for an e-mail are counted (the e-mail itself is not stored).
    public func accountKey(for email: String) -> String {
        store.cipher.blindIndex(email)
    }

    public func record(accountKey: String, address: String) async throws {
        let record = SignInFailureRecord()
        record.id = UUID()
        record.accountKey = accountKey
        record.address = address
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
            .filter(\.$address == address).filter(\.$occurredAt > since).all(\.$occurredAt)
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
