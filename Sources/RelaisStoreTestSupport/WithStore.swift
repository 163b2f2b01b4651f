import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import RelaisCore
import RelaisPersistence

/// The fixed field-encryption key of tests (never used outside them).
public let testEncryptionKey = [UInt8](repeating: 7, count: 32)

/// The stores on a fresh, migrated database of `engine`, without the web app: what store tests need. The database
/// is dropped afterwards, whatever `body` does. `programmes` adds a programme's migrations after the platform's.
public func withStore(
    _ engine: TestDatabase = .sqlite, clock: any Clock = TestClock(),
    programmes: @Sendable (StoreEnvironment) -> [any Migration] = { _ in [] },
    _ body: (TestStores) async throws -> Void
) async throws {
    let location = try await engine.create()
    let logger = Logger(label: "relais.store-tests")
    let group = MultiThreadedEventLoopGroup.singleton
    // SQLite's blocking calls run on this pool: one thread per connection that may wait for another's lock.
    let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
    do {
        databases.use(try location.configuration(), as: DatabaseID(string: "tests"), isDefault: true)
        let stores = StoreEnvironment(
            engine: location.engine, cipher: try FieldCipher(key: testEncryptionKey),
            auditChain: AuditChain(deploymentKey: testEncryptionKey), clock: clock)
        let migrations = Migrations()
        migrations.add(RelaisMigrations.all(stores: stores))
        // The frozen list holds the mediation programme's tables (it shipped before programmes were modules): its
        // later migrations go with them.
        migrations.add(MediationMigrations.all(stores: stores))
        migrations.add(programmes(stores))
        let tests = TestStores(
            location: location, databases: databases, migrations: migrations, stores: stores, logger: logger)
        try await tests.migrate()
        try await body(tests)
    } catch {
        await databases.shutdownAsync()
        try? await engine.drop(location)
        throw error
    }
    await databases.shutdownAsync()
    try await engine.drop(location)
}

/// A migrated test database and its stores.
public struct TestStores: Sendable {
    /// Where the database is.
    public let location: DatabaseLocation
    let databases: Databases
    let migrations: Migrations
    public let stores: StoreEnvironment
    let logger: Logger

    /// The database, through its pool.
    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// The stores on ``database``.
    public var store: RelaisStore { stores.store(on: database) }

    /// Runs every migration not yet run.
    public func migrate() async throws {
        try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
    }

    /// Reverts every batch.
    public func revertAll() async throws {
        try await migrator.setupIfNeeded().flatMap { migrator.revertAllBatches() }.get()
    }

    private var migrator: Migrator {
        Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
    }

    /// A bearer token for `user`.
    public func makeToken(for user: User, expiresAt: Date? = nil) async throws -> String {
        try await store.tokens.create(for: user.id, name: "test", expiresAt: expiresAt).token
    }

    /// The actor `user` is in a deployment running every programme of this build's stores.
    public func actor(_ user: User) -> Actor {
        AccessPolicy([.platform, .mediation, .situationTable, .psychosocialSupport]).actor(for: user)
    }

    /// An organisation (made once per name) and an account holding `role` in it. The password hash is a placeholder:
    /// store tests do not sign in.
    public func makeAccount(
        role: Role, email: String? = nil, organisation: String = "Organisme de test",
        kind: Organisation.Kind = .mobileTeam
    ) async throws -> User {
        var owner = try await store.accounts.organisation(named: organisation)
        if owner == nil { owner = try await store.accounts.createOrganisation(name: organisation, kind: kind) }
        return try await store.accounts.createUser(
            email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@test.example",
            displayName: "Test \(role.rawValue)", role: role, organisationID: owner!.id, passwordHash: "not-a-hash")
    }
}
