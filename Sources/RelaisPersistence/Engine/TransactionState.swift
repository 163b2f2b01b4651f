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

    /// What to do once the transaction has committed (forget cached reads it made stale).
    let afterCommit = NIOLockedValueBox<[@Sendable () -> Void]>([])

    /// Whether this is a group of writes (which, when it fails, runs each write again alone).
    var isGroup: Bool { deferredRows != nil }

    init(deferringInserts: Bool, assumedChainEnd: AuditEntry? = nil) {
        deferredRows = deferringInserts ? NIOLockedValueBox([]) : nil
        deferredNotices = deferringInserts ? NIOLockedValueBox([]) : nil
        self.assumedChainEnd = assumedChainEnd
    }
}

/// A PostgreSQL `NOTIFY`: its channel and payload.
private struct Notice: Sendable, Equatable {
    let channel: String
    let payload: String
}

/// Rows for one table, all with the same columns.
private struct DeferredRows: Sendable {
    let table: String
    let columns: [String]
    var rows: [[ColumnValue]]
}

extension RelaisStore {
    /// Inserts one row, now or, in a group of writes, with the group's other rows for the table at its end.
    func insert(into table: String, _ columns: [(name: String, value: ColumnValue)]) async throws {
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
        var statement = BoundStatement(engine: engine)
        DeferredRows(table: table, columns: names, rows: [columns.map(\.value)]).write(to: &statement)
        try await run(statement)
    }

    /// Sends a PostgreSQL notice with the transaction: listeners hear it at the commit, and only if it commits (a
    /// group of writes sends each distinct notice once). Outside a transaction, it leaves at once.
    func notify(_ channel: String, payload: String) async throws {
        let notice = Notice(channel: channel, payload: payload)
        if let deferred = transactionState?.deferredNotices {
            deferred.withLockedValue { if !$0.contains(notice) { $0.append(notice) } }
            return
        }
        var statement = BoundStatement(engine: engine)
        Self.writeNotices([notice], to: &statement)
        try await run(statement)
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
        guard engine == .postgres else {
            for table in tables {
                var statement = BoundStatement(engine: engine)
                table.write(to: &statement)
                try await run(statement)
            }
            return
        }
        // One round trip on PostgreSQL: the inserts as data-modifying `WITH` clauses (which always run), then the
        // notices.
        var statement = BoundStatement(engine: engine)
        let last = notices.isEmpty ? tables.count - 1 : tables.count
        for (index, table) in tables.enumerated() {
            if index < last {
                statement.append(index == 0 ? "WITH write0 AS (" : ", write\(index) AS (")
            } else if index > 0 {
                statement.append(" ")
            }
            table.write(to: &statement)
            if index < last { statement.append(")") }
        }
        if !notices.isEmpty {
            if !tables.isEmpty { statement.append(" ") }
            Self.writeNotices(notices, to: &statement)
        }
        if !statement.text.isEmpty { try await run(statement) }
    }

    /// One `SELECT` of `pg_notify` calls.
    private static func writeNotices(_ notices: [Notice], to statement: inout BoundStatement) {
        statement.append("SELECT ")
        for (index, notice) in notices.enumerated() {
            if index > 0 { statement.append(", ") }
            statement.append(.call("pg_notify", [.text(notice.channel), .text(notice.payload)]))
        }
    }
}

extension DeferredRows {
    /// One `INSERT` of every row.
    func write(to statement: inout BoundStatement) {
        statement.append("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        for (index, row) in rows.enumerated() {
            statement.append(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { statement.append(", ") }
                statement.append(value)
            }
            statement.append(")")
        }
    }
}
