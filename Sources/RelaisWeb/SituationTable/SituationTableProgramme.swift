import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The situation table (Sudbury's Rapid Mobilization Table): agencies meet twice a week to act on situations of
/// acutely elevated risk under the four filters, which the software enforces; trends for the community's planning
/// and the province's export.
struct SituationTableProgramme: Programme {
    let id = "table"

    func register(routes: any RoutesBuilder, api: any RoutesBuilder) {
        TableHomeController().register(on: routes)
        SituationPagesController().register(on: routes)
        MeetingPageController().register(on: routes)
        TrendsPageController().register(on: routes)
        AgenciesPageController().register(on: routes)
        CalendarController().register(on: routes)
        API.TableController().register(on: api)
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(path: TableHomeController.path, labelKey: "table.nav.table") {
                AccessPolicy.decide($0, Permission(.read, .tableMeeting)).isAllowed
            },
            NavigationEntry(path: TrendsPageController.path, labelKey: "table.nav.trends") {
                AccessPolicy.decide($0, Permission(.read, .statistics)).isAllowed
                    && ($0.holds(.tableChair) || $0.holds(.analyst) || $0.holds(.agencyRepresentative))
            },
            NavigationEntry(path: AgenciesPageController.path, labelKey: "table.nav.agencies") {
                AccessPolicy.decide($0, Permission(.update, .tableAgency)).isAllowed
            },
        ]
    }

    var auditActions: [AuditAction] { AuditAction.situationTable }

    var access: AccessGrants { .situationTable }

    var commands: [String: any AnyAsyncCommand] { ["table": TableCommand()] }

    func migrations(stores: StoreEnvironment) -> [any Migration] { SituationTableMigrations.all(stores: stores) }

    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)? {
        TableServices(settings: try TableSettings.parse(ProcessInfo.processInfo.environment))
    }

    var lifecycle: [any LifecycleHandler] { [TableUpkeepLifecycle()] }

    func seedDemo(_ app: Application) async throws {
        try await TableDemo(app: app).seed()
    }

    func annualFigures(_ request: Request, year: Int, withheld: String) async throws -> AnnualFigures? {
        try await TableAnnualFigures.of(request, year: year, withheld: withheld)
    }
}
