import Foundation
import RelaisCore
import SQLKit

extension SituationStore {
    /// The counts behind the trends, over the situations brought to the table and opened in `months` (inclusive,
    /// `YYYY-MM`): grouped by the database, nothing identifying read.
    public func trends(months: ClosedRange<String>) async throws -> TableTrends {
        let sql = try sqlDatabase
        var trends = TableTrends()
        let brought = SQLRaw("stage <> '\(SituationStage.opened.rawValue)'")
        func scoped(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from("situations").where(brought).where("opened_month", .greaterThanOrEqual, months.lowerBound)
                .where("opened_month", .lessThanOrEqual, months.upperBound)
        }
        let acceptedStages = [SituationStage.accepted, .intervening, .concluded].map { "'\($0.rawValue)'" }
            .joined(separator: ",")
        for row in try await scoped(
            sql.select().column("opened_month").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLRaw("SUM(CASE WHEN stage IN (\(acceptedStages)) THEN 1 ELSE 0 END)"), as: "accepted")
        ).groupBy("opened_month").orderBy("opened_month").all() {
            trends.months.append(
                TableTrends.Month(
                    month: try row.decode(column: "opened_month", as: String.self),
                    brought: try row.decode(column: "n", as: Int.self),
                    accepted: try row.decode(column: "accepted", as: Int.self)))
        }
        func grouped<K: RawRepresentable>(_ column: String, as: K.Type) async throws -> [K: Int]
        where K.RawValue == String {
            var counts: [K: Int] = [:]
            for row in try await scoped(
                sql.select().column(SQLIdentifier(column), as: "k")
                    .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            ).where(SQLIdentifier(column), .isNot, SQLLiteral.null).groupBy(SQLIdentifier(column)).all() {
                if let key = K(rawValue: try row.decode(column: "k", as: String.self)) {
                    counts[key] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
        trends.subjects = try await grouped("subject", as: SubjectType.self)
        trends.leadSectors = try await grouped("lead_sector", as: AgencySector.self)
        trends.conclusions = try await grouped("conclusion", as: Conclusion.self)
        trends.rejections = try await grouped("rejection_reason", as: RejectionReason.self)
        // Cohorts and genders are lists: one sum per value, in one pass.
        var listQuery = sql.select()
        for cohort in AgeCohort.allCases {
            listQuery = listQuery.column(
                SQLRaw("SUM(CASE WHEN ',' || age_cohorts || ',' LIKE '%,\(cohort.rawValue),%' THEN 1 ELSE 0 END)"),
                as: "c\(cohort.rawValue.filter(\.isNumber))")
        }
        for gender in Gender.allCases {
            listQuery = listQuery.column(
                SQLRaw("SUM(CASE WHEN ',' || genders || ',' LIKE '%,\(gender.rawValue),%' THEN 1 ELSE 0 END)"),
                as: "g\(gender.rawValue)")
        }
        let delayCase = TableTrends.Delay.allCases.map { delay -> String in
            switch delay {
            case .within24Hours: "WHEN hours_to_intervention < 24 THEN '\(delay.rawValue)'"
            case .within48Hours: "WHEN hours_to_intervention < 48 THEN '\(delay.rawValue)'"
            case .withinWeek: "WHEN hours_to_intervention < 168 THEN '\(delay.rawValue)'"
            case .later: "ELSE '\(delay.rawValue)'"
            }
        }.joined(separator: " ")
        if let row = try await scoped(listQuery).first() {
            for cohort in AgeCohort.allCases {
                trends.cohorts[cohort] =
                    try row.decode(column: "c\(cohort.rawValue.filter(\.isNumber))", as: Int?.self) ?? 0
            }
            for gender in Gender.allCases {
                trends.genders[gender] = try row.decode(column: "g\(gender.rawValue)", as: Int?.self) ?? 0
            }
        }
        for row in try await scoped(
            sql.select().column(SQLRaw("CASE \(delayCase) END"), as: "k")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        ).where("hours_to_intervention", .isNot, SQLLiteral.null).groupBy(SQLRaw("1")).all() {
            if let delay = TableTrends.Delay(rawValue: try row.decode(column: "k", as: String.self)) {
                trends.delays[delay] = try row.decode(column: "n", as: Int.self)
            }
        }
        // Factors of situations brought to the table (a rejection deleted its own).
        for row in try await sql.select().column(SQLColumn("factor_code", table: "f"), as: "k")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("situation_factors"), as: SQLIdentifier("f")))
            .join(
                SQLAlias(SQLIdentifier("situations"), as: SQLIdentifier("s")), on: SQLColumn("id", table: "s"),
                .equal, SQLColumn("situation_id", table: "f")
            )
            .where(SQLColumn("stage", table: "s"), .notEqual, SQLBind(SituationStage.opened.rawValue))
            .where(SQLColumn("opened_month", table: "s"), .greaterThanOrEqual, SQLBind(months.lowerBound))
            .where(SQLColumn("opened_month", table: "s"), .lessThanOrEqual, SQLBind(months.upperBound))
            .groupBy(SQLColumn("factor_code", table: "f")).all()
        {
            trends.factors[try row.decode(column: "k", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return trends
    }

    /// The months in which situations were brought to the table, first and last (`YYYY-MM`).
    public func monthsWithDiscussions() async throws -> ClosedRange<String>? {
        guard
            let row = try await sqlDatabase.select().column(
                SQLFunction("MIN", args: SQLIdentifier("opened_month")), as: "first"
            )
            .column(SQLFunction("MAX", args: SQLIdentifier("opened_month")), as: "last").from("situations")
            .where(SQLRaw("stage <> '\(SituationStage.opened.rawValue)'")).first(),
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
}
