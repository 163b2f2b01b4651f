import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Sector social policing (Longueuil's RÉSO model): one officer per sector whose photo, name, cell number and sector
/// are public, whom residents call or write instead of 911 for what is not an emergency; the officer answers their
/// sector's messages from a phone, and what waits too long goes to the colleague who covers and the supervisors.
struct ResoProgramme: Programme {
    static let programmeID = "reso"
    let id = Self.programmeID

    func register(routes: any RoutesBuilder, api: any RoutesBuilder) {
        PublicPagesController().register(on: routes)
        MessageFormController().register(on: routes)
        MessagesPagesController().register(on: routes)
        OfficersPagesController().register(on: routes)
        ProblemsPagesController().register(on: routes)
        ResoMeasuresPageController().register(on: routes)
        PublicMeetingsController().register(on: routes)
        WorkLogPagesController().register(on: routes)
        API.ResidentMessagesController().register(on: api)
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(path: MessagesPagesController.path, labelKey: "reso.nav.messages") {
                AccessPolicy.decide($0, Permission(.read, .residentMessage)).isAllowed
            },
            NavigationEntry(path: WorkLogPagesController.path, labelKey: "reso.nav.log") {
                $0.holds(.sectorOfficer) && AccessPolicy.decide($0, Permission(.create, .sectorContact)).isAllowed
            },
            NavigationEntry(path: ProblemsPagesController.path, labelKey: "reso.nav.problems") {
                AccessPolicy.decide($0, Permission(.read, .sectorProblem)).isAllowed
            },
            NavigationEntry(path: ResoMeasuresPageController.path, labelKey: "reso.nav.measures") {
                $0.holds(.sectorSupervisor)
                    || (AccessPolicy.decide($0, Permission(.read, .statistics)).isAllowed && $0.holds(.analyst))
            },
            NavigationEntry(path: OfficersPagesController.path, labelKey: "reso.nav.officers") {
                $0.holds(.sectorSupervisor)
            },
            NavigationEntry(path: PublicMeetingsController.path, labelKey: "reso.nav.meetings") {
                $0.holds(.sectorSupervisor)
            },
        ]
    }

    var auditActions: [AuditAction] { AuditAction.sectorPolicing }

    var access: AccessGrants { .sectorPolicing }

    var commands: [String: any AnyAsyncCommand] { ["reso": ResoCommand()] }

    func migrations(stores: StoreEnvironment) -> [any Migration] { SectorPolicingMigrations.all(stores: stores) }

    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)? {
        ResoServices(settings: try ResoSettings.parse(ProcessInfo.processInfo.environment))
    }

    var lifecycle: [any LifecycleHandler] { [MessageEscalationLifecycle()] }

    func seedDemo(_ app: Application) async throws {
        try await ResoDemo(app: app).seed()
    }

    func home(_ request: Request) async throws -> [HomeSection] {
        try await ResoHome.sections(request)
    }
}
