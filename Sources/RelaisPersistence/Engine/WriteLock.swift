/// An asynchronous mutual exclusion: callers run one at a time, in arrival order, without blocking a thread.
final class WriteLock: Sendable {
    private let state = State()

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await state.acquire()
        do {
            let result = try await body()
            await state.release()
            return result
        } catch {
            await state.release()
            throw error
        }
    }

    private actor State {
        private var locked = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if !locked {
                locked = true
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty {
                locked = false
            } else {
                waiters.removeFirst().resume()
            }
        }
    }
}
