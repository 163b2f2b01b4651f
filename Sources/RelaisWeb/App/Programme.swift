import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// A programme Relais runs, as one manifest: its routes (pages, API, standard endpoints), its navigation entries,
/// its grants, its audit actions, its command-line tools, its demo data and its migrations. The platform (accounts, audit, territories, the
/// directory) is not a programme: every deployment has it. A programme is registered by one line in
/// ``Programmes/all`` and enabled per deployment (`RELAIS_PROGRAMMES`); a disabled one adds nothing, so its
/// addresses answer 404.
protocol Programme: Sendable {
    /// The programme's stable name (`mediation`): the setting's value and its folders' name.
    var id: String { get }
    /// Adds its pages and standard endpoints to `routes` and its JSON API to `api` (`/api/v1`).
    func register(routes: any RoutesBuilder, api: any RoutesBuilder)
    /// Its entries in the navigation, in order; each is shown to the actors it admits.
    var navigation: [NavigationEntry] { get }
    /// Its command-line tools, by name (`relais <name> …`).
    var commands: [String: any AnyAsyncCommand] { get }
    /// Migrations it adds after those shipped before programmes were modules (whose order is frozen).
    func migrations(stores: StoreEnvironment) -> [any Migration]
    /// Its demo data, after the platform's (organisations, accounts, boroughs, directory).
    func seedDemo(_ app: Application) async throws
    /// The actions its audit entries record (their labels are in its catalogue; the OpenAPI document lists them).
    var auditActions: [AuditAction] { get }
    /// What its roles may do to its records (and the platform's), merged into the deployment's policy.
    var access: AccessGrants { get }
    /// What it makes once at start and shares between requests (read back through ``AppServices/programmes``).
    /// - Throws: ``ConfigurationError`` when one of its settings is malformed: start-up stops and says which.
    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)?
    /// What it starts and stops with the server.
    var lifecycle: [any LifecycleHandler] { get }
    /// Its parts of the signed-in person's home page: their work in this programme today (none when it has none).
    func home(_ request: Request) async throws -> [HomeSection]
    /// Its de-identified figures for a calendar year, for other programmes' reports (none when it has none).
    func annualFigures(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures?
}

extension Programme {
    var commands: [String: any AnyAsyncCommand] { [:] }
    func migrations(stores: StoreEnvironment) -> [any Migration] { [] }
    func seedDemo(_ app: Application) async throws {}
    var auditActions: [AuditAction] { [] }
    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)? { nil }
    var lifecycle: [any LifecycleHandler] { [] }
    func home(_ request: Request) async throws -> [HomeSection] { [] }
    func annualFigures(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures? { nil }
}

/// A link in the navigation bar.
struct NavigationEntry: Sendable {
    let path: String
    let labelKey: String
    /// Whether the signed-in actor sees it.
    let shown: @Sendable (Actor) -> Bool
}

/// Every programme this build knows: a new programme adds its line here.
enum Programmes {
    static let all: [any Programme] = [
        MediationProgramme(),
        SituationTableProgramme(),
        ESUPProgramme(),
        ResoProgramme(),
        PartnershipProgramme(),
    ]

    /// The names of every programme this build knows.
    static var ids: [String] { all.map(\.id) }

    /// Every action an audit entry of this build may record: the platform's, then each programme's (enabled or
    /// not: the log keeps what a programme once recorded).
    static var auditActions: [AuditAction] { AuditAction.platform + AuditAction.persons + all.flatMap(\.auditActions) }
}

extension AccessPolicy {
    /// The policy of a deployment running `programmes`: the platform's grants and theirs.
    static func running(_ programmes: [any Programme]) -> AccessPolicy {
        AccessPolicy([.platform] + programmes.map(\.access))
    }
}

extension Application {
    /// The programmes this deployment runs.
    var programmes: [any Programme] {
        let enabled = relais.config.programmes
        return Programmes.all.filter { enabled?.contains($0.id) ?? true }
    }
}
