import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Partnership committees (the SPVM's model): community committees and a strategic committee whose volunteer
/// members serve terms with limits, meet in the neighbourhood stations with residents and target organisations
/// invited, follow up concerns and actions, name delegates to the strategic committee, and publish an annual report
/// of the communities' security needs.
struct PartnershipProgramme: Programme {
    static let programmeID = "committees"
    let id = Self.programmeID

    func register(routes: any RoutesBuilder, api: any RoutesBuilder) {
        PublicMeetingPagesController().register(on: routes)
        FollowUpPageController().register(on: routes)
        DelegatesPagesController().register(on: routes)
        AnnualReportPagesController().register(on: routes)
        CommitteeMeetingsPagesController().register(on: routes)
        CommitteeFormController().register(on: routes)
        CommitteesPagesController().register(on: routes)
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(path: CommitteesPagesController.path, labelKey: "committees.nav.committees") {
                $0.holds(.committeeCoordinator) || $0.holds(.committeeMember)
            },
            NavigationEntry(path: FollowUpPageController.path, labelKey: "committees.nav.follow_up") {
                $0.holds(.committeeCoordinator) || $0.holds(.committeeMember)
            },
            NavigationEntry(path: DelegatesPagesController.path, labelKey: "committees.nav.delegates") {
                $0.holds(.committeeCoordinator)
            },
        ]
    }

    var auditActions: [AuditAction] { AuditAction.partnership }

    var access: AccessGrants { .partnership }

    var commands: [String: any AnyAsyncCommand] { ["committees": CommitteesCommand()] }

    func migrations(stores: StoreEnvironment) -> [any Migration] { PartnershipMigrations.all(stores: stores) }

    var lifecycle: [any LifecycleHandler] { [TermRemindersLifecycle()] }

    func makeServices(_ app: Application, stores: StoreEnvironment) throws -> (any Sendable)? {
        PartnershipServices()
    }

    func seedDemo(_ app: Application) async throws {
        try await CommitteesDemo(app: app).seed()
    }

    func home(_ request: Request) async throws -> [HomeSection] {
        try await PartnershipHome.sections(request)
    }
}
