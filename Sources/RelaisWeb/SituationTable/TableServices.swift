import Foundation
import RelaisCore
import Vapor

/// What the situation table keeps for the process's life: its settings.
struct TableServices: Sendable {
    let settings: TableSettings
}

extension AppServices {
    /// The situation table's services (the programme is enabled wherever its routes answer).
    var table: TableServices {
        guard let services = programmes[TableServices.self] else {
            preconditionFailure("the situation table is not running in this deployment")
        }
        return services
    }
}
