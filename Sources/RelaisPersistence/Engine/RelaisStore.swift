import Fluent
import Foundation
import NIOConcurrencyHelpers
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
    /// The audit log's keyed hash chain.
    let auditChain: AuditChain
    let clock: any Clock
    let writeLock = WriteLock()
    let writerSettings: SQLiteWriterSettings
    let writeGroup = WriteGroup()
    /// See ``AccountStore/organisationKind(_:)``.
    let organisationKinds = NIOLockedValueBox<[Organisation.ID: Organisation.Kind]>([:])
    /// How many directory services have these words (up to ``DirectoryStore/selectiveText``), by words; emptied
    /// when this process writes the directory. Only chooses a search plan, so another instance's import leaving it
    /// stale costs speed, never results.
    let directoryWordCounts = NIOLockedValueBox<[String: Int]>([:])
    /// See ``TokenUserCache``.
    let tokenUsers = TokenUserCache()
    /// The audit chain's end as this process last wrote it: the latest entry it committed, forgotten when a write
    /// fails. Groups of writes chain to it without reading the end first; if another writer (a `relais` command,
    /// another instance) appended since, the group fails and runs again, reading the end (``AuditStore/append(_:)``).
    let auditTail = NIOLockedValueBox<AuditEntry?>(nil)
    /// How many more groups of writes run as transactions before one tries again to be one statement (PostgreSQL,
    /// ``RelaisStore/groupedTransaction(_:)``).
    let groupsAsTransactions = NIOLockedValueBox(0)
    /// Where SQLite write transactions run, given the handle a store was bound to (`nil`: on that handle).
    let writer: (@Sendable (any Database) -> (any Database)?)?

    /// - Parameters:
    ///   - writer: the SQLite file's writing pool (see ``DatabaseLocation/writerConfiguration()``).
    ///   - backgroundCheckpoints: whether a ``SQLiteCheckpointer`` runs beside the writers.
    ///   - sqliteDurability: whether a SQLite commit waits for the disk.
    public init(
        engine: DatabaseEngine, cipher: FieldCipher, auditChain: AuditChain, clock: any Clock,
        writer: (@Sendable (any Database) -> (any Database)?)? = nil, backgroundCheckpoints: Bool = false,
        sqliteDurability: SQLiteDurability = .full
    ) {
        self.engine = engine
        self.cipher = cipher
        self.auditChain = auditChain
        self.clock = clock
        self.writer = writer
        self.writerSettings = SQLiteWriterSettings(
            checkpointsElsewhere: backgroundCheckpoints, durability: sqliteDurability)
    }

    /// The stores on a database handle (a request's, or the application's).
    public func store(on database: any Database) -> RelaisStore {
        RelaisStore(database: database, environment: self)
    }

    /// After a transaction's commit: runs what it left to do then, and remembers the last audit entry it appended if
    /// it is the latest this process knows.
    func committed(_ state: TransactionState) {
        for action in state.afterCommit.withLockedValue({ $0 }) { action() }
        guard let last = state.lastAuditEntry.withLockedValue({ $0 }) else { return }
        auditTail.withLockedValue { tail in
            if (tail?.sequence ?? .min) < last.sequence { tail = last }
        }
    }
}

/// Every store of Relais, bound to one database handle (the pool, or a transaction).
///
/// Changes and the audit entries that record them are written through the same handle inside
/// ``transaction(_:)``, so they commit or roll back together.
public struct RelaisStore: Sendable {
    public let database: any Database
    let environment: StoreEnvironment
    /// What the current transaction has learnt (`nil` outside ``transaction(_:)``).
    let transactionState: TransactionState?

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
            let state = TransactionState(deferringInserts: false)
            let result = try await database.transaction { transaction in
                try await body(RelaisStore(database: transaction, environment: environment, transactionState: state))
            }
            environment.committed(state)
            return result
        }
        return try await environment.writeLock.withLock { try await writeAlone(body) }
    }

    /// One write transaction (on SQLite, on the writing pool; the caller holds the write turn).
    /// - Parameter deferringInserts: whether ``insert(into:_:)`` and ``notify(_:payload:)`` keep their rows and notices
    ///   for ``flushDeferredWrites()`` (a group of writes; on SQLite, its first audit entry chains to the end this
    ///   process remembers, see ``StoreEnvironment/auditTail``).
    func writeAlone<T: Sendable>(
        deferringInserts: Bool = false, _ body: @escaping @Sendable (RelaisStore) async throws -> T
    ) async throws -> T {
        let assumedEnd = deferringInserts && engine == .sqlite ? environment.auditTail.withLockedValue { $0 } : nil
        let state = TransactionState(deferringInserts: deferringInserts, assumedChainEnd: assumedEnd)
        let environment = environment
        let run: @Sendable (any Database) async throws -> T = { transaction in
            try await body(RelaisStore(database: transaction, environment: environment, transactionState: state))
        }
        do {
            let result: T
            if engine == .sqlite {
                let writer = environment.writer?(database) ?? database
                result = try await writer.withConnection { connection in
                    try await environment.writerSettings.apply(on: connection)
                    return try await connection.transaction { transaction in
                        // A group needs not: if it fails so, its writes run again alone, which take it.
                        if !deferringInserts { try await SQLiteWriterSettings.takeWriteLock(on: transaction) }
                        return try await run(transaction)
                    }
                }
            } else {
                result = try await database.transaction(run)
            }
            environment.committed(state)
            return result
        } catch {
            // Perhaps another process wrote to the audit chain: read its end again next time.
            environment.auditTail.withLockedValue { $0 = nil }
            throw error
        }
    }

    public var accounts: AccountStore { AccountStore(store: self) }
    public var sessions: SessionStore { SessionStore(store: self) }
    public var tokens: APITokenStore { APITokenStore(store: self) }
    public var audit: AuditStore { AuditStore(store: self) }
    public var signInFailures: SignInFailureStore { SignInFailureStore(store: self) }
    public var territories: TerritoryStore { TerritoryStore(store: self) }
    public var directory: DirectoryStore { DirectoryStore(store: self) }
    public var meetings: MeetingStore { MeetingStore(store: self) }
    public var persons: PersonStore { PersonStore(store: self) }
    public var sharingAgreements: SharingAgreementStore { SharingAgreementStore(store: self) }
    public var places: PlaceStore { PlaceStore(store: self) }
    public var outbox: OutboxStore { OutboxStore(store: self) }
    public var passwordTokens: PasswordTokenStore { PasswordTokenStore(store: self) }

    /// Forgets the bearer tokens' accounts this process remembers (``TokenUserCache``), after an account or a token
    /// changed: now, and again once the current transaction commits (a call meanwhile could remember the old row).
    func forgetTokenUsers() {
        let cache = environment.tokenUsers
        cache.removeAll()
        transactionState?.afterCommit.withLockedValue { $0.append { cache.removeAll() } }
    }

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

    init(database: any Database, environment: StoreEnvironment, transactionState: TransactionState? = nil) {
        self.database = database
        self.environment = environment
        self.transactionState = transactionState
    }
}

/// A store was given a database that does not speak SQL (never the case with SQLite or PostgreSQL).
struct NotSQLDatabase: Error {}
