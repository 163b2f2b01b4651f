import Foundation

/// Slows down password guessing: after repeated failures, an account or an address must wait.
public struct SignInThrottle: Sendable, Equatable {
    /// Failures allowed for one account inside the window.
    public var maximumPerAccount: Int
    /// Failures allowed from one network address inside the window (covers guessing across accounts).
    public var maximumPerAddress: Int
    /// How far back failures count.
    public var window: TimeInterval

    public init(maximumPerAccount: Int = 5, maximumPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.maximumPerAccount = maximumPerAccount
        self.maximumPerAddress = maximumPerAddress
        self.window = window
    }

    /// The answer for one attempt.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused without checking the password, until the given instant.
        case throttled(until: Date)
    }

    /// Decides whether to check a password, given the times of recent failures for the account and the address.
    public func decide(accountFailures: [Date], addressFailures: [Date], now: Date) -> Decision {
        let since = now.addingTimeInterval(-window)
        let account = accountFailures.filter { $0 > since }.sorted()
        let address = addressFailures.filter { $0 > since }.sorted()
        var until: Date?
        if account.count >= maximumPerAccount, let oldest = account.suffix(maximumPerAccount).first {
            until = oldest.addingTimeInterval(window)
        }
        if address.count >= maximumPerAddress, let oldest = address.suffix(maximumPerAddress).first {
            until = max(until ?? .distantPast, oldest.addingTimeInterval(window))
        }
        return until.map { .throttled(until: $0) } ?? .allowed
    }
}
