import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Open311 GeoReport v2 under `/open311/v2` (XML and JSON), with its discovery document at
/// `/open311/discovery.{xml,json}`.
///
/// Each situation the mobile team handles is a service; its definition carries the four safety questions as
/// required attributes, so requests from residents' apps and 311 go through the same screening and triage as a
/// coordinator's. The endpoint is realtime (POST returns the `service_request_id`; there are no tokens). What it
/// shows of requests is de-identified: no description, no caller, and the borough instead of the address.
struct Open311Controller {
    static let specification = "http://wiki.open311.org/GeoReport_v2"
    /// When this endpoint's description last changed (the discovery document's `changeset`).
    static let changeset = "2026-11-23 00:00"
    static let maximumSpan: TimeInterval = 90 * 86_400
    static let maximumRequests = 1000

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "open311", ":document", access: .public, use: discovery)
        routes.on(.GET, "open311", "v2", ":resource", access: .public, use: list)
        routes.on(.POST, "open311", "v2", ":resource", access: .public, body: IntakeRules.bodyLimit, use: create)
        routes.on(.GET, "open311", "v2", "services", ":service", access: .public, use: definition)
        routes.on(.GET, "open311", "v2", "requests", ":request", access: .public, use: one)
        routes.on(.GET, "open311", "v2", "tokens", ":token", access: .public, use: token)
    }

    // MARK: discovery and services

    @Sendable func discovery(_ request: Request) async throws -> Response {
        guard let (name, format) = request.parameters.get("document").flatMap(Open311Format.split), name == "discovery"
        else { throw Abort(.notFound) }
        let base = request.relais.config.publicURL.absoluteString.trimmingSuffix("/")
        let document = Open311Value.object([
            ("changeset", .text(Self.changeset)),
            ("contact", .text(request.t("mediation.open311.contact"))),
            ("key_service", .text(request.t("mediation.open311.key_service"))),
            (
                "endpoints",
                .list(
                    element: "endpoint",
                    [
                        .object([
                            ("specification", .text(Self.specification)), ("url", .text(base + "/open311/v2")),
                            ("changeset", .text(Self.changeset)), ("type", .text("production")),
                            ("formats", .list(element: "format", [.text("text/xml"), .text("application/json")])),
                        ])
                    ])
            ),
        ])
        return format.response(root: "discovery", document)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        guard let (name, format) = request.parameters.get("resource").flatMap(Open311Format.split) else {
            throw Abort(.notFound)
        }
        switch name {
        case "services": return format.response(root: "services", .list(element: "service", services(request)))
        case "requests": return try await requests(request, format: format)
        default: throw Abort(.notFound)
        }
    }

    private func services(_ request: Request) -> [Open311Value] {
        let weights = request.relais.mediation.triage.situationWeights
        return weights.keys.sorted { (weights[$0] ?? 0, $1) > (weights[$1] ?? 0, $0) }.map { code in
            .object([
                ("service_code", .text(code)), ("service_name", .text(request.t("mediation.situation.\(code)"))),
                ("description", .text(request.t("mediation.open311.service.description"))), ("metadata", .bool(true)),
                ("type", .text("realtime")), ("keywords", .text(request.t("mediation.open311.service.keywords"))),
                ("group", .text(request.t("mediation.open311.service.group"))),
            ])
        }
    }

    @Sendable func definition(_ request: Request) async throws -> Response {
        guard let (code, format) = request.parameters.get("service").flatMap(Open311Format.split) else {
            throw Abort(.notFound)
        }
        guard request.relais.mediation.triage.situationWeights[code] != nil else {
            throw Open311Failure.unknownService(code)
        }
        let yesNo = Open311Value.list(
            element: "value",
            [
                .object([("key", .text("yes")), ("name", .text(request.t("common.yes")))]),
                .object([("key", .text("no")), ("name", .text(request.t("common.no")))]),
            ])
        var attributes: [Open311Value] = Open311Attributes.screening.enumerated().map { index, attribute in
            .object([
                ("variable", .bool(true)), ("code", .text(attribute.code)), ("datatype", .text("singlevaluelist")),
                ("required", .bool(true)),
                ("datatype_description", .text(request.t("mediation.open311.answer_yes_no"))),
                ("order", .integer(index + 1)), ("description", .text(request.t(attribute.questionKey))),
                ("values", yesNo),
            ])
        }
        attributes.append(
            .object([
                ("variable", .bool(true)), ("code", .text(Open311Attributes.peopleCount)),
                ("datatype", .text("number")),
                ("required", .bool(false)),
                ("datatype_description", .text(request.t("mediation.open311.people_count_hint"))),
                ("order", .integer(5)), ("description", .text(request.t("mediation.intake.people_count"))),
                ("values", .list(element: "value", [])),
            ]))
        attributes.append(
            .object([
                ("variable", .bool(true)), ("code", .text(Open311Attributes.vulnerabilities)),
                ("datatype", .text("multivaluelist")), ("required", .bool(false)),
                ("datatype_description", .text(request.t("mediation.open311.vulnerabilities_hint"))),
                ("order", .integer(6)),
                ("description", .text(request.t("mediation.intake.vulnerabilities"))),
                (
                    "values",
                    .list(
                        element: "value",
                        IntakeRules.vulnerabilities.sorted().map {
                            .object([("key", .text($0)), ("name", .text(request.t("mediation.vulnerability.\($0)")))])
                        })
                ),
            ]))
        return format.response(
            root: "service_definition",
            .object([("service_code", .text(code)), ("attributes", .list(element: "attribute", attributes))]))
    }

    // MARK: requests

    @Sendable func create(_ request: Request) async throws -> Response {
        guard let (name, format) = request.parameters.get("resource").flatMap(Open311Format.split), name == "requests"
        else { throw Abort(.notFound) }
        guard let type = request.headers.contentType, type.type == "application",
            type.subType == "x-www-form-urlencoded"
        else { throw Open311Failure.notAForm }
        let fields = Open311Form(body: request.body.data?.readableBytesView ?? ByteBuffer().readableBytesView)
        guard let key = fields.value("api_key") ?? request.query[String.self, at: "api_key"],
            let user = try await request.store.tokens.user(for: key, scope: .open311), user.isActive,
            AccessPolicy.decide(request.relais.access.actor(for: user), Permission(.create, .serviceRequest)).isAllowed
        else {
            try await request.audit(.invalidToken, outcome: .denied, purpose: "open311")
            throw Open311Failure.apiKey
        }
        // The partner's residents choose the language, not the partner's account.
        request.language = request.acceptedLanguage ?? request.relais.config.defaultLanguage
        request.identity = RequestIdentity(user: user, method: .bearerToken)
        let form = try fields.intakeForm(situations: Set(request.relais.mediation.triage.situationWeights.keys))
        let created: ServiceRequest
        do {
            guard case .created(let made) = try await IntakeDesk(context: try request.deskContext()).submit(form) else {
                throw Abort(.internalServerError)
            }
            created = made
        } catch let error as ValidationError {
            throw Open311Failure.invalid(error.problems)
        }
        return format.response(
            root: "service_requests",
            .list(
                element: "request",
                [
                    .object([
                        ("service_request_id", .text(created.id.description)),
                        ("service_notice", .text(request.t("mediation.open311.notice.\(created.outcome.code)"))),
                        ("account_id", .text(nil)),
                    ])
                ]))
    }

    private func requests(_ request: Request, format: Open311Format) async throws -> Response {
        let now = request.store.now
        var problems: [String] = []
        func list(_ name: String) -> [String]? {
            guard let text = request.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
            else { return nil }
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func date(_ name: String) -> Date? {
            guard let text = request.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let date = Open311Dates.parse(text) else {
                problems.append(request.t("mediation.open311.error.date", name))
                return nil
            }
            return date
        }
        let ids = list("service_request_id").map { $0.compactMap(ServiceRequest.ID.init) }
        let codes = list("service_code")
        let statuses = list("status")
        if let statuses, !statuses.allSatisfy({ ["open", "closed"].contains($0) }) {
            problems.append(request.t("mediation.open311.error.status"))
        }
        let start = date("start_date")
        let end = date("end_date")
        let period: DateInterval
        switch (start, end) {
        case (let start?, let end?): period = DateInterval(start: start, end: max(start, end))
        case (let start?, nil): period = DateInterval(start: start, duration: Self.maximumSpan)
        case (nil, let end?): period = DateInterval(start: end.addingTimeInterval(-Self.maximumSpan), end: end)
        case (nil, nil): period = DateInterval(start: now.addingTimeInterval(-Self.maximumSpan), end: now)
        }
        if let start, let end, end < start { problems.append(request.t("mediation.open311.error.range_order")) }
        if period.duration > Self.maximumSpan { problems.append(request.t("mediation.open311.error.range")) }
        guard problems.isEmpty else { throw Open311Failure.messages(problems) }
        let found = try await request.store.serviceRequests.summaries(
            source: .line311, ids: ids, situations: codes, period: period, limit: Self.maximumRequests)
        let items = found.filter { summary in
            statuses.map { $0.contains(Self.status(of: summary)) } ?? true
        }
        return format.response(
            root: "service_requests", .list(element: "request", items.map { Self.item($0, request: request) }))
    }

    @Sendable func one(_ request: Request) async throws -> Response {
        guard let (text, format) = request.parameters.get("request").flatMap(Open311Format.split),
            let id = ServiceRequest.ID(text),
            let found = try await request.store.serviceRequests.summaries(
                source: .line311, ids: [id], situations: nil, period: DateInterval(), limit: 1
            ).first
        else { throw Open311Failure.unknownRequest }
        return format.response(
            root: "service_requests", .list(element: "request", [Self.item(found, request: request)]))
    }

    /// This endpoint is realtime: POST returns the request's id at once, and no token is ever issued.
    @Sendable func token(_ request: Request) async throws -> Response {
        throw Open311Failure.unknownToken
    }

    private static func status(of summary: ServiceRequestSummary) -> String {
        summary.status == .cleared || summary.status == .redirected ? "closed" : "open"
    }

    private static func item(_ summary: ServiceRequestSummary, request: Request) -> Open311Value {
        let timeline = summary.timeline
        let updated =
            [timeline.clearedAt, timeline.onSceneAt, timeline.enRouteAt, timeline.dispatchedAt]
            .compactMap { $0 }.max() ?? timeline.receivedAt
        let notes =
            summary.status == .redirected
            ? request.t("mediation.open311.notice.\(summary.outcome.code)") : request.t(summary.status.labelKey)
        return .object([
            ("service_request_id", .text(summary.id.description)), ("status", .text(status(of: summary))),
            ("status_notes", .text(notes)),
            ("service_name", .text(request.t("mediation.situation.\(summary.situation)"))),
            ("service_code", .text(summary.situation)), ("description", .text(nil)),
            ("agency_responsible", .text(request.t("mediation.open311.agency"))),
            ("service_notice", .text(request.t("mediation.open311.notice.\(summary.outcome.code)"))),
            ("requested_datetime", .text(Open311Dates.format(timeline.receivedAt))),
            ("updated_datetime", .text(Open311Dates.format(updated))), ("expected_datetime", .text(nil)),
            ("address", .text(summary.territoryName)), ("address_id", .text(nil)), ("zipcode", .text(nil)),
            ("lat", .number(nil)), ("long", .number(nil)), ("media_url", .text(nil)),
        ])
    }
}

/// The dates of GeoReport v2: W3C date-times with a time zone.
enum Open311Dates {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
