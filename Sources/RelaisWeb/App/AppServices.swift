import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What every controller needs, built once by ``configure(_:config:)``.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let catalogue: Catalogue
    public let cipher: FieldCipher
    /// What the stores share (one SQLite write turn per application).
    public let stores: StoreEnvironment
    public let clock: any Clock
    public let sessionPolicy: SessionPolicy
    public let throttle: SignInThrottle
    /// Point → territory lookups, from the territories in the database.
    public let territories: TerritoryLookup
    /// Place lookups (addresses, corners, landmarks), from the places in the database.
    public let places: PlaceLookup
    /// Password checks and hashes, on threads of their own.
    let passwords: PasswordWork
    /// A bcrypt hash checked when an e-mail is unknown, so that both cases take the same time.
    public let dummyPasswordHash: String
    /// Whether `--demo` asked for demo data.
    public let demo: Bool
    /// The JSON API's OpenAPI document for the enabled programmes, as served.
    let openAPI: String
    /// Who may do what: the platform's grants and the enabled programmes'.
    public let access: AccessPolicy
    /// What each enabled programme made at start.
    public let programmes: ProgrammeServices
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = AppServices
    }

    /// The services of this application.
    public var relais: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:config:) was not called") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }

    /// The stores, on the application's database (for commands and background work).
    public var store: RelaisStore { relais.stores.store(on: db) }
}

extension Request {
    /// The stores, on this request's database connection pool (made once per request: `db` builds a new handle at
    /// each read).
    public var store: RelaisStore {
        if let store = storage[StoreKey.self] { return store }
        let store = relais.stores.store(on: db)
        storage[StoreKey.self] = store
        return store
    }

    private struct StoreKey: StorageKey {
        typealias Value = RelaisStore
    }

    /// The services of the application.
    public var relais: AppServices { application.relais }
}
