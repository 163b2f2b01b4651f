import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `/api/v1/reso/messages`: the residents' messages the caller answers (an officer's own and those sent on to
    /// them; a supervisor's whole service), without what the residents wrote — the same desk as the pages.
    struct ResidentMessagesController {
        func register(on api: any RoutesBuilder) {
            api.on(.GET, "reso", "messages", access: .permission(Permission(.read, .residentMessage)), use: list)
        }

        struct Item: Content {
            let id: String
            let reference: String
            let sector: String
            let topic: String
            let status: String
            let receivedAt: Date
            let firstReplyAt: Date?
            let escalatedAt: Date?
        }

        @Sendable func list(_ request: Request) async throws -> [Item] {
            try await ResoDesk(context: try request.deskContext()).inbox().map {
                Item(
                    id: $0.id.description, reference: $0.reference, sector: $0.sectorCode, topic: $0.topic.rawValue,
                    status: $0.status.rawValue, receivedAt: $0.receivedAt, firstReplyAt: $0.firstReplyAt,
                    escalatedAt: $0.escalatedAt)
            }
        }
    }
}
