import FluentPostgresDriver
import SQLKit

/// A value for a hot query's parameter.
typealias HotQueryValue = any PostgresThrowingDynamicTypeEncodable & Encodable & Sendable

/// A query on a path every request takes, prepared once per PostgreSQL connection so that PostgreSQL parses and
/// plans it once, not at every call: planning the bearer token's lookup took five times as long as running it
/// (docs/PERFORMANCE.md). SQLite runs the same text.
///
/// The text numbers its parameters `$1`, `$2`… (PostgreSQL's form) and holds no other `$`.
protocol HotQuery: PostgresPreparedStatement where Row == PostgresRow {
    /// The values of `$1`, `$2`… in order.
    var values: [HotQueryValue] { get }
}

extension HotQuery {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

    /// The text for SQLite, its parameters bound through SQLKit (`$n` becomes SQLite's `?n`).
    var sqliteQuery: SQLQueryString {
        var query = SQLQueryString("")
        var text = Substring(Self.sql)
        while let dollar = text.firstIndex(of: "$") {
            query.appendLiteral(String(text[..<dollar]))
            let digits = text[text.index(after: dollar)...].prefix(while: \.isNumber)
            query.appendInterpolation(bind: values[Int(digits)! - 1])
            text = text[digits.endIndex...]
        }
        query.appendLiteral(String(text))
        return query
    }
}

extension RelaisStore {
    /// The rows of a hot query, on this store's connection (inside a transaction, the transaction's).
    func rows(_ query: some HotQuery) async throws -> [any SQLRow] {
        if engine == .postgres, let postgres = database as? any PostgresDatabase {
            let logger = database.logger
            return try await Self.on(postgres) { connection in
                var rows: [any SQLRow] = []
                for try await row in try await connection.execute(query, logger: logger) { rows.append(row.sql()) }
                return rows
            }
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        return try await sql.raw(query.sqliteQuery).all()
    }

    /// Runs `body` on the PostgreSQL connection behind `database` (inside a transaction, the transaction's).
    static func on<T: Sendable>(
        _ database: any PostgresDatabase, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await body(connection) }
        }.get()
    }
}
