import Fluent
import NIOConcurrencyHelpers

/// Short write transactions that share a commit: one `BEGIN … COMMIT` for every write that arrived while the
/// previous group was being written (group commit), and one multi-row `INSERT` per table for the rows they add.
/// On SQLite, groups take SQLite's write turn; on PostgreSQL, the audit chain's lock makes writers take turns
/// anyway, and a group takes it once.
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
    private func runGroup(_ group: [any GroupedWrite]) async {
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
