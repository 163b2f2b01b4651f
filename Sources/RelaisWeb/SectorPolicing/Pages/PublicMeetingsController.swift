import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// RÉSO's public meetings: the supervisor plans them per city (`/reso/rencontres`) and cancels them; residents see
/// the coming ones of their city on the sector's card, and subscribe to a city's iCalendar feed
/// (`/reso/rencontres/<city>.ics`, public, cancellations included so that calendars apply them).
struct PublicMeetingsController {
    static let path = "/reso/rencontres"

    static func feedPath(_ city: String) -> String {
        path + "/" + (city.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? city) + ".ics"
    }

    func register(on routes: any RoutesBuilder) {
        let keep = RouteAccess.permission(Permission(.update, .sectorOfficer))
        routes.on(.GET, "reso", "rencontres", access: keep, use: list)
        routes.on(.POST, "reso", "rencontres", access: keep, use: plan)
        routes.on(.POST, "reso", "rencontres", ":id", "annulation", access: keep, use: cancel)
        routes.on(.GET, "reso", "rencontres", ":file", access: .public, use: feed)
    }

    /// A meeting as the pages show it.
    struct Row: Encodable {
        let id: String
        let city: String
        let when: String
        let location: String
        let cancelled: Bool
    }

    /// The coming meetings of `cities` (a year ahead), in order.
    static func coming(_ cities: [String], request: Request, includeCancelled: Bool) async throws -> [Row] {
        let now = request.store.now
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        var rows: [(Date, Row)] = []
        for city in cities {
            for meeting in try await request.store.meetings.meetings(
                series: PublicMeetingRules.series(city: city), in: DateInterval(start: now, duration: 366 * 86_400))
            where includeCancelled || meeting.cancelledAt == nil {
                rows.append(
                    (
                        meeting.startsAt,
                        Row(
                            id: meeting.id.description, city: city, when: format.string(from: meeting.startsAt),
                            location: meeting.location ?? "", cancelled: meeting.cancelledAt != nil)
                    ))
            }
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }

    struct ListContent: Encodable {
        let rows: [Row]
        let hasRows: Bool
        let cities: [Choice]
        let values: Form
        let errors: [String: String]
        let hasErrors: Bool
        let feeds: [Choice]
    }

    struct Form: Content {
        var city: String?
        var day: String?
        var start: String?
        var minutes: String?
        var location: String?
    }

    @Sendable func list(_ request: Request) async throws -> View {
        try await render(request, form: Form(minutes: "90"), errors: [:])
    }

    private func render(_ request: Request, form: Form, errors: [String: String]) async throws -> View {
        _ = try ResoDesk(context: try request.deskContext()).keptService()
        let cities = try await request.relais.reso.book.current(request.store).directory.cities.map(\.city)
        let rows = try await Self.coming(cities, request: request, includeCancelled: true)
        return try await request.renderPage(
            "reso/meetings", title: request.t("reso.meetings.title"),
            content: ListContent(
                rows: rows, hasRows: !rows.isEmpty,
                cities: cities.map { Choice(value: $0, label: $0, checked: form.city == $0) }, values: form,
                errors: errors, hasErrors: !errors.isEmpty,
                feeds: cities.map { Choice(value: Self.feedPath($0), label: $0, checked: false) }))
    }

    @Sendable func plan(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let context = try request.deskContext()
        _ = try ResoDesk(context: context).keptService()
        let zone = request.relais.config.timeZone
        let cities = try await request.relais.reso.book.current(request.store).directory.cities.map(\.city)
        do {
            let planned = try PublicMeetingRules.plan(
                city: form.city, cities: cities, day: form.day, start: form.start, minutes: form.minutes,
                location: form.location, today: Evening.day(of: request.store.now, timeZone: zone), timeZone: zone)
            let actor = context.actor
            let requestID = request.requestID
            try await request.store.transaction { tx in
                let meeting = try await tx.meetings.create(
                    series: PublicMeetingRules.series(city: planned.city), kind: .regular, interval: planned.interval,
                    location: planned.location)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .publicMeetingPlanned, resourceType: .publicMeeting,
                        resourceID: meeting.id.description, purpose: planned.city, requestID: requestID))
            }
        } catch let error as ValidationError {
            return try await render(request, form: form, errors: OfficersPagesController.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        } catch StoreError.duplicate {
            return try await render(request, form: form, errors: ["day": "reso.error.meeting_taken"])
                .encodeResponse(status: .conflict, for: request)
        }
        return request.redirect(to: Self.path + "?avis=reso.meeting_planned", redirectType: .normal)
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        let context = try request.deskContext()
        _ = try ResoDesk(context: context).keptService()
        let id: Meeting.ID = try ESUPPages.id(request)
        guard let meeting = try await request.store.meetings.meeting(id), meeting.series.hasPrefix("reso:") else {
            throw Abort(.notFound)
        }
        let actor = context.actor
        let requestID = request.requestID
        try await request.store.transaction { tx in
            guard try await tx.meetings.cancel(id) else { return }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .publicMeetingCancelled, resourceType: .publicMeeting,
                    resourceID: id.description, requestID: requestID))
        }
        return request.redirect(to: Self.path + "?avis=reso.meeting_cancelled", redirectType: .normal)
    }

    /// `GET /reso/rencontres/<city>.ics`: a city's public meetings, past month and coming year, cancellations kept.
    @Sendable func feed(_ request: Request) async throws -> Response {
        guard let file = request.parameters.get("file"), file.hasSuffix(".ics"),
            let city = String(file.dropLast(4)).removingPercentEncoding,
            try await request.relais.reso.book.current(request.store).directory.cities.contains(where: {
                $0.city == city
            })
        else { throw Abort(.notFound) }
        let now = request.store.now
        let meetings = try await request.store.meetings.meetings(
            series: PublicMeetingRules.series(city: city),
            in: DateInterval(start: now.addingTimeInterval(-31 * 86_400), duration: 400 * 86_400))
        let host = request.relais.config.publicURL.host ?? "relais"
        let summary = request.t("reso.meetings.summary", city)
        let calendar = ICalendar(name: summary, timeZone: request.relais.config.timeZone)
        let body = calendar.document(
            meetings.map {
                ICalendar.Event(
                    uid: "\($0.id)@\(host)", sequence: $0.sequence, start: $0.startsAt, end: $0.endsAt,
                    summary: summary, location: $0.location, description: request.t("reso.meetings.description"),
                    cancelled: $0.cancelledAt != nil)
            }, now: now)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
