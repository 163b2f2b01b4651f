import Foundation
import NIOConcurrencyHelpers

/// Counts what one key (a network address, a device) did in a sliding window, in memory: enough to stop a burst
/// from one place without an outside service. Each instance counts its own.
final class RateGate: Sendable {
    private let times = NIOLockedValueBox<[String: [Date]]>([:])
    /// Keys kept at most; past it the oldest window is forgotten whole (a flood of new keys cannot grow memory).
    private let capacity = 20_000

    /// The recent times of `key` within `window` before `now`.
    func recent(_ key: String, window: TimeInterval, now: Date) -> [Date] {
        times.withLockedValue { $0[key]?.filter { $0 > now.addingTimeInterval(-window) } ?? [] }
    }

    /// Records that `key` acted at `now`, forgetting its times older than `window`.
    func record(_ key: String, window: TimeInterval, now: Date) {
        times.withLockedValue { table in
            if table.count >= capacity, table[key] == nil { table.removeAll(keepingCapacity: true) }
            var kept = table[key]?.filter { $0 > now.addingTimeInterval(-window) } ?? []
            kept.append(now)
            table[key] = kept
        }
    }
}
