/// A bar chart drawn on the server as SVG (no script): each count as a bar scaled to the largest; a withheld count
/// draws no bar and says so. Shared by every programme's statistics pages (`Resources/Views/chart.leaf`).
struct BarChart: Encodable, Sendable {
    struct Bar: Encodable, Sendable {
        let label: String
        /// The bar's length, in percent of the largest count (0 for a withheld one).
        let percent: Int
        let withheld: Bool
        /// The bar's position in a vertical chart, in the SVG's units.
        let x: Int
        let y: Int
        let height: Int
    }

    let bars: [Bar]
    /// The height of a vertical chart's drawing, in its units.
    let height = 100
    /// The width of a vertical chart's drawing, in its units.
    let width: Int

    init(_ items: [(label: String, count: Int?)]) {
        let largest = max(1, items.compactMap(\.count).max() ?? 1)
        bars = items.enumerated().map { index, item in
            let percent = item.count.map { count in count * 100 / largest } ?? 0
            return Bar(
                label: item.label, percent: percent, withheld: item.count == nil, x: index * 10 + 1,
                y: 100 - percent, height: percent)
        }
        width = max(10, items.count * 10)
    }
}
