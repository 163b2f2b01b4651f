import Foundation
import RelaisCore

/// A clock a test moves by hand, for expiry and throttling rules.
public final class TestClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    public var now: Date {
        lock.withLock { current }
    }

    /// Moves the clock forward.
    public func advance(by interval: TimeInterval) {
        lock.withLock { current += interval }
    }
}
