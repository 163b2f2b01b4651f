import Foundation

/// When a message that failed is tried again: after 30 s, then 4 times longer each time up to six hours; after
/// ``maximumAttempts`` it is given up and shown to the administrator, who may send it again.
public enum OutboxSchedule {
    public static let maximumAttempts = 10

    /// When to try again after `attempts` failed attempts, or nil to give up.
    public static func nextAttempt(after attempts: Int, failedAt: Date) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        let delay = min(30 * pow(4, Double(max(0, attempts - 1))), 6 * 3600)
        return failedAt.addingTimeInterval(delay)
    }
}
