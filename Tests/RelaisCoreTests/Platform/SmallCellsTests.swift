import RelaisCore
import Testing

@Suite("Statistics: small cells are suppressed, and cannot be recovered from the totals")
struct SmallCellsTests {
    /// Every table of cells (row by row; withheld ones 0…bound) that agrees with every figure shown: the cells, row and
    /// column totals and the grand total (a withheld total constrains nothing). Cells are tried column by column,
    /// each column checked as soon as it is complete.
    static func solutions(_ table: SmallCells.Table, bound: Int) -> [[Int]] {
        let rows = table.cells.count
        let columns = table.cells.first?.count ?? 0
        var cells = table.cells
        let unknown = (0..<columns).flatMap { column in
            (0..<rows).filter { table.cells[$0][column] == nil }.map { ($0, column) }
        }
        var found: [[Int]] = []
        func columnHolds(_ column: Int) -> Bool {
            guard let total = table.columnTotals[column] else { return true }
            return (0..<rows).reduce(0) { $0 + cells[$1][column]! } == total
        }
        func search(_ index: Int) {
            guard index < unknown.count else {
                let rowSums = (0..<rows).map { row in (0..<columns).reduce(0) { $0 + cells[row][$1]! } }
                let rowsHold = (0..<rows).allSatisfy {
                    table.rowTotals[$0] == nil || table.rowTotals[$0] == rowSums[$0]
                }
                if rowsHold && (table.total == nil || table.total == rowSums.reduce(0, +)) {
                    found.append(cells.flatMap { $0.map { $0! } })
                }
                return
            }
            let (row, column) = unknown[index]
            let lastOfColumn = index + 1 == unknown.count || unknown[index + 1].1 != column
            for value in 0...bound {
                cells[row][column] = value
                if lastOfColumn && !columnHolds(column) { continue }
                search(index + 1)
            }
            cells[row][column] = nil
        }
        // A column with nothing withheld must already hold.
        guard (0..<columns).allSatisfy({ column in unknown.contains { $0.1 == column } || columnHolds(column) })
        else { return [] }
        search(0)
        return found
    }

    @Test("a column with one small count hides a second, so its total minus the others does not give it back")
    func oneColumn() {
        let (counts, total) = SmallCells.suppress([40, 3, 12, 25])
        #expect(counts == [40, nil, nil, 25])
        #expect(total == 80)
        let alone = SmallCells.suppressAlone([40, 3, 0, 25])
        #expect(alone == [40, nil, 0, 25])
    }

    @Test("a two-way table with a small cell: every withheld figure has several values consistent with the rest")
    func notRecoverable() {
        let counts = [[12, 2, 9], [7, 8, 10], [11, 6, 15]]
        let table = SmallCells.suppress(table: counts)
        #expect(table.cells[0][1] == nil)
        let hidden = table.cells.flatMap { $0 }.filter { $0 == nil }.count
        #expect(hidden >= 4)
        let solutions = Self.solutions(table, bound: 20)
        #expect(solutions.count > 1)
        // the small cell itself takes more than one value among them
        #expect(Set(solutions.map { $0[1] }).count > 1)
    }

    @Test("a small total is withheld with a partner, and nothing under the threshold is shown")
    func smallTotals() {
        let table = SmallCells.suppress(table: [[2, 1], [30, 40]])
        let shown = table.cells.flatMap { $0 } + table.rowTotals + table.columnTotals + [table.total]
        #expect(shown.compactMap { $0 }.allSatisfy { $0 == 0 || $0 >= SmallCells.defaultThreshold })
        #expect(Self.solutions(table, bound: 45).count > 1)
        #expect(SmallCells.suppress(table: [[30, 40]], threshold: 50).total == 70)
    }
}
