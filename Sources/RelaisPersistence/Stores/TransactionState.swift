import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// What one transaction remembers between its statements: the audit entry it appended last (the next entry chains
/// to it without reading it back) and, in a group of writes, the rows still to insert.
final class TransactionState: Sendable {
    let lastAuditEntry = NIOLockedValueBox<AuditEntry?>(nil)
    /// Rows kept for one multi-row `INSERT` per table at the end of the group (`nil`: inserts run at once).
    fileprivate let deferredRows: NIOLockedValueBox<[DeferredRows]>?

    init(deferringInserts: Bool) {
        deferredRows = deferringInserts ? NIOLockedValueBox([]) : nil
    }
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
        try await sql.raw(Self.insertStatement(table, names, rows: [columns.map(\.value)])).run()
    }

    /// Writes the rows a group kept, in the order their tables were first written to.
    func flushDeferredInserts() async throws {
        guard let deferred = transactionState?.deferredRows else { return }
        let tables = deferred.withLockedValue { tables in
            defer { tables = [] }
            return tables
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        for table in tables {
            try await sql.raw(Self.insertStatement(table.table, table.columns, rows: table.rows)).run()
        }
    }

    private static func insertStatement(
        _ table: String, _ columns: [String], rows: [[any Encodable & Sendable]]
    ) -> SQLQueryString {
        let values = rows.map { row -> SQLQueryString in "(\(binds: row))" }.joined(separator: ", ")
        let statement: SQLQueryString =
            "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)"
        return statement
    }
}
