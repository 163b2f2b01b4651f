/// Small-cell suppression for every programme's statistics: a count under the threshold (5 by default) is not
/// shown, and neither is a second count wherever a total and the other counts would give it back (complementary
/// suppression). A suppressed count is `nil`; zeros are shown, as they count nobody.
public enum SmallCells {
    public static let defaultThreshold = 5

    /// A table of counts with its row totals, column totals and grand total, after suppression.
    public struct Table: Sendable, Equatable {
        public let cells: [[Int?]]
        public let rowTotals: [Int?]
        public let columnTotals: [Int?]
        public let total: Int?
    }

    /// Counts that add up to a total shown beside them (a column of a table with its total).
    public static func suppress(_ counts: [Int], threshold: Int = defaultThreshold) -> (counts: [Int?], total: Int?) {
        let table = suppress(table: counts.map { [$0] }, threshold: threshold)
        return (table.cells.map { $0[0] }, table.columnTotals.first ?? table.total)
    }

    /// Counts shown without a total they add up to (a person may count in several: risk factors): only the small
    /// ones are withheld.
    public static func suppressAlone(_ counts: [Int], threshold: Int = defaultThreshold) -> [Int?] {
        counts.map { isSmall($0, threshold) ? nil : $0 }
    }

    /// A two-way table with its margins: small counts and small totals are withheld, then, until every row, column
    /// and the margins hold no single withheld count, the smallest other count of each such line too.
    public static func suppress(table counts: [[Int]], threshold: Int = defaultThreshold) -> Table {
        let rows = counts.count
        let columns = counts.map(\.count).max() ?? 0
        // Every figure published, as one array: cells, row totals, column totals, grand total.
        var values: [Int] = []
        for row in counts { values += row + Array(repeating: 0, count: columns - row.count) }
        let rowTotals = counts.map { $0.reduce(0, +) }
        let columnTotals = (0..<columns).map { column in counts.reduce(0) { $0 + (column < $1.count ? $1[column] : 0) }
        }
        values += rowTotals + columnTotals + [rowTotals.reduce(0, +)]
        let cell = { (row: Int, column: Int) in row * columns + column }
        let rowTotal = { (row: Int) in rows * columns + row }
        let columnTotal = { (column: Int) in rows * columns + rows + column }
        let grand = values.count - 1
        // Each line is a sum: its members add up to its total.
        var lines: [[Int]] = (0..<rows).map { row in (0..<columns).map { cell(row, $0) } + [rowTotal(row)] }
        lines += (0..<columns).map { column in (0..<rows).map { cell($0, column) } + [columnTotal(column)] }
        lines.append((0..<rows).map(rowTotal) + [grand])
        lines.append((0..<columns).map(columnTotal) + [grand])
        var hidden = values.map { isSmall($0, threshold) }
        var changed = true
        while changed {
            changed = false
            for line in lines where line.filter({ hidden[$0] }).count == 1 {
                // Hide the smallest other figure that counts someone; cells before totals on a tie.
                let candidates = line.filter { !hidden[$0] && values[$0] > 0 }
                let chosen = candidates.min { (values[$0], $0) < (values[$1], $1) } ?? line.first { !hidden[$0] }
                guard let chosen else { continue }
                hidden[chosen] = true
                changed = true
            }
        }
        let shown = values.indices.map { hidden[$0] ? nil : values[$0] }
        return Table(
            cells: (0..<rows).map { row in (0..<columns).map { shown[cell(row, $0)] } },
            rowTotals: (0..<rows).map { shown[rowTotal($0)] },
            columnTotals: (0..<columns).map { shown[columnTotal($0)] }, total: shown[grand])
    }

    private static func isSmall(_ value: Int, _ threshold: Int) -> Bool { value > 0 && value < threshold }
}
