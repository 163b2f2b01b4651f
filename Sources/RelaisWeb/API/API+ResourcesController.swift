import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// `GET /api/v1/resources`: the directory search workers use on scene — words (accents and case ignored;
    /// "ouvert maintenant" / "open now" in the words asks for open services), a need, open now, nearest first from
    /// a point, a language.
    struct ResourcesController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "resources", access: .permission(Permission(.read, .resourceDirectory)), use: search)
        }

        struct SearchResponse: Content {
            let items: [DirectoryHit]
        }

        @Sendable func search(_ request: Request) async throws -> SearchResponse {
            var query = QueryParameters(request, emptyMeansAbsent: true)
            let text = query.value("q")
            let need = query.value("need", invalid: "error.resource.need_unknown") { Need(rawValue: $0) }
            let openNow = query.value("open_now", invalid: "error.query.boolean") { Bool($0) }
            let latitude = query.value("latitude", invalid: "error.latitude.out_of_range") { Double($0) }
            let longitude = query.value("longitude", invalid: "error.longitude.out_of_range") { Double($0) }
            let language = query.value("language", invalid: "error.resource.language") { text in
                text.count == 2 && text.allSatisfy(\.isLetter) ? text : nil
            }
            let limit = query.value("limit", invalid: "error.query.limit") { text in
                Int(text).flatMap { (1...DirectorySearch.maximumLimit).contains($0) ? $0 : nil }
            }
            let offset = query.value("offset", invalid: "error.query.offset") { text in
                Int(text).flatMap { $0 >= 0 ? $0 : nil }
            }
            if latitude != nil || longitude != nil {
                query.require("latitude", present: latitude != nil)
                query.require("longitude", present: longitude != nil)
            }
            try query.check()
            var near: GeoPoint?
            if let latitude, let longitude { near = try GeoPoint(latitude: latitude, longitude: longitude) }
            let now = request.store.now
            let search = DirectorySearch(
                text: text, need: need, openAt: openNow == true ? now : nil, now: now, near: near, language: language,
                limit: limit ?? 20, offset: offset ?? 0)
            return SearchResponse(
                items: try await request.store.directory.search(search, timeZone: request.relais.config.timeZone))
        }
    }
}
