/// A small deterministic generator (a linear congruential one), so that the demo is the same on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound` (bound ≥ 1).
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(1, bound)))
    }
}

extension SeededRandom {
    /// An index drawn with the given weights (at least one positive).
    mutating func pick(_ weights: [Int]) -> Int {
        var draw = next(max(1, weights.reduce(0, +)))
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }
}
