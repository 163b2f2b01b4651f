import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/resources`: the directory search workers use on scene — words (accents and case ignored;
    /// "ouvert maintenant" / "open now" in the words asks for open services), a need, open now, nearest first from
    /// a point (`near=latitude,longitude`), a language.
    struct ResourcesController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "resources", access: .permission(Permission(.read, .resourceDirectory)), use: search)
            routes.on(.PUT, "resources", ":id", "capacity", access: .permission(ResourceDesk.update), use: capacity)
            routes.on(
                .PUT, "resources", ":id", "hours", access: .permission(ResourceDesk.update),
                body: HoursUpdate.bodyLimit, use: hours)
        }

        struct CapacityBody: Content {
            let available: Int
            let occupied: Int?
        }

        struct CapacityResponse: Content {
            let id: String
            let available: Int
            let total: Int?
            let updatedAt: Date
        }

        struct HoursBody: Content {
            let schedules: [JSONValue]
        }

        struct HoursResponse: Content {
            let id: String
            let schedules: [JSONValue]
        }

        /// `PUT /api/v1/resources/{id}/capacity`: the service's staff say how many places are free and taken.
        @Sendable func capacity(_ request: Request) async throws -> CapacityResponse {
            let desk = ResourceDesk(context: try request.deskContext())
            let (id, actor) = try await desk.stewardedService(request.parameters.get("id") ?? "")
            let body = try request.content.decode(CapacityBody.self)
            let capacity = try await desk.setCapacity(
                ofService: id, by: actor, available: body.available, occupied: body.occupied)
            return CapacityResponse(
                id: id, available: capacity.available, total: capacity.total, updatedAt: request.store.now)
        }

        /// `PUT /api/v1/resources/{id}/hours`: the service's staff set its weekly hours (HSDS schedules).
        @Sendable func hours(_ request: Request) async throws -> HoursResponse {
            let (id, actor) = try await ResourceDesk(context: try request.deskContext()).stewardedService(
                request.parameters.get("id") ?? "")
            let update = try HoursUpdate(schedules: try request.content.decode(HoursBody.self).schedules)
            try await request.store.directory.setHours(update, ofService: id, by: actor)
            return HoursResponse(id: id, schedules: update.schedules)
        }

        struct SearchResponse: Content {
            let items: [DirectoryHit]
        }

        @Sendable func search(_ request: Request) async throws -> SearchResponse {
            var query = QueryParameters(request)
            let text = query.value("q", invalid: "error.query.too_long") { $0.unicodeScalars.count <= 500 ? $0 : nil }
            let need = query.value("need", invalid: "error.resource.need_unknown") { Need(rawValue: $0) }
            let openNow = query.value("open_now", invalid: "error.query.boolean") { Bool($0) }
            let near = query.value("near", invalid: "error.resource.near") { text -> GeoPoint? in
                let parts = text.split(separator: ",", omittingEmptySubsequences: false).compactMap { Double($0) }
                guard parts.count == 2 else { return nil }
                return try? GeoPoint(latitude: parts[0], longitude: parts[1])
            }
            let language = query.value("language", invalid: "error.resource.language") { text in
                text.count == 2 && text.allSatisfy(\.isLetter) ? text : nil
            }
            let limit = query.value("limit", invalid: "error.query.limit") { text in
                Int(text).flatMap { (1...DirectorySearch.maximumLimit).contains($0) ? $0 : nil }
            }
            let offset = query.value("offset", invalid: "error.query.offset") { text in
                Int(text).flatMap { (0...DirectorySearch.maximumOffset).contains($0) ? $0 : nil }
            }
            try query.check()
            let now = request.store.now
            let search = DirectorySearch(
                text: text, need: need, openAt: openNow == true ? now : nil, now: now, near: near, language: language,
                limit: limit ?? 20, offset: offset ?? 0)
            return SearchResponse(
                items: try await request.store.directory.search(search, timeZone: request.relais.config.timeZone))
        }
    }
}

extension HoursUpdate {
    /// Fits the most schedules the rules allow at their longest, escaped as JSON (above Vapor's 16 kB default).
    static let bodyLimit = HTTPBodyStreamStrategy.collect(maxSize: "256kb")
}
