import Foundation

/// A cell of a grid of about 110 m × 80 m (a thousandth of a degree each way, at Montréal's latitude): where a
/// message or a problem is, coarse enough to be kept without sealing, fine enough to say "the same place".
public struct GridCell: Hashable, Sendable, Codable, CustomStringConvertible {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The cell of a point.
    public init(latitude: Double, longitude: Double) {
        row = Int((latitude * 1_000).rounded(.down))
        column = Int((longitude * 1_000).rounded(.down))
    }

    /// Reads `row:column`, as stored.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 9 }), let row = Int(parts[0]),
            let column = Int(parts[1])
        else { return nil }
        self.init(row: row, column: column)
    }

    public var description: String { "\(row):\(column)" }

    /// The cell's centre.
    public var centre: (latitude: Double, longitude: Double) {
        ((Double(row) + 0.5) / 1_000, (Double(column) + 0.5) / 1_000)
    }

    /// Whether `other` is this cell or touches it.
    public func isNeighbour(of other: GridCell) -> Bool {
        abs(row - other.row) <= 1 && abs(column - other.column) <= 1
    }
}

/// Repeat places: where messages and contacts gather, at the same place or next to it, over a period — the signal
/// to open a problem or link them to one. "Always from the same problem", as the officers say.
public enum RepeatPlaces {
    /// One thing that happened at a cell.
    public struct Event: Sendable, Equatable {
        public let cell: GridCell
        public let at: Date
        public let sectorCode: String

        public init(cell: GridCell, at: Date, sectorCode: String) {
            self.cell = cell
            self.at = at
            self.sectorCode = sectorCode
        }
    }

    /// A place that repeats: its busiest cell, how many events there and next to it, and since when.
    public struct Signal: Sendable, Equatable {
        public let cell: GridCell
        public let sectorCode: String
        public let count: Int
        public let first: Date
        public let last: Date
    }

    /// The places with at least `minimum` events within `days` days before `now`, counting each cell with its
    /// neighbours; a place is reported once (its busiest cell), the busiest places first.
    public static func signals(_ events: [Event], now: Date, days: Int = 90, minimum: Int = 3) -> [Signal] {
        let since = now.addingTimeInterval(-Double(max(1, min(days, 3_650))) * 86_400)
        var byCell: [GridCell: [Event]] = [:]
        for event in events where event.at >= since && event.at <= now { byCell[event.cell, default: []].append(event) }
        var candidates: [Signal] = []
        // Each cell counts with its eight neighbours: nine lookups, not a pass over every event.
        for (cell, own) in byCell {
            let near = (-1...1).flatMap { row in
                (-1...1).flatMap { byCell[GridCell(row: cell.row + row, column: cell.column + $0)] ?? [] }
            }
            guard near.count >= max(1, minimum) else { continue }
            let sectors = Dictionary(grouping: own, by: \.sectorCode).mapValues(\.count)
            let sector = sectors.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
            candidates.append(
                Signal(
                    cell: cell, sectorCode: sector, count: near.count, first: near.map(\.at).min() ?? now,
                    last: near.map(\.at).max() ?? now))
        }
        candidates.sort { ($0.count, $1.cell.row, $1.cell.column) > ($1.count, $0.cell.row, $0.cell.column) }
        var chosen: [Signal] = []
        for candidate in candidates where !chosen.contains(where: { $0.cell.isNeighbour(of: candidate.cell) }) {
            chosen.append(candidate)
        }
        return chosen
    }
}
