import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisWeb
import Vapor

/// Options of a test application.
public struct TestAppOptions: Sendable {
    public var clock: any Clock
    public var requireSecondFactor: Bool
    public var publicURL: URL

    public init(
        clock: any Clock = TestClock(), requireSecondFactor: Bool = false,
        publicURL: URL = URL(string: "http://127.0.0.1:8080")!
    ) {
        self.clock = clock
        self.requireSecondFactor = requireSecondFactor
        self.publicURL = publicURL
    }
}

/// The fixed field-encryption key of tests (never used outside them).
public let testEncryptionKey = [UInt8](repeating: 7, count: 32)

/// Makes a configured, migrated Relais application on a fresh database of `engine`, runs `body`, and always
/// shuts it down and drops the database.
public func withRelaisApp(
    _ engine: TestDatabase = .sqlite, options: TestAppOptions = TestAppOptions(),
    _ body: (Application) async throws -> Void
) async throws {
    let location = try await engine.create()
    let app = try await Application.make(.testing)
    do {
        let config = AppConfig(
            dataDirectory: NSTemporaryDirectory() + "relais-test-" + UUID().uuidString, database: location,
            encryptionKey: testEncryptionKey, publicURL: options.publicURL,
            requireSecondFactor: options.requireSecondFactor)
        try await configure(app, config: config, clock: options.clock, passwordCost: 4)
        try await app.autoMigrate()
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        try? await engine.drop(location)
        throw error
    }
    try await app.asyncShutdown()
    try await engine.drop(location)
}
