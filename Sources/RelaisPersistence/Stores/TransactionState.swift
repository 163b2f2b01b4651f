import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// What one transaction remembers between its statements: the audit entry it appended last (the next entry chains
/// to it without reading it back) and, in a group of writes, the rows still to insert and the notices still to send.
final class TransactionState: Sendable {
    let lastAuditEntry = NIOLockedValueBox<AuditEntry?>(nil)
    /// In a group of writes, the end of the audit chain as this process last wrote it: the group's first entry
    /// chains to it without reading the end, and the group fails if another writer appended since
    /// (``AuditStore/append(_:)``). `nil`: the first entry reads the end.
    let assumedChainEnd: AuditEntry?
    /// Rows kept for one multi-row `INSERT` per table at the end of the group (`nil`: inserts run at once).
    fileprivate let deferredRows: NIOLockedValueBox<[DeferredRows]>?
    /// PostgreSQL notices kept for the end of the group, each once (`nil`: notices are sent at once).
    fileprivate let deferredNotices: NIOLockedValueBox<[Notice]>?

    /// Whether this is a group of writes (which, when it fails, runs each write again alone).
    var isGroup: Bool { deferredRows != nil }

    init(deferringInserts: Bool, assumedChainEnd: AuditEntry? = nil) {
        deferredRows = deferringInserts ? NIOLockedValueBox([]) : nil
        deferredNotices = deferringInserts ? NIOLockedValueBox([]) : nil
        self.assumedChainEnd = assumedChainEnd
    }
}

/// A column value written as an SQL expression instead of a bound parameter; its `Encodable` form is the value the
/// expression yields.
protocol SQLValueExpression: SQLExpression, Encodable {}

/// A PostgreSQL `NOTIFY`: its channel and payload.
private struct Notice: Sendable, Equatable {
    let channel: String
    let payload: String
}

/// Rows for one table, all with the same columns.
private struct DeferredRows: Sendable {
    let table: String
    let columns: [String]
    var rows: [[any Encodable & Sendable]]
}

extension RelaisStore {
    /// Inserts one row, now or, in a group of writes, with the group's other rows for the table at its end.
    func insert(into table: String, _ columns: [(name: String, value: any Encodable & Sendable)]) async throws {
        let names = columns.map(\.name)
        if let deferred = transactionState?.deferredRows {
            deferred.withLockedValue { tables in
                if let index = tables.firstIndex(where: { $0.table == table && $0.columns == names }) {
                    tables[index].rows.append(columns.map(\.value))
                } else {
                    tables.append(DeferredRows(table: table, columns: names, rows: [columns.map(\.value)]))
                }
            }
            return
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.execute(sql: DeferredRows(table: table, columns: names, rows: [columns.map(\.value)])) { _ in }
    }

    /// Sends a PostgreSQL notice with the transaction: listeners hear it at the commit, and only if it commits (a
    /// group of writes sends each distinct notice once). Outside a transaction, it leaves at once.
    func notify(_ channel: String, payload: String) async throws {
        let notice = Notice(channel: channel, payload: payload)
        if let deferred = transactionState?.deferredNotices {
            deferred.withLockedValue { if !$0.contains(notice) { $0.append(notice) } }
            return
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.execute(sql: NoticeCalls(notices: [notice])) { _ in }
    }

    /// Writes the rows a group kept, in the order their tables were first written to, and sends its notices (they
    /// leave at the commit).
    func flushDeferredWrites() async throws {
        guard let deferredRows = transactionState?.deferredRows,
            let deferredNotices = transactionState?.deferredNotices
        else { return }
        let tables = deferredRows.withLockedValue { tables in
            defer { tables = [] }
            return tables
        }
        let notices = deferredNotices.withLockedValue { notices in
            defer { notices = [] }
            return notices
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        var statements: [any SQLExpression] = tables
        if !notices.isEmpty { statements.append(NoticeCalls(notices: notices)) }
        guard engine == .postgres else {
            for statement in statements { try await sql.execute(sql: statement) { _ in } }
            return
        }
        // One round trip on PostgreSQL: the inserts as data-modifying `WITH` clauses (which always run).
        try await sql.execute(sql: OneStatement(statements: statements)) { _ in }
    }
}

// The statements are written straight into SQL text and binds: `SQLQueryString`'s interpolation of each value was
// 5 % of the server's time on the intake's path (docs/PERFORMANCE.md).

extension DeferredRows: SQLExpression {
    /// One `INSERT` of every row.
    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        for (index, row) in rows.enumerated() {
            serializer.write(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { serializer.write(", ") }
                if let expression = value as? any SQLValueExpression {
                    expression.serialize(to: &serializer)
                } else {
                    serializer.write(bind: value)
                }
            }
            serializer.write(")")
        }
    }
}

/// One `SELECT` of `pg_notify` calls.
private struct NoticeCalls: SQLExpression {
    let notices: [Notice]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("SELECT ")
        for (index, notice) in notices.enumerated() {
            serializer.write(index == 0 ? "pg_notify(" : ", pg_notify(")
            serializer.write(bind: notice.channel)
            serializer.write(", ")
            serializer.write(bind: notice.payload)
            serializer.write(")")
        }
    }
}

/// Statements as one (PostgreSQL): all but the last as data-modifying `WITH` clauses.
private struct OneStatement: SQLExpression {
    let statements: [any SQLExpression]

    func serialize(to serializer: inout SQLSerializer) {
        for (index, statement) in statements.dropLast().enumerated() {
            serializer.write(index == 0 ? "WITH write0 AS (" : ", write\(index) AS (")
            statement.serialize(to: &serializer)
            serializer.write(")")
        }
        if statements.count > 1 { serializer.write(" ") }
        statements.last?.serialize(to: &serializer)
    }
}
