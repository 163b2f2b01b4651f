import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// What the mobile mediation team's desks and pages share, made once at start: the triage rules and the live boards.
struct MediationServices: Sendable {
    /// The triage rules and the situations they know.
    let triage: TriagePolicy
    /// Live boards and the changes that refresh them.
    let board: BoardFeed

    init(_ app: Application, stores: StoreEnvironment) {
        let databases = app.databases
        let group = app.eventLoopGroup
        let logger = app.logger
        let hub = BoardHub(logger: logger) { organisationID in
            guard let database = databases.database(logger: logger, on: group.any()) else {
                throw Abort(.serviceUnavailable)
            }
            return try await BoardSnapshot.build(for: organisationID, store: stores.store(on: database))
        }
        triage = TriagePolicy()
        board = BoardFeed(hub: hub, engine: stores.engine)
    }
}

extension AppServices {
    /// The mobile mediation team's services (its routes exist only when it is enabled, and so do these).
    var mediation: MediationServices {
        guard let services = programmes[MediationServices.self] else {
            preconditionFailure("the mediation programme is not enabled in this deployment")
        }
        return services
    }
}
