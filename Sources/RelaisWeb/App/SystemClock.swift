import Foundation
import RelaisCore

/// The real clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}
