import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// RÉSO's public pages, no sign-in: "who is my officer?" by address, by the phone's position or on the map; the
/// sector's card (photo, name, cell number to tap, languages, on duty now or who covers, 911 always in view); the
/// sectors by city; and the officer's photos. Light and cacheable: the pages most people see.
struct PublicPagesController {
    static let path = "/reso"

    static func sectorPath(_ code: String) -> String {
        "/reso/secteurs/" + (code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code)
    }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "reso", access: .public, use: find)
        routes.on(.GET, "reso", "ou", access: .public, use: locate)
        routes.on(.GET, "reso", "secteurs", access: .public, use: sectors)
        routes.on(.GET, "reso", "secteurs", ":code", access: .public, use: sector)
        routes.on(.GET, "reso", "agent.json", access: .public, use: answerJSON)
        routes.on(.GET, "reso", "adresses", access: .public, use: addresses)
        routes.on(.GET, "reso", "carte.json", access: .public, use: map)
        routes.on(.GET, "reso", "photos", ":officer", ":version", ":file", access: .public, use: photo)
    }

    // MARK: finding the sector

    struct Candidate: Encodable {
        let label: String
        let href: String
        let sector: String
    }

    struct FindContent: Encodable {
        let address: String
        let problemKey: String?
        let outsideKey: String?
        let outsideArgument: String
        let choices: [Candidate]
        let hasChoices: Bool
        let fictional: Bool
    }

    @Sendable func find(_ request: Request) async throws -> View {
        try await renderFind(request, address: "", problemKey: nil)
    }

    private func renderFind(
        _ request: Request, address: String, problemKey: String?, outsideKey: String? = nil,
        outsideArgument: String = "", choices: [Candidate] = []
    ) async throws -> View {
        let content = FindContent(
            address: address, problemKey: problemKey, outsideKey: outsideKey, outsideArgument: outsideArgument,
            choices: choices, hasChoices: !choices.isEmpty, fictional: request.relais.demo)
        return try await request.renderPage(
            "reso/find", title: request.relais.catalogue.text("reso.find.title", request.language), content: content)
    }

    /// `?lat=&lon=` (the phone's position, a point on the map) or `?adresse=` (a form without script): the sector's
    /// page, or why there is none, or the candidates to choose from.
    @Sendable func locate(_ request: Request) async throws -> Response {
        let snapshot = try await request.relais.reso.book.current(request.store)
        if let latitude = request.query[String.self, at: "lat"], let longitude = request.query[String.self, at: "lon"] {
            guard let point = Self.point(latitude, longitude) else {
                return try await renderFind(request, address: "", problemKey: "reso.find.bad_point")
                    .encodeResponse(status: .unprocessableEntity, for: request)
            }
            if let match = snapshot.index.locate(point, level: .sector) {
                return request.redirect(to: Self.sectorPath(match.code) + Self.pointQuery(point), redirectType: .normal)
            }
            let (key, argument) = try await outside(point, request)
            return try await renderFind(
                request, address: "", problemKey: nil, outsideKey: key, outsideArgument: argument
            )
            .encodeResponse(for: request)
        }
        let text = (request.query[String.self, at: "adresse"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= PlaceQuery.maximumLength else {
            return try await renderFind(request, address: String(text.prefix(200)), problemKey: "reso.find.empty")
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
        let candidates = try await request.relais.places.candidates(text, limit: 8, store: request.store)
        let inside = candidates.compactMap { candidate -> (PlaceCandidate, TerritoryIndex.Match)? in
            snapshot.index.locate(candidate.point, level: .sector).map { (candidate, $0) }
        }
        if inside.count == 1 || (inside.count > 1 && Set(inside.map(\.1.code)).count == 1) {
            return request.redirect(
                to: Self.sectorPath(inside[0].1.code) + Self.pointQuery(inside[0].0.point), redirectType: .normal)
        }
        if inside.count > 1 {
            let choices = inside.map { candidate, match in
                Candidate(
                    label: candidate.label, href: Self.sectorPath(match.code) + Self.pointQuery(candidate.point),
                    sector: "\(match.name) (\(snapshot.directory.sector(match.code)?.city ?? ""))")
            }
            return try await renderFind(request, address: text, problemKey: nil, choices: choices)
                .encodeResponse(for: request)
        }
        if let first = candidates.first {
            let (key, argument) = try await outside(first.point, request)
            return try await renderFind(
                request, address: text, problemKey: nil, outsideKey: key, outsideArgument: argument
            )
            .encodeResponse(for: request)
        }
        return try await renderFind(request, address: text, problemKey: "reso.find.not_found")
            .encodeResponse(status: .notFound, for: request)
    }

    /// Where a point outside every sector is, to point to the right police service.
    private func outside(_ point: GeoPoint, _ request: Request) async throws -> (String, String) {
        if let borough = try await request.relais.territories.locate(point, level: .borough, store: request.store) {
            return ("reso.find.outside_in", borough.name)
        }
        return ("reso.find.outside", "")
    }

    /// `?lat=&lon=`: the point a card was found for, carried to the message form (its place and repeat places).
    static func pointQuery(_ point: GeoPoint) -> String {
        "?lat=\(Self.rounded(point.latitude))&lon=\(Self.rounded(point.longitude))"
    }

    private static func rounded(_ value: Double) -> String { String(format: "%.6f", value) }

    /// The point of a request's `lat` and `lon`, when both are there and valid.
    static func point(of request: Request) -> GeoPoint? {
        guard let latitude = request.query[String.self, at: "lat"],
            let longitude = request.query[String.self, at: "lon"]
        else { return nil }
        return point(latitude, longitude)
    }

    static func point(_ latitude: String, _ longitude: String) -> GeoPoint? {
        guard latitude.count < 24, longitude.count < 24, let lat = Double(latitude), let lon = Double(longitude)
        else { return nil }
        return try? GeoPoint(latitude: lat, longitude: lon)
    }

    // MARK: the sectors and their cards

    struct CitySectors: Encodable {
        let city: String
        let sectors: [SectorRow]
    }

    struct SectorRow: Encodable {
        let name: String
        let href: String
        let officer: String?
    }

    struct SectorsContent: Encodable {
        let cities: [CitySectors]
        let hasCities: Bool
        let fictional: Bool
    }

    @Sendable func sectors(_ request: Request) async throws -> Response {
        let snapshot = try await request.relais.reso.book.current(request.store)
        let tag = Self.entityTag(snapshot.tag, request.language.rawValue)
        if let unchanged = Self.notModified(tag, request) { return unchanged }
        let cities = snapshot.directory.cities.map { city, sectors in
            CitySectors(
                city: city,
                sectors: sectors.map {
                    SectorRow(
                        name: $0.name, href: Self.sectorPath($0.code),
                        officer: snapshot.directory.officer(of: $0.code)?.name)
                })
        }
        let view = try await request.renderPage(
            "reso/sectors", title: request.relais.catalogue.text("reso.sectors.title", request.language),
            content: SectorsContent(cities: cities, hasCities: !cities.isEmpty, fictional: request.relais.demo))
        return try await Self.cached(view, tag: tag, request)
    }

    @Sendable func sector(_ request: Request) async throws -> Response {
        let snapshot = try await request.relais.reso.book.current(request.store)
        guard let code = request.parameters.get("code"),
            let answer = snapshot.directory.answer(
                for: code, at: request.store.now, in: request.relais.config.timeZone)
        else { throw Abort(.notFound) }
        // The card says who is on duty now: it may be kept a minute, no longer.
        let point = Self.point(of: request)
        let meetings = try await PublicMeetingsController.coming(
            [answer.sector.city], request: request, includeCancelled: false)
        let tag = Self.entityTag(
            snapshot.tag, request.language.rawValue, "\(answer.onDuty)", answer.cover?.id.description ?? "",
            point.map(Self.pointQuery) ?? "", meetings.map { $0.id + $0.when }.joined())
        if let unchanged = Self.notModified(tag, request) { return unchanged }
        let content = SectorAnswerContent(
            answer, directory: snapshot.directory, catalogue: request.relais.catalogue, language: request.language,
            fictional: request.relais.demo, point: point, meetings: meetings)
        let view = try await request.renderPage(
            "reso/sector",
            title: request.relais.catalogue.text("reso.sector.title", request.language, [answer.sector.name]),
            content: content)
        return try await Self.cached(view, tag: tag, request)
    }

    /// A public page kept a minute by the browser (its forms carry the browser's own anti-forgery token, so no
    /// shared cache may hand it to another), then revalidated by its entity tag.
    static func cached(_ view: View, tag: String, _ request: Request) async throws -> Response {
        let response = try await view.encodeResponse(for: request)
        // A signed-in person's page carries their name and navigation: not kept.
        guard request.currentUser == nil else { return response }
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=60")
        response.headers.replaceOrAdd(name: .vary, value: "Cookie")
        response.headers.replaceOrAdd(name: .eTag, value: tag)
        return response
    }

    /// A weak entity tag of what a page shows.
    static func entityTag(_ parts: String...) -> String {
        "W/\"" + parts.joined(separator: "-").filter { $0 != "\"" } + "\""
    }

    /// 304 when the browser holds the page as it would be now.
    static func notModified(_ tag: String, _ request: Request) -> Response? {
        guard request.currentUser == nil, request.headers.first(name: .ifNoneMatch) == tag else { return nil }
        return Response(status: .notModified, headers: ["ETag": tag, "Cache-Control": "private, max-age=60"])
    }

    // MARK: JSON for the page's script (and the benchmark)

    struct OfficerJSON: Content {
        let name: String
        let phone: String
        let telephone: String
        let languages: [String]
        let photo: String?
    }

    struct AnswerJSON: Content {
        let sector: String?
        let sectorName: String?
        let city: String?
        let href: String?
        let officer: OfficerJSON?
        let onDuty: Bool
        let cover: OfficerJSON?
    }

    /// `GET /reso/agent.json?lat=&lon=`: the sector of a point, its officer and who covers now; `sector` null
    /// outside every sector.
    @Sendable func answerJSON(_ request: Request) async throws -> Response {
        guard let latitude = request.query[String.self, at: "lat"],
            let longitude = request.query[String.self, at: "lon"],
            let point = Self.point(latitude, longitude)
        else {
            throw ValidationError([FieldProblem(field: "lat", messageKey: "reso.find.bad_point")])
        }
        let snapshot = try await request.relais.reso.book.current(request.store)
        func json(_ officer: SectorOfficer?) -> OfficerJSON? {
            officer.map {
                OfficerJSON(
                    name: $0.name, phone: $0.cellPhoneText, telephone: $0.telephoneURI,
                    languages: $0.languages.map(\.rawValue),
                    photo: $0.photoVersion > 0 ? OfficerCard.photoPath($0, size: "card") : nil)
            }
        }
        let answer = snapshot.index.locate(point, level: .sector).flatMap {
            snapshot.directory.answer(for: $0.code, at: request.store.now, in: request.relais.config.timeZone)
        }
        let body = AnswerJSON(
            sector: answer?.sector.code, sectorName: answer?.sector.name, city: answer?.sector.city,
            href: answer.map { Self.sectorPath($0.sector.code) }, officer: json(answer?.officer),
            onDuty: answer?.onDuty ?? false, cover: json(answer?.cover))
        let response = try await body.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return response
    }

    struct Suggestion: Content {
        let kind: String
        let label: String
        let latitude: Double
        let longitude: Double
        /// The sector and city holding it, or null outside every sector.
        let territory: String?
        let served: Bool
    }

    struct Suggestions: Content {
        let items: [Suggestion]
    }

    /// The most lookups one network address makes in a minute.
    static let lookupsPerMinute = 120

    /// `GET /reso/adresses?q=`: places for what a resident types, with their sector; at most
    /// ``lookupsPerMinute`` a minute from one address (then 429).
    @Sendable func addresses(_ request: Request) async throws -> Response {
        let gate = request.relais.reso.lookups
        let key = request.clientAddress
        let now = request.store.now
        guard gate.recent(key, window: 60, now: now).count < Self.lookupsPerMinute else {
            throw MessageRefusal.tooMany
        }
        gate.record(key, window: 60, now: now)
        var query = QueryParameters(request)
        let text = query.value("q", invalid: "error.place.query_too_long") {
            $0.count <= PlaceQuery.maximumLength ? $0 : nil
        }
        query.require("q", present: text != nil)
        try query.check()
        let snapshot = try await request.relais.reso.book.current(request.store)
        let candidates = try await request.relais.places.candidates(text ?? "", limit: 8, store: request.store)
        let items = candidates.map { candidate in
            let match = snapshot.index.locate(candidate.point, level: .sector)
            return Suggestion(
                kind: candidate.kind.rawValue, label: candidate.label, latitude: candidate.point.latitude,
                longitude: candidate.point.longitude,
                territory: match.map { "\($0.name) · \(snapshot.directory.sector($0.code)?.city ?? "")" },
                served: match != nil)
        }
        return try await Suggestions(items: items).encodeResponse(for: request)
    }

    /// `GET /reso/carte.json`: the sectors' outlines for the map (with the tile server's template, if any); the
    /// streets come from the tile server, where one is set.
    @Sendable func map(_ request: Request) async throws -> Response {
        let snapshot = try await request.relais.reso.book.current(request.store)
        if request.headers.first(name: .ifNoneMatch) == snapshot.tag {
            return Response(status: .notModified, headers: ["ETag": snapshot.tag])
        }
        let map = try await BaseMap.read(
            from: request.store, tiles: request.relais.config.mapTilesURL, level: .sector, outlinesOnly: true)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: snapshot.tag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try JSONEncoder().encode(map)))
    }

    /// `GET /reso/photos/:officer/:version/:size.jpg`: kept for a year (a new photo has a new version).
    @Sendable func photo(_ request: Request) async throws -> Response {
        guard let officer = request.parameters.get("officer").flatMap(SectorOfficer.ID.init),
            let version = request.parameters.get("version").flatMap({ $0.count < 10 ? Int($0) : nil }),
            let file = request.parameters.get("file"), file.hasSuffix(".jpg"),
            OfficerPhoto.sizes[String(file.dropLast(4))] != nil,
            let found = try await request.store.sectorOfficers.photo(officer, size: String(file.dropLast(4))),
            found.version == version
        else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .jpeg
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(data: found.bytes))
    }
}
