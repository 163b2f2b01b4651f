import Foundation
import RelaisCore
import SQLKit

extension SituationStore {
    /// The trends over the situations brought to the table and opened in `months` (inclusive, `YYYY-MM`), from the
    /// counters kept with every save: nothing identifying is read, and ten busy years are a few thousand rows.
    public func trends(months: ClosedRange<String>) async throws -> TableTrends {
        let rows = try await sqlDatabase.select().columns("month", "dimension", "value", "count")
            .from("situation_counts").where("month", .greaterThanOrEqual, months.lowerBound)
            .where("month", .lessThanOrEqual, months.upperBound).where("count", .greaterThan, 0).all()
        return TrendCounts.trends(
            try rows.compactMap { row in
                guard
                    let dimension = TrendCounts.Dimension(
                        rawValue: try row.decode(column: "dimension", as: String.self))
                else { return nil }
                return (
                    TrendCounts.Key(
                        month: try row.decode(column: "month", as: String.self), dimension: dimension,
                        value: try row.decode(column: "value", as: String.self)),
                    try row.decode(column: "count", as: Int.self)
                )
            })
    }

    /// The months in which situations were brought to the table, first and last (`YYYY-MM`).
    public func monthsWithDiscussions() async throws -> ClosedRange<String>? {
        guard
            let row = try await sqlDatabase.select()
                .column(SQLFunction("MIN", args: SQLIdentifier("month")), as: "first")
                .column(SQLFunction("MAX", args: SQLIdentifier("month")), as: "last").from("situation_counts")
                .where("dimension", .equal, TrendCounts.Dimension.brought.rawValue).where("count", .greaterThan, 0)
                .first(),
            let first = try row.decode(column: "first", as: String?.self),
            let last = try row.decode(column: "last", as: String?.self)
        else { return nil }
        return first...last
    }

    /// Every situation brought to the table and opened in `months`, oldest first, for the province's export
    /// (de-identified: the caller writes no summary or identity).
    public func discussions(months: ClosedRange<String>) async throws -> [Situation] {
        try await read(
            try sqlDatabase.select().column("*").from("situations")
                .where(SQLRaw("stage <> '\(SituationStage.opened.rawValue)'"))
                .where("opened_month", .greaterThanOrEqual, months.lowerBound)
                .where("opened_month", .lessThanOrEqual, months.upperBound).orderBy("opened_at"))
    }

    /// Counts every situation again from the records, replacing the counters: for situations written outside the
    /// stores (an import, the benchmark's generator), and to check the counters kept with each save.
    public func recount() async throws {
        try await store.transaction { tx in
            let sql = try tx.situations.sqlDatabase
            try await sql.delete(from: "situation_counts").run()
            let brought = "stage <> '\(SituationStage.opened.rawValue)'"
            let accepted = [SituationStage.accepted, .intervening, .concluded].map { "'\($0.rawValue)'" }
                .joined(separator: ", ")
            var selects: [String] = [
                "SELECT opened_month, 'brought', 'all', COUNT(*) FROM situations WHERE \(brought) GROUP BY opened_month",
                "SELECT opened_month, 'accepted', 'all', COUNT(*) FROM situations WHERE stage IN (\(accepted)) GROUP BY opened_month",
            ]
            for (dimension, column) in [
                ("subject", "subject"), ("lead_sector", "lead_sector"), ("conclusion", "conclusion"),
                ("rejection", "rejection_reason"),
            ] {
                selects.append(
                    "SELECT opened_month, '\(dimension)', \(column), COUNT(*) FROM situations WHERE \(brought) AND \(column) IS NOT NULL GROUP BY opened_month, \(column)"
                )
            }
            for (dimension, column, values) in [
                ("cohort", "age_cohorts", AgeCohort.allCases.map(\.rawValue)),
                ("gender", "genders", Gender.allCases.map(\.rawValue)),
            ] {
                for value in values {
                    selects.append(
                        "SELECT opened_month, '\(dimension)', '\(value)', COUNT(*) FROM situations WHERE \(brought) AND subject IS NOT NULL AND ',' || \(column) || ',' LIKE '%,\(value),%' GROUP BY opened_month"
                    )
                }
            }
            let delay = TableTrends.Delay.allCases.map { delay -> String in
                switch delay {
                case .within24Hours: "WHEN hours_to_intervention < 24 THEN '\(delay.rawValue)'"
                case .within48Hours: "WHEN hours_to_intervention < 48 THEN '\(delay.rawValue)'"
                case .withinWeek: "WHEN hours_to_intervention < 168 THEN '\(delay.rawValue)'"
                case .later: "ELSE '\(delay.rawValue)'"
                }
            }.joined(separator: " ")
            selects.append(
                "SELECT opened_month, 'delay', CASE \(delay) END, COUNT(*) FROM situations WHERE \(brought) AND hours_to_intervention IS NOT NULL GROUP BY opened_month, 3"
            )
            selects.append(
                "SELECT s.opened_month, 'factor', f.factor_code, COUNT(*) FROM situation_factors f JOIN situations s ON s.id = f.situation_id WHERE s.\(brought) AND s.subject IS NOT NULL GROUP BY s.opened_month, f.factor_code"
            )
            for select in selects {
                try await sql.raw(
                    SQLQueryString("INSERT INTO situation_counts (month, dimension, value, count) \(unsafeRaw: select)")
                )
                .run()
            }
        }
    }

    /// The counters a situation adds to now (none once deleted, or while with its agency).
    func countedKeys(_ id: Situation.ID) async throws -> Set<TrendCounts.Key> {
        guard
            let row = try await sqlDatabase.select().columns("opened_month", "lead_sector").from("situations")
                .where("id", .equal, id.rawValue).first(),
            let situation = try await situation(id)
        else { return [] }
        return TrendCounts.keys(
            of: situation, month: try row.decode(column: "opened_month", as: String.self),
            leadSector: try row.decode(column: "lead_sector", as: String?.self).flatMap(AgencySector.init(rawValue:)))
    }

    /// Moves the counters from what a situation counted to what it counts now.
    func count(from old: Set<TrendCounts.Key>, to new: Set<TrendCounts.Key>) async throws {
        let sql = try sqlDatabase
        for (keys, change) in [(new.subtracting(old), 1), (old.subtracting(new), -1)] {
            for key in keys.sorted(by: {
                ($0.month, $0.dimension.rawValue, $0.value) < ($1.month, $1.dimension.rawValue, $1.value)
            }) {
                try await sql.raw(
                    """
                    INSERT INTO situation_counts (month, dimension, value, count) \
                    VALUES (\(bind: key.month), \(bind: key.dimension.rawValue), \(bind: key.value), \(bind: change)) \
                    ON CONFLICT (month, dimension, value) DO UPDATE SET count = situation_counts.count + excluded.count
                    """
                ).run()
            }
        }
    }
}
