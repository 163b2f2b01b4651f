import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Vapor

/// Password hashing on threads of its own, with a bounded queue.
///
/// Bcrypt takes a quarter of a second on purpose. On the application's thread pool it queued ahead of SQLite's
/// queries, which run there too: 40 wrong sign-ins at once kept connections waiting past their timeout, and the
/// server answered 500. Here checks never delay the database, and past ``maximumWaiting`` checks in line the
/// server answers 503 with `Retry-After` at once instead of queueing for ever.
final class PasswordWork: Sendable {
    private let pool: NIOThreadPool
    private let hasher: any PasswordHasher
    private let inLine = NIOLockedValueBox(0)
    let maximumWaiting: Int

    init(hasher: any PasswordHasher, threads: Int = System.coreCount, maximumWaiting: Int = 64) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        self.hasher = hasher
        self.maximumWaiting = maximumWaiting
    }

    /// Whether `password` is the one `digest` was made from.
    /// - Throws: ``ServiceOverloaded`` when too many checks wait.
    func verify(_ password: String, created digest: String) async throws -> Bool {
        try await run { [hasher] in try hasher.verify(password, created: digest) }
    }

    /// A new digest of `password`.
    /// - Throws: ``ServiceOverloaded`` when too many checks wait.
    func hash(_ password: String) async throws -> String {
        try await run { [hasher] in try hasher.hash(password) }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = inLine.withLockedValue { count in
            guard count < maximumWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw ServiceOverloaded(retryAfter: 2) }
        defer { inLine.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    func shutdown() async throws {
        try await pool.shutdownGracefully()
    }
}

/// The server has more work in line than it takes on: try again after `retryAfter` seconds (503).
struct ServiceOverloaded: Error, Sendable {
    let retryAfter: Int
}

extension Request {
    /// Password checks and hashes, off the database's threads (``PasswordWork``).
    var passwords: PasswordWork { relais.passwords }
}

/// Stops the password threads when the application stops.
struct PasswordWorkLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.relais.passwords.shutdown()
    }
}
