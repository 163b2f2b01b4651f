import Foundation

/// How long a signed-in session lives: 30 minutes without activity, 12 hours at most.
public struct SessionPolicy: Sendable, Equatable {
    /// Whether a session may still be used.
    public enum State: Sendable, Equatable {
        case active
        case idleExpired
        case absoluteExpired
    }

    public var idleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 3600) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
    }

    /// The state at `now` of a session created at `createdAt` and last used at `lastSeenAt`.
    public func state(createdAt: Date, lastSeenAt: Date, now: Date) -> State {
        if now.timeIntervalSince(createdAt) >= absoluteTimeout { return .absoluteExpired }
        if now.timeIntervalSince(lastSeenAt) >= idleTimeout { return .idleExpired }
        return .active
    }

    /// Whether the last-seen time is old enough to be worth writing again (saves a write per request).
    public func shouldTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= 60
    }
}
