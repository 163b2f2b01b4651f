import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/table`: the situation table's home — the agency's own situations (filter 1 and on), the meetings of the coming
/// weeks with their agendas, the agency's calendar feed, and for the chair a form to call an emergency meeting.
struct TableHomeController {
    static let path = "/table"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "table", access: .permission(Permission(.read, .tableMeeting)), use: show)
    }

    struct SituationRow: Encodable {
        let href: String
        let reference: String
        let stageLabel: String
        let openedOn: String
    }

    struct MeetingRow: Encodable {
        let href: String
        let when: String
        let kindLabel: String
        let cancelled: Bool
        let closed: Bool
        let agenda: Int
    }

    struct Content: Encodable {
        let agency: String?
        let mayOpen: Bool
        let situations: [SituationRow]
        let meetings: [MeetingRow]
        let calendarURL: String?
        let mayCallMeeting: Bool
        let emergencyError: String?
        let mayReadTrends: Bool
        let mayExport: Bool
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, emergencyError: nil)
    }

    func render(_ request: Request, emergencyError: String?) async throws -> View {
        let store = request.store
        let desk = TableDesk(context: try request.deskContext())
        let language = request.language
        let catalogue = request.relais.catalogue
        let zone = request.relais.config.timeZone
        let now = store.now
        let agencies = try await store.tableAgencies.byOrganisation()
        let own = desk.ownAgency(among: agencies)
        let situations = try await store.situations.opened(by: own.map { [$0.organisationID] } ?? [], limit: 50)
        let meetings = try await store.meetings.meetings(
            series: TableSettings.series,
            in: DateInterval(start: now.addingTimeInterval(-7 * 86_400), duration: 35 * 86_400))
        var agendas: [Meeting.ID: Int] = [:]
        for meeting in meetings { agendas[meeting.id] = try await store.situations.agenda(meeting.id).count }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: zone)
        let day = DateFormatter.day(in: zone)
        let actor = desk.actor
        let content = Content(
            agency: own?.name,
            mayOpen: own.map {
                AccessPolicy.decide(actor, Permission(.create, .situation), on: .record(ownedBy: $0.organisationID))
                    .isAllowed
            } ?? false,
            situations: situations.map {
                SituationRow(
                    href: SituationPagesController.path($0.id), reference: $0.reference,
                    stageLabel: catalogue.text($0.stage.labelKey, language), openedOn: day.string(from: $0.openedAt))
            },
            meetings: meetings.map {
                MeetingRow(
                    href: MeetingPageController.path($0.id), when: format.string(from: $0.startsAt),
                    kindLabel: catalogue.text($0.kind.labelKey, language), cancelled: $0.cancelledAt != nil,
                    closed: $0.closedAt != nil, agenda: agendas[$0.id] ?? 0)
            },
            calendarURL: own.map { CalendarController.url(for: $0.organisationID, services: request.relais) },
            mayCallMeeting: AccessPolicy.decide(actor, Permission(.create, .tableMeeting)).isAllowed,
            emergencyError: emergencyError,
            mayReadTrends: AccessPolicy.decide(actor, Permission(.read, .statistics)).isAllowed,
            mayExport: AccessPolicy.decide(actor, Permission(.read, .tableReport)).isAllowed)
        return try await request.renderPage(
            "table/home", title: catalogue.text("table.home.title", language), content: content)
    }
}

/// `/table/calendrier/{agency}.ics?cle=…`: the table's meetings as an iCalendar feed for one agency's calendar
/// application, which cannot sign in: the address carries a key derived from the deployment's key, so only those
/// given the address read it. Meetings only: no situation, no person.
struct CalendarController {
    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "table", "calendrier", ":file", access: .public, use: feed)
    }

    /// The feed's address for an agency.
    static func url(for agency: Organisation.ID, services: AppServices) -> String {
        "\(services.config.publicURL.absoluteString.trimmingSuffix("/"))/table/calendrier/\(agency).ics?cle=\(key(for: agency, services: services))"
    }

    static func key(for agency: Organisation.ID, services: AppServices) -> String {
        // A keyed hash of the agency (the cipher's index key): the same on every instance, unguessable without it.
        let mac = Data(base64Encoded: services.cipher.blindIndex("table-calendar:\(agency)")) ?? Data()
        return mac.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    @Sendable func feed(_ request: Request) async throws -> Response {
        guard let file = request.parameters.get("file"), file.hasSuffix(".ics"),
            let agency = Organisation.ID(String(file.dropLast(4))),
            let given = request.query[String.self, at: "cle"],
            given.utf8.count == 32,
            Array(given.utf8) == Array(Self.key(for: agency, services: request.relais).utf8)
        else { throw Abort(.notFound) }
        let store = request.store
        guard try await store.tableAgencies.byOrganisation()[agency] != nil else { throw Abort(.notFound) }
        let now = store.now
        let meetings = try await store.meetings.meetings(
            series: TableSettings.series,
            in: DateInterval(start: now.addingTimeInterval(-30 * 86_400), duration: 120 * 86_400))
        let language = request.language
        let catalogue = request.relais.catalogue
        let host = request.relais.config.publicURL.host ?? "relais"
        let calendar = ICalendar(
            name: catalogue.text("table.calendar.name", language), timeZone: request.relais.config.timeZone)
        let text = calendar.document(
            meetings.map {
                ICalendar.Event(
                    uid: "\($0.id)@\(host)", sequence: $0.sequence, start: $0.startsAt, end: $0.endsAt,
                    summary: catalogue.text(
                        $0.kind == .emergency ? "table.calendar.emergency" : "table.calendar.meeting", language),
                    location: $0.location, description: nil, cancelled: $0.cancelledAt != nil)
            }, now: now)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.add(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
