/// A chart and its table, as `chart.leaf` shows them: one row per category, its count (or the withheld mark) and
/// its bar.
struct ChartSection: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let label: String
        let count: String
        let chart: BarChart.Bar
    }

    let id: String
    let title: String
    let rows: [Row]
    let total: String?
    let height: Int

    /// The section of `items`, a withheld count (nil) shown as `withheld`.
    init(id: String, title: String, items: [(label: String, count: Int?)], total: String?, withheld: String) {
        let chart = BarChart(items)
        self.id = id
        self.title = title
        rows = zip(items, chart.bars).map {
            Row(label: $0.0.label, count: $0.0.count.map(String.init) ?? withheld, chart: $0.1)
        }
        self.total = total
        height = chart.height
    }
}
