import FluentPostgresDriver
import Foundation
import SQLKit

/// A value bound into a statement of a group of writes, typed so that binding it needs no runtime cast: PostgresKit
/// casts every `Encodable` value to find how to send it, which was a few per cent of an intake's time
/// (docs/PERFORMANCE.md).
enum ColumnValue: Sendable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)
    case boolean(Bool?)
    case uuid(UUID?)
    case date(Date?)
    /// `function(arguments…)`: a value the database computes as the row is written.
    indirect case call(String, [ColumnValue])

    static func integer(_ value: Int?) -> ColumnValue { .integer(value.map(Int64.init)) }
}

/// SQL text and the values it binds, its placeholders in the engine's form (`$1` or `?1`).
struct BoundStatement: Sendable {
    let engine: DatabaseEngine
    private(set) var text = ""
    /// The bound values in placeholder order (never a ``ColumnValue/call(_:_:)``).
    private(set) var values: [ColumnValue] = []

    init(engine: DatabaseEngine) {
        self.engine = engine
    }

    mutating func append(_ sql: String) {
        text += sql
    }

    /// Binds a value (a call is written out, its arguments bound).
    mutating func append(_ value: ColumnValue) {
        if case .call(let function, let arguments) = value {
            text += function + "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { text += ", " }
                append(argument)
            }
            text += ")"
            return
        }
        values.append(value)
        text += (engine == .postgres ? "$" : "?") + String(values.count)
    }
}

extension RelaisStore {
    /// Runs a statement on this store's connection (inside a transaction, the transaction's), to its end.
    func run(_ statement: BoundStatement) async throws {
        if engine == .postgres, let postgres = database as? any PostgresDatabase {
            var bindings = PostgresBindings(capacity: statement.values.count)
            for value in statement.values { value.bind(into: &bindings) }
            let query = PostgresQuery(unsafeSQL: statement.text, binds: bindings)
            let logger = database.logger
            try await Self.on(postgres) { connection in
                // Read to the end: an error raised as the statement runs may come after its first rows.
                for try await _ in try await connection.query(query, logger: logger) {}
            }
            return
        }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.execute(sql: EncodedStatement(statement: statement)) { _ in }
    }
}

extension ColumnValue {
    fileprivate func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .text(let value): bindings.append(value)
        case .integer(let value): bindings.append(value)
        case .real(let value): bindings.append(value)
        case .boolean(let value): bindings.append(value)
        case .uuid(let value): bindings.append(value)
        case .date(let value): bindings.append(value)
        case .call: preconditionFailure("a call is written out, never bound")
        }
    }

    /// The value for SQLKit's binds (SQLite).
    fileprivate var encodable: any Encodable & Sendable {
        switch self {
        case .text(let value): value
        case .integer(let value): value
        case .real(let value): value
        case .boolean(let value): value
        case .uuid(let value): value
        case .date(let value): value
        case .call: preconditionFailure("a call is written out, never bound")
        }
    }
}

/// A statement handed to SQLKit as it is: its text and its binds (SQLite, whose placeholders `?1`… it already has).
private struct EncodedStatement: SQLExpression {
    let statement: BoundStatement

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(statement.text)
        serializer.binds.append(contentsOf: statement.values.map(\.encodable))
    }
}
