import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/statistics/response-times?days=7|30|365`: medians and 90th percentiles of the response times,
    /// overall, by borough and by hour of day. De-identified: no request is named.
    struct StatisticsController {
        func register(on routes: any RoutesBuilder) {
            routes.on(
                .GET, "statistics", "response-times", access: .permission(Permission(.read, .statistics)),
                use: responseTimes)
        }

        struct BoroughRow: Content {
            let code: String
            let summary: ResponseTimeSummary
        }

        struct HourRow: Content {
            let hour: Int
            let summary: ResponseTimeSummary
        }

        struct ResponseTimesResponse: Content {
            let days: Int
            let since: Date
            let overall: ResponseTimeSummary
            let byBorough: [BoroughRow]
            let byHour: [HourRow]
        }

        @Sendable func responseTimes(_ request: Request) async throws -> ResponseTimesResponse {
            var query = QueryParameters(request)
            let days = query.value("days", invalid: "mediation.error.days.unknown") { text in
                Int(text).flatMap { ResponseTimes.periods.contains($0) ? $0 : nil }
            }
            try query.check()
            return try await Self.report(request, days: days ?? 30)
        }

        /// The figures for the actor's reach: their organisation, or every organisation for roles granted
        /// statistics everywhere.
        static func report(_ request: Request, days: Int) async throws -> ResponseTimesResponse {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            let store = request.store
            let since = store.now.addingTimeInterval(-Double(days) * 86_400)
            let scope = AccessPolicy.decide(actor, Permission(.read, .statistics))
            var timed: [TimedRequest] = []
            if scope == .allowed(.everywhere) {
                timed = try await store.serviceRequests.timelines(organisationID: nil, since: since)
            } else {
                for organisation in actor.organisations(for: Permission(.read, .statistics)) {
                    timed += try await store.serviceRequests.timelines(organisationID: organisation, since: since)
                }
            }
            return ResponseTimesResponse(
                days: days, since: since, overall: ResponseTimes.summary(timed),
                byBorough: ResponseTimes.byBorough(timed).map { BoroughRow(code: $0.code, summary: $0.summary) },
                byHour: ResponseTimes.byHour(timed, timeZone: request.relais.config.timeZone).map {
                    HourRow(hour: $0.hour, summary: $0.summary)
                })
        }
    }
}
