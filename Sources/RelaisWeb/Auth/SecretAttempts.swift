import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Guessing an account's secrets — its password at sign-in or change, its second-factor code at sign-in or
/// removal — goes through one counter: each attempt is counted before the secret is checked, atomically on both
/// engines (``SignInFailureStore/attempt(accountKey:address:throttle:)``), so parallel guesses cannot slip past it.
extension Request {
    /// Counts an attempt at a secret of the account with this e-mail, from this client's address.
    /// - Returns: the instant the account (or address) may try again, when it must wait; nil when it may try now.
    func attemptSecret(of email: String) async throws -> Date? {
        let failures = store.signInFailures
        let decision = try await failures.attempt(
            accountKey: failures.accountKey(for: email), address: clientAddress, throttle: relais.throttle)
        if case .throttled(let until) = decision { return until }
        return nil
    }

    /// Forgets the account's failed attempts once a secret was right.
    func secretAccepted(of email: String) async throws {
        try await store.signInFailures.clear(accountKey: store.signInFailures.accountKey(for: email))
    }

    /// Whole minutes (at least one) until `until`, for the message.
    func minutes(until: Date) -> Int {
        max(1, Int((until.timeIntervalSince(store.now) / 60).rounded(.up)))
    }
}
