import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import Prometheus
import RelaisCore
import RelaisPersistence
import Vapor

/// Configures Relais from the process environment.
/// - Throws: ``ConfigurationError`` naming every variable and its state when one is malformed.
public func configure(_ app: Application) async throws {
    let config: AppConfig
    do {
        config = try AppConfig.parse(ProcessInfo.processInfo.environment)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw error
    }
    do {
        try await configure(app, config: config)
    } catch let error as ConfigurationError {
        // A programme's own settings, read as it starts.
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw error
    }
}

/// Configures Relais with an explicit configuration (tests build theirs directly).
public func configure(
    _ app: Application, config: AppConfig, clock: any Clock = SystemClock(), passwordCost: Int = 12
) async throws {
    let demo = app.environment.arguments.contains("--demo")
    app.environment.arguments.removeAll { $0 == "--demo" }
    app.directory = DirectoryConfiguration(workingDirectory: ResourceLocation.root())
    let invocation = Invocation(arguments: app.environment.arguments)

    let key: [UInt8]
    switch (config.encryptionKey, config.database) {
    case (let configured?, _):
        key = configured
    case (nil, .sqliteFile) where !invocation.touchesData:
        // `--help` reads no data: no folder, no key file made for it (the key is never used).
        key = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
    case (nil, .sqliteFile):
        key = try EncryptionKeyFile.loadOrCreate(in: config.dataDirectory)
    case (nil, _):
        throw ConfigurationError(lines: [.init(variable: "RELAIS_ENCRYPTION_KEY", state: "unset: required")])
    }
    if case .sqliteFile = config.database, invocation.touchesData {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    }
    let cipher = try FieldCipher(key: key)

    app.databases.use(
        try config.database.configuration(connectionsPerEventLoop: config.databasePool),
        as: config.database.engine == .sqlite ? .sqlite : .psql)
    let writerConfiguration = config.database.writerConfiguration()
    if let writerConfiguration { app.databases.use(writerConfiguration, as: .sqliteWriter) }
    app.passwords.use(.bcrypt(cost: passwordCost))

    // Every programme's strings, enabled or not: navigation between them, and tests, need no gaps.
    let catalogue = try Catalogue.load(from: app.directory.resourcesDirectory + "Locales", programmes: Programmes.ids)
    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag(catalogue: catalogue)
    app.leaf.cache.isEnabled = app.environment.isRelease

    let databases = app.databases
    var writer: (@Sendable (any Database) -> (any Database)?)?
    if writerConfiguration != nil {
        writer = { (database: any Database) -> (any Database)? in
            databases.database(.sqliteWriter, logger: database.logger, on: database.eventLoop)
        }
    }
    let stores = StoreEnvironment(
        engine: config.database.engine, cipher: cipher, auditChain: AuditChain(deploymentKey: key), clock: clock,
        writer: writer, backgroundCheckpoints: invocation.serves && writer != nil,
        sqliteDurability: config.sqliteDurability)
    app.migrations.add(RelaisMigrations.all(stores: stores))
    let enabled = Programmes.all.filter { config.programmes?.contains($0.id) ?? true }
    for programme in enabled {
        app.migrations.add(programme.migrations(stores: stores))
    }
    app.relais = AppServices(
        config: config, catalogue: catalogue, cipher: cipher, stores: stores,
        clock: clock, sessionPolicy: SessionPolicy(), throttle: SignInThrottle(), territories: TerritoryLookup(),
        places: PlaceLookup(),
        passwords: PasswordWork(hasher: app.password.sync),
        dummyPasswordHash: try Bcrypt.hash("relais-timing-equaliser", cost: passwordCost), demo: demo,
        openAPI: try API.openAPIText(resources: app.directory.resourcesDirectory, programmes: enabled),
        access: .running(enabled),
        programmes: ProgrammeServices(try enabled.compactMap { try $0.makeServices(app, stores: stores) }))

    JSONSetup.configureOnce()
    let registry = PrometheusSetup.bootstrap()

    app.middleware = .init()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    // Outside the error middleware, so that error answers (401, 403, 404, 422, 500…) carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware(tilesOrigin: config.mapTilesOrigin))
    app.middleware.use(RelaisErrorMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(MethodNotAllowedMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(AccessMiddleware())
    app.middleware.use(CSRFMiddleware())

    routes(app, registry: registry)

    app.asyncCommands.use(UsersCommand(), as: "users")
    app.asyncCommands.use(TokensCommand(), as: "tokens")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(TerritoriesCommand(), as: "territories")
    app.asyncCommands.use(ResourcesCommand(), as: "resources")
    app.asyncCommands.use(AgreementsCommand(), as: "agreements")
    app.asyncCommands.use(AddressesCommand(), as: "addresses")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    for programme in app.programmes {
        for (name, command) in programme.commands { app.asyncCommands.use(command, as: name) }
        for handler in programme.lifecycle { app.lifecycle.use(handler) }
    }

    app.lifecycle.use(PasswordWorkLifecycle())
    if invocation.serves {
        app.lifecycle.use(StartUp())
        app.lifecycle.use(MailSenderLifecycle())
    }
}

/// Every route of Relais: the platform's, then each enabled programme's.
func routes(_ app: Application, registry: PrometheusCollectorRegistry) {
    OperationsController(registry: registry).register(on: app)
    SignInController().register(on: app)
    HomeController().register(on: app)
    AccountController().register(on: app)
    AdminController().register(on: app)
    MembershipsController().register(on: app)
    ResourcePagesController().register(on: app)
    HSDSController().register(on: app)
    BaseMapController().register(on: app)
    PasswordResetController().register(on: app)
    AccountsAdminController().register(on: app)
    let api = API.register(on: app)
    for programme in app.programmes {
        programme.register(routes: app, api: api)
    }
}

/// What the command line asks of this process, as far as configuration cares.
struct Invocation {
    /// The command (`serve` when none is named).
    let command: String
    /// Whether it only asks for help (`--help` or `-h` anywhere).
    let asksForHelp: Bool

    init(arguments: [String]) {
        let rest = arguments.dropFirst()
        command = rest.first { !$0.hasPrefix("-") } ?? "serve"
        asksForHelp = rest.contains { $0 == "--help" || $0 == "-h" }
    }

    /// Whether the process will read or write the data folder (help and `routes` do not).
    var touchesData: Bool { !asksForHelp && command != "routes" }

    /// Whether it runs the server (which migrates, seeds and checkpoints before it accepts requests).
    var serves: Bool { command == "serve" && !asksForHelp }
}

/// What `relais serve` does before it accepts requests: migrate, seed the demo if asked, clean up.
struct StartUp: LifecycleHandler {
    func willBootAsync(_ app: Application) async throws {
        try await app.store.prepareEngine()
        try await app.autoMigrate()
        let store = app.store
        try await store.sessions.purgeExpired(policy: app.relais.sessionPolicy)
        try await store.signInFailures.purge(before: store.now.addingTimeInterval(-app.relais.throttle.window))
        if app.relais.demo {
            try await DemoSeeder(app: app).seed()
        }
        if case .sqliteFile(let path) = app.relais.config.database {
            app.storage[CheckpointerKey.self] = SQLiteCheckpointer(
                path: path, threadPool: app.threadPool, eventLoop: app.eventLoopGroup.any(), logger: app.logger)
        }
    }

    func shutdownAsync(_ app: Application) async {
        await app.storage[CheckpointerKey.self]?.stop()
    }

    private struct CheckpointerKey: StorageKey { typealias Value = SQLiteCheckpointer }
}

/// JSON encoding for the whole process (ISO 8601 dates, stable key order, problem+json), set once:
/// `ContentConfiguration.global` is shared by every application in the process.
enum JSONSetup {
    private static let configured: Void = {
        let json = JSONEncoder()
        json.dateEncodingStrategy = .iso8601
        json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        ContentConfiguration.global.use(encoder: json, for: .json)
        ContentConfiguration.global.use(encoder: json, for: .problemJSON)
    }()

    static func configureOnce() { configured }
}
