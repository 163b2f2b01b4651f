/// The columns of longitude SQLite's position index starts with.
enum DirectoryGrid {
    /// Columns per degree of longitude.
    static let perDegree = 20.0
    /// The indexed expression: the column's number, kept positive so that `CAST` (which truncates) floors it.
    static let column = "CAST(longitude * 20 + 10000 AS INTEGER)"

    /// At most this many columns are listed; a wider box (near the poles) reads its band of latitude instead.
    static let maximumColumns = 64

    /// The columns a range of longitudes crosses, nil when they are more than ``maximumColumns``.
    static func columns(from west: Double, to east: Double) -> ClosedRange<Int>? {
        let (west, east) = (max(-180, west), min(180, east))
        guard west <= east, (east - west) * perDegree < Double(maximumColumns) else { return nil }
        return Int((west * perDegree + 10_000).rounded(.down))...Int((east * perDegree + 10_000).rounded(.down))
    }
}
