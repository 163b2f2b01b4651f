import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile mediation team (ÉMMIS model): intake, triage, dispatch, the live board, the worker's phone, teams and
/// shifts, response times, interventions and referrals, and Open311 for partners' applications.
struct MediationProgramme: Programme {
    let id = "mediation"

    func register(routes: any RoutesBuilder, api: any RoutesBuilder) {
        DispatchPagesController().register(on: routes)
        RequestListController().register(on: routes)
        BackupController().register(on: routes)
        MobilePagesController().register(on: routes)
        StatisticsPageController().register(on: routes)
        RosterPageController().register(on: routes)
        Open311Controller().register(on: routes)
        API.ServiceRequestsController().register(on: api)
        API.TeamsController().register(on: api)
        API.DispatchController().register(on: api)
        API.StatisticsController().register(on: api)
        API.InterventionsController().register(on: api)
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(path: DispatchPagesController.boardPath, labelKey: "mediation.nav.board") {
                AccessPolicy.decide($0, Permission(.read, .serviceRequest)).isAllowed
            },
            NavigationEntry(path: RequestListController.path, labelKey: "mediation.nav.requests") {
                AccessPolicy.decide($0, Permission(.read, .serviceRequest)).isAllowed
            },
            NavigationEntry(path: DispatchPagesController.intakePath, labelKey: "mediation.nav.intake") {
                AccessPolicy.decide($0, Permission(.create, .serviceRequest)).isAllowed
            },
            // Teams are set up by those who may change any team of theirs, not only their own.
            NavigationEntry(path: RosterPageController.path, labelKey: "mediation.nav.roster") {
                guard case .allowed(let scope) = AccessPolicy.decide($0, Permission(.update, .mobileTeam)) else {
                    return false
                }
                return scope == .ownOrganisation || scope == .everywhere
            },
            NavigationEntry(path: StatisticsPageController.path, labelKey: "mediation.nav.statistics") {
                AccessPolicy.decide($0, Permission(.read, .statistics)).isAllowed
            },
            // The phone screen, for whoever moves their own team.
            NavigationEntry(path: MobilePagesController.path, labelKey: "mediation.nav.mobile") {
                AccessPolicy.decide($0, Permission(.update, .teamStatus)) == .allowed(.related(.ownTeam))
            },
        ]
    }

    var auditActions: [AuditAction] { AuditAction.mediation }

    func migrations(stores: StoreEnvironment) -> [any Migration] { MediationMigrations.all(stores: stores) }

    func home(_ request: Request) async throws -> [HomeSection] { try await MediationHome.sections(request) }

    func annualFigures(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures? {
        try await MediationAnnualFigures.of(request, year: year, withheld: withheld)
    }

    var access: AccessGrants { .mediation }

    func makeServices(_ app: Application, stores: StoreEnvironment) -> (any Sendable)? {
        MediationServices(app, stores: stores)
    }

    var lifecycle: [any LifecycleHandler] { [BoardFeedLifecycle()] }

    func seedDemo(_ app: Application) async throws {
        try await MediationDemo(app: app).seedTeams()
    }
}
