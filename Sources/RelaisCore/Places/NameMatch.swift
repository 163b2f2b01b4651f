/// How closely typed words match a name: typing is a prefix of what is meant, with a few typos.
///
/// The score is a bounded prefix edit distance (Levenshtein, the query against the name's best prefix) with an early
/// stop once every path costs more than the errors allowed, so thousands of names are compared in a millisecond.
public struct NameMatch: Sendable {
    let query: [UInt8]

    public init(_ words: [String]) {
        query = Array(words.joined(separator: " ").utf8)
    }

    /// Typos forgiven: none up to 3 letters, one up to 6, two beyond.
    var allowed: Int { query.count <= 3 ? 0 : query.count <= 6 ? 1 : 2 }

    /// The score of `name` (folded words joined by spaces, as bytes), or nil when it does not match: 1000 for the
    /// whole name, less for a prefix, a typo or a match starting at a later word.
    public func score(_ name: [UInt8]) -> Int? {
        guard !query.isEmpty else { return nil }
        var best: Int?
        var start = 0
        var wordIndex = 0
        while start < name.count, wordIndex < 4 {
            if let distance = prefixDistance(name, from: start) {
                let remaining = name.count - start - query.count
                // Between equal prefixes, the name closest as a whole ("beri": Berri before Bercy).
                let whole = min(Self.distance(query, name[start...]), 20)
                var score = 900 - distance * 150 - wordIndex * 120 - min(max(remaining, 0), 40) - whole * 3
                if remaining == 0, distance == 0 { score = 1000 - wordIndex * 120 }
                best = max(best ?? .min, score)
            }
            guard let space = name[start...].firstIndex(of: 0x20) else { break }
            start = space + 1
            wordIndex += 1
        }
        return best
    }

    /// The least edit distance between the query and a prefix of `name[start...]`, if within ``allowed``.
    private func prefixDistance(_ name: [UInt8], from start: Int) -> Int? {
        let allowed = allowed
        let width = query.count
        var previous = Array(0...width)
        var current = [Int](repeating: 0, count: width + 1)
        var best = previous[width]
        var index = start
        while index < name.count {
            current[0] = index - start + 1
            var rowMinimum = current[0]
            let letter = name[index]
            for column in 1...width {
                let substitution = previous[column - 1] + (query[column - 1] == letter ? 0 : 1)
                current[column] = min(substitution, previous[column] + 1, current[column - 1] + 1)
                rowMinimum = min(rowMinimum, current[column])
            }
            best = min(best, current[width])
            if rowMinimum > allowed { break }
            swap(&previous, &current)
            index += 1
        }
        return best <= allowed ? best : nil
    }

    /// The edit distance between two byte strings.
    static func distance(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Int {
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...a.count)
        var current = [Int](repeating: 0, count: a.count + 1)
        for (row, letter) in b.enumerated() {
            current[0] = row + 1
            for column in 1...a.count {
                current[column] = min(
                    previous[column - 1] + (a[column - 1] == letter ? 0 : 1), previous[column] + 1,
                    current[column - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[a.count]
    }
}
