import Fluent
import NIOConcurrencyHelpers
import RelaisCore

/// Short write transactions that share a commit: one `BEGIN … COMMIT` for every write that arrived while the
/// previous group was being written (group commit), and one multi-row `INSERT` per table for the rows they add.
/// On SQLite, groups take SQLite's write turn; on PostgreSQL, the audit chain's lock makes writers take turns
/// anyway, and a group takes it once — and, when its writes only add rows, is one statement without `BEGIN` and
/// `COMMIT`.
///
/// The first write to arrive leads: it waits for the turn, takes every write queued meanwhile and runs them in one
/// transaction. When one of them fails, that transaction is rolled back and each write runs again alone, so a
/// failure only ever undoes its own write. A grouped body may therefore run twice: it must only touch the store.
actor WriteGroup {
    private var queued: [any GroupedWrite] = []
    private var leading = false

    /// The most writes one transaction takes.
    static let limit = 64

    /// Queues a write; returns whether the caller leads (and must run the group).
    func enqueue(_ write: any GroupedWrite) -> Bool {
        queued.append(write)
        if leading { return false }
        leading = true
        return true
    }

    /// The writes to run now, and whether more remain queued (the leader then runs another group; otherwise the
    /// next write to arrive leads).
    func take() -> (group: [any GroupedWrite], more: Bool) {
        let group = Array(queued.prefix(Self.limit))
        queued.removeFirst(group.count)
        leading = !queued.isEmpty
        return (group, leading)
    }
}

extension RelaisStore {
    /// Runs `body` in one transaction, as ``transaction(_:)``, possibly together with other grouped writes of this
    /// process: writes that arrive while a group is being written share the next commit (``WriteGroup``).
    ///
    /// `body` must only touch the store: when another write of its group fails, it runs again, alone. Rows it adds
    /// through ``insert(into:_:)`` are written when the group ends, so it must not read them back.
    public func groupedTransaction<T: Sendable>(
        _ body: @escaping @Sendable (RelaisStore) async throws -> T
    ) async throws -> T {
        guard !database.inTransaction else { return try await transaction(body) }
        let write = PendingWrite(body)
        if await environment.writeGroup.enqueue(write) {
            try await environment.writeLock.withLock {
                var more = true
                while more {
                    let next = await environment.writeGroup.take()
                    await runGroup(next.group)
                    more = next.more
                }
            }
        }
        return try await write.result()
    }

    /// Runs a group in one transaction; when it fails, runs each of its writes again, alone and inserting at once.
    /// On PostgreSQL, a group first tries to be one statement (``writeInOneStatement(_:after:)``).
    private func runGroup(_ group: [any GroupedWrite]) async {
        if engine == .postgres, environment.groupsAsTransactions.withLockedValue({ $0 }) == 0,
            let end = environment.auditTail.withLockedValue({ $0 })
        {
            do {
                try await writeInOneStatement(group, after: end)
                for write in group { write.finish(nil) }
                return
            } catch {
                // The chain moved (another instance writes too), a body needed a transaction, or a write failed:
                // the group runs as a transaction, and so do the next few, rather than try twice each time.
                environment.auditTail.withLockedValue { $0 = nil }
                environment.groupsAsTransactions.withLockedValue { $0 = Self.groupsAsTransactionsAfterFailure }
            }
        } else {
            environment.groupsAsTransactions.withLockedValue { $0 = max(0, $0 - 1) }
        }
        do {
            try await writeAlone(deferringInserts: true) { store in
                for write in group { try await write.run(store) }
                try await store.flushDeferredWrites()
            }
            for write in group { write.finish(nil) }
        } catch {
            // Even a group of one runs again: its rows, written at once this time, fail with the store's own
            // error for them (a duplicate idempotency key, say) rather than the group's.
            for write in group {
                do {
                    try await writeAlone { try await write.run($0) }
                    write.finish(nil)
                } catch {
                    write.finish(error)
                }
            }
        }
    }
}

extension RelaisStore {
    /// How many groups run as transactions after a group failed to be one statement.
    static let groupsAsTransactionsAfterFailure = 16

    /// Runs a group's bodies without a transaction, keeping their rows and notices, and writes them all in one
    /// statement (PostgreSQL): one round trip instead of four (begin, the chain's end, the rows, commit). The
    /// group's first audit entry chains to `end`, and the statement checks under the chain's lock that the chain
    /// still ends there (migration 0017). A body that does anything but add rows, notices and audit entries stops
    /// the attempt (``OneStatementDatabase``), and the group runs as a transaction.
    fileprivate func writeInOneStatement(_ group: [any GroupedWrite], after end: AuditEntry) async throws {
        let state = TransactionState(deferringInserts: true, assumedChainEnd: end)
        let bodies = RelaisStore(
            database: OneStatementDatabase(context: database.context), environment: environment,
            transactionState: state)
        for write in group { try await write.run(bodies) }
        try await RelaisStore(database: database, environment: environment, transactionState: state)
            .flushDeferredWrites()
        environment.committed(state)
    }
}

/// Stands in for the transaction of a group of writes that is to be one statement: rows and notices are kept by
/// the store, so any query that reaches the database (a read, a write through Fluent) fails with
/// ``TransactionNeeded``, and the group runs again as a transaction.
private struct OneStatementDatabase: Database {
    struct TransactionNeeded: Error {}

    let context: DatabaseContext
    var inTransaction: Bool { true }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<
        Void
    > {
        eventLoop.makeFailedFuture(TransactionNeeded())
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(TransactionNeeded()) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(TransactionNeeded()) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }
}

/// One write waiting in a ``WriteGroup``.
protocol GroupedWrite: Sendable {
    /// Runs the body on the group's transaction and keeps its result.
    func run(_ store: RelaisStore) async throws
    /// Hands the kept result, or `error`, to the caller.
    func finish(_ error: (any Error)?)
}

/// A write of one caller and the caller's wait for its result.
final class PendingWrite<T: Sendable>: GroupedWrite {
    private struct State {
        var value: T?
        var waiter: CheckedContinuation<T, any Error>?
        var outcome: Result<T, any Error>?
    }

    private let body: @Sendable (RelaisStore) async throws -> T
    private let state = NIOLockedValueBox(State())

    init(_ body: @escaping @Sendable (RelaisStore) async throws -> T) {
        self.body = body
    }

    func run(_ store: RelaisStore) async throws {
        let value = try await body(store)
        state.withLockedValue { $0.value = value }
    }

    func finish(_ error: (any Error)?) {
        let outcome: Result<T, any Error> = state.withLockedValue { state in
            if let error { return .failure(error) }
            guard let value = state.value else { return .failure(CancellationError()) }
            return .success(value)
        }
        let waiter = state.withLockedValue { state in
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome)
    }

    /// The result, once the group that ran this write has finished.
    func result() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLockedValue { state in
                if state.outcome == nil { state.waiter = continuation }
                return state.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}
