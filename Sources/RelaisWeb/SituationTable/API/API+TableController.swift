import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `/api/v1/table/…`: a situation, and a meeting's agenda, as the caller may see them — the same answer as the
    /// pages, built by ``SituationContent``: what the filters withhold is not in it.
    struct TableController {
        func register(on api: any RoutesBuilder) {
            let agenda = RouteAccess.permission(Permission(.read, .tableAgenda))
            api.on(.GET, "table", "situations", ":id", access: agenda, use: situation)
            api.on(.GET, "table", "meetings", ":id", "agenda", access: agenda, use: meeting)
        }

        struct Agenda: Content {
            let meetingId: String
            let startsAt: Date
            let situations: [SituationContent]
        }

        @Sendable func situation(_ request: Request) async throws -> SituationContent {
            guard let id = request.parameters.get("id").flatMap(Situation.ID.init),
                let situation = try await request.store.situations.situation(id),
                let content = try await content(situation, request)
            else { throw Abort(.notFound) }
            return content
        }

        @Sendable func meeting(_ request: Request) async throws -> Agenda {
            guard let id = request.parameters.get("id").flatMap(Meeting.ID.init),
                let meeting = try await request.store.meetings.meeting(id), meeting.series == TableSettings.series
            else { throw Abort(.notFound) }
            var situations: [SituationContent] = []
            for situation in try await request.store.situations.agenda(id) {
                if let content = try await content(situation, request) { situations.append(content) }
            }
            return Agenda(meetingId: id.description, startsAt: meeting.startsAt, situations: situations)
        }

        private func content(_ situation: Situation, _ request: Request) async throws -> SituationContent? {
            let store = request.store
            return try await SituationContent.make(
                situation, desk: TableDesk(context: try request.deskContext()),
                agencies: try await store.tableAgencies.byOrganisation(), language: request.language,
                catalogue: request.relais.catalogue, taxonomy: try await store.riskTaxonomies.current())
        }
    }
}
