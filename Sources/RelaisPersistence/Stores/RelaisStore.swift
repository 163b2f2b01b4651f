import Fluent
import Foundation
import RelaisCore
import SQLKit

/// The database engines Relais runs on.
public enum DatabaseEngine: String, Sendable {
    case sqlite
    case postgres
}

/// What every store shares in one process: the engine, the field cipher, the clock and SQLite's write turn.
public struct StoreEnvironment: Sendable {
    public let engine: DatabaseEngine
    let cipher: FieldCipher
    let clock: any Clock
    let writeLock = WriteLock()

    public init(engine: DatabaseEngine, cipher: FieldCipher, clock: any Clock) {
        self.engine = engine
        self.cipher = cipher
        self.clock = clock
    }

    /// The stores on a database handle (a request's, or the application's).
    public func store(on database: any Database) -> RelaisStore {
        RelaisStore(database: database, environment: self)
    }
}

/// Every store of Relais, bound to one database handle (the pool, or a transaction).
///
/// Changes and the audit entries that record them are written through the same handle inside
/// ``transaction(_:)``, so they commit or roll back together.
public struct RelaisStore: Sendable {
    public let database: any Database
    let environment: StoreEnvironment

    public var engine: DatabaseEngine { environment.engine }
    var cipher: FieldCipher { environment.cipher }
    var clock: any Clock { environment.clock }

    /// Runs `body` in one transaction: everything it writes commits together or not at all.
    ///
    /// SQLite allows one writer at a time and refuses to upgrade a reading transaction while another
    /// connection writes, so on SQLite write transactions of this process take turns.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (RelaisStore) async throws -> T) async throws -> T
    {
        if database.inTransaction { return try await body(self) }
        guard engine == .sqlite else {
            return try await database.transaction { transaction in try await body(self.bound(to: transaction)) }
        }
        return try await environment.writeLock.withLock {
            try await database.withConnection { connection in
                // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a power cut may lose the
                // last commits but never corrupts the file. The setting belongs to the connection, so it is
                // applied on the one about to write.
                try await (connection as? any SQLDatabase)?.raw("PRAGMA synchronous = NORMAL").run()
                return try await connection.transaction { transaction in try await body(self.bound(to: transaction)) }
            }
        }
    }

    public var accounts: AccountStore { AccountStore(store: self) }
    public var sessions: SessionStore { SessionStore(store: self) }
    public var tokens: APITokenStore { APITokenStore(store: self) }
    public var audit: AuditStore { AuditStore(store: self) }
    public var signInFailures: SignInFailureStore { SignInFailureStore(store: self) }
    public var territories: TerritoryStore { TerritoryStore(store: self) }
    public var serviceRequests: ServiceRequestStore { ServiceRequestStore(store: self) }
    public var teams: TeamStore { TeamStore(store: self) }
    public var dispatch: DispatchStore { DispatchStore(store: self) }

    /// The current time of the injected clock.
    public var now: Date { clock.now }

    /// Whether the database answers a trivial query.
    public func ping() async -> Bool {
        do {
            _ = try await OrganisationRecord.query(on: database).limit(1).all()
            return true
        } catch {
            return false
        }
    }

    func bound(to database: any Database) -> RelaisStore {
        RelaisStore(database: database, environment: environment)
    }
}

/// A store was given a database that does not speak SQL (never the case with SQLite or PostgreSQL).
struct NotSQLDatabase: Error {}
