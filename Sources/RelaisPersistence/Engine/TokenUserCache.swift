import Foundation
import NIOConcurrencyHelpers
import RelaisCore

/// Bearer tokens this process has looked up lately, with their accounts, by the token's hash.
///
/// Every API call starts by finding its token's account: a round trip to the database that cost more than the rest
/// of an intake on PostgreSQL (docs/PERFORMANCE.md). An entry serves for ``lifetime`` at most; a change to an
/// account made through this process's stores empties the cache at once, so only a change made elsewhere (another
/// instance, or SQL by hand) can go unseen, for that long. A token's expiry is checked at every call.
final class TokenUserCache: Sendable {
    /// How long an entry serves before the database is asked again.
    static let lifetime: TimeInterval = 5
    /// The most entries kept: past it the cache starts again empty (unknown tokens are never kept).
    static let capacity = 10_000

    struct Entry: Sendable {
        let user: User
        /// `nil` for a scope this version does not know: such a token opens nothing.
        let scope: APITokenStore.Scope?
        let expiresAt: Date?
        let cachedAt: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// The entry for a token's hash, if it is still fresh at `now`.
    func entry(_ tokenHash: String, now: Date) -> Entry? {
        entries.withLockedValue { entries in
            guard let entry = entries[tokenHash] else { return nil }
            guard now.timeIntervalSince(entry.cachedAt) < Self.lifetime, now >= entry.cachedAt else {
                entries[tokenHash] = nil
                return nil
            }
            return entry
        }
    }

    func keep(_ entry: Entry, for tokenHash: String) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[tokenHash] = entry
        }
    }

    /// Forgets every entry (an account changed).
    func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
