import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Psychosocial emergency support (SPVM's ÉSUP model): duos of a police officer and a social worker of the health and
/// social services centre advise frontline officers with people in crisis, by phone or on scene, keep pseudonymous
/// person records with consent per purpose, write support plans with people who call often, and measure fewer
/// repeat interventions and officers back to their duties sooner.
struct ESUPProgramme: Programme {
    static let programmeID = "esup"
    let id = Self.programmeID

    func register(routes: any RoutesBuilder, api: any RoutesBuilder) {
        ESUPHomeController().register(on: routes)
        ConsultRequestPagesController().register(on: routes)
        ConsultPagesController().register(on: routes)
        PersonPagesController().register(on: routes)
        MeasuresPageController().register(on: routes)
        API.ConsultsController().register(on: api)
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(path: ESUPHomeController.path, labelKey: "esup.nav.home") {
                AccessPolicy.decide($0, Permission(.create, .consultRequest)).isAllowed
            },
            NavigationEntry(path: MeasuresPageController.path, labelKey: "esup.nav.measures") {
                AccessPolicy.decide($0, Permission(.read, .statistics)).isAllowed && $0.holds(.analyst)
            },
        ]
    }

    var auditActions: [AuditAction] { AuditAction.psychosocialSupport }

    var access: AccessGrants { .psychosocialSupport }

    var commands: [String: any AnyAsyncCommand] { ["esup": ESUPCommand()] }

    func migrations(stores: StoreEnvironment) -> [any Migration] { PsychosocialSupportMigrations.all(stores: stores) }

    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)? { ESUPServices() }

    var lifecycle: [any LifecycleHandler] { [QueueSignalLifecycle()] }

    func seedDemo(_ app: Application) async throws {
        try await ESUPDemo(app: app).seed()
    }
}
