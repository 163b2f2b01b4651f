/// How often a kind of committee meets in a year (partnership committees four times or more; the strategic
/// committee four to six times, two of them joint meetings with members of the partnership committees).
public struct FrequencyRules: Sendable, Equatable {
    public let minimum: Int
    public let maximum: Int?
    /// How many of its meetings are joint ones.
    public let joint: Int

    public init(minimum: Int, maximum: Int?, joint: Int) {
        self.minimum = minimum
        self.maximum = maximum
        self.joint = joint
    }

    /// A committee's year against its rules: meetings held or planned (not cancelled), and the joint ones.
    public func check(held: Int, planned: Int, joint: Int) -> FrequencyCheck {
        let total = held + planned
        return FrequencyCheck(
            held: held, planned: planned, joint: joint, tooFew: total < minimum,
            tooMany: maximum.map { total > $0 } ?? false, jointMissing: max(0, self.joint - joint))
    }
}

/// A committee's meetings in a year, and what the rules flag.
public struct FrequencyCheck: Sendable, Equatable {
    public let held: Int
    public let planned: Int
    public let joint: Int
    public let tooFew: Bool
    public let tooMany: Bool
    public let jointMissing: Int

    public var isFlagged: Bool { tooFew || tooMany || jointMissing > 0 }
}
