import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
@_exported import RelaisStoreTestSupport
import RelaisWeb
import Vapor

/// Options of a test application.
public struct TestAppOptions: Sendable {
    public var clock: any Clock
    public var requireSecondFactor: Bool
    public var publicURL: URL
    /// The programmes the deployment runs (nil: every one).
    public var programmes: Set<String>?
    /// The language of whoever has not chosen one.
    public var defaultLanguage: Language = .french
    /// A map tile server (`RELAIS_MAP_TILES_URL`).
    public var mapTilesURL: String?
    /// The SMTP server e-mail goes through (`RELAIS_SMTP_URL`).
    public var smtp: SMTPSettings?
    /// Runs on the fresh database before it is migrated (to load one made by an earlier version).
    public var beforeMigrating: (@Sendable (Application) async throws -> Void)?

    public init(
        clock: any Clock = TestClock(), requireSecondFactor: Bool = false,
        publicURL: URL = URL(string: "http://127.0.0.1:8080")!, programmes: Set<String>? = nil
    ) {
        self.clock = clock
        self.requireSecondFactor = requireSecondFactor
        self.publicURL = publicURL
        self.programmes = programmes
    }
}

/// Makes a configured, migrated Relais application on a fresh database of `engine`, runs `body`, and always
/// shuts it down and drops the database.
public func withRelaisApp(
    _ engine: TestDatabase = .sqlite, options: TestAppOptions = TestAppOptions(),
    _ body: (Application) async throws -> Void
) async throws {
    try await withRelaisInstances(engine, count: 1, options: options) { try await body($0[0]) }
}

/// Makes `count` Relais instances sharing one fresh database of `engine` (as several servers behind a load
/// balancer share PostgreSQL), runs `body`, and always shuts them down and drops the database.
public func withRelaisInstances(
    _ engine: TestDatabase, count: Int, options: TestAppOptions = TestAppOptions(),
    _ body: ([Application]) async throws -> Void
) async throws {
    let location = try await engine.create()
    var apps: [Application] = []
    do {
        for _ in 0..<count {
            let app = try await Application.make(.testing)
            apps.append(app)
            var config = AppConfig(
                dataDirectory: NSTemporaryDirectory() + "relais-test-" + UUID().uuidString, database: location,
                encryptionKey: testEncryptionKey, publicURL: options.publicURL,
                requireSecondFactor: options.requireSecondFactor)
            config.programmes = options.programmes
            config.defaultLanguage = options.defaultLanguage
            config.mapTilesURL = options.mapTilesURL
            config.smtp = options.smtp
            try await configure(app, config: config, clock: options.clock, passwordCost: 4)
        }
        try await options.beforeMigrating?(apps[0])
        try await apps[0].autoMigrate()
        try await body(apps)
    } catch {
        for app in apps { try? await app.asyncShutdown() }
        try? await engine.drop(location)
        throw error
    }
    for app in apps { try await app.asyncShutdown() }
    try await engine.drop(location)
}
