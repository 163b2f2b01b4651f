import Foundation

/// The source of the current time. The core never reads the system clock itself.
public protocol Clock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// A clock that always answers the same instant, for tests and reproducible runs.
public struct FixedClock: Clock {
    public var now: Date

    public init(_ now: Date) {
        self.now = now
    }
}
