import Foundation
import Logging
import NIOPosix
import PostgresNIO
import RelaisPersistence
import Testing

/// A database engine for tests: SQLite in memory always, PostgreSQL when `RELAIS_TEST_DATABASE_URL` is set.
/// Each test gets a database of its own, created empty and dropped afterwards.
public enum TestDatabase: Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres(adminURL: String)

    /// The engines this run can use (CI sets the variable; `.ci/run` starts PostgreSQL).
    public static var available: [TestDatabase] {
        var engines: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["RELAIS_TEST_DATABASE_URL"], !url.isEmpty {
            engines.append(.postgres(adminURL: url))
        }
        return engines
    }

    /// PostgreSQL only, when this run has it (for what only PostgreSQL does, such as LISTEN/NOTIFY).
    public static var postgresOnly: [TestDatabase] {
        available.filter { if case .postgres = $0 { true } else { false } }
    }

    public var testDescription: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// Creates an empty database and returns where it is.
    public func create() async throws -> DatabaseLocation {
        switch self {
        case .sqlite:
            return .sqliteMemory
        case .postgres(let adminURL):
            let name = "relais_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await Self.admin(adminURL, "CREATE DATABASE \(name)")
            var components = URLComponents(string: adminURL)!
            components.path = "/" + name
            return .postgres(url: components.string!)
        }
    }

    /// Drops a database made by ``create()``.
    public func drop(_ location: DatabaseLocation) async throws {
        guard case .postgres(let adminURL) = self, case .postgres(let url) = location,
            let name = URLComponents(string: url)?.path.dropFirst()
        else { return }
        try await Self.admin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func admin(_ url: String, _ statement: String) async throws {
        let components = URLComponents(string: url)!
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432,
            username: components.user ?? "postgres", password: components.password,
            database: String(components.path.dropFirst()).isEmpty ? "postgres" : String(components.path.dropFirst()),
            tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1,
            logger: Logger(label: "relais.test.admin"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "relais.test.admin"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
