import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The committees' open meetings for the public, without an account: the coming ones
/// (`/comites/rencontres`), a meeting's page in both languages with where, when and what, registration with a
/// capacity and a waiting list (`/comites/rencontres/<id>`), the link that cancels a registration
/// (`/comites/inscriptions/<secret>`: the first one waiting moves up and is told), and each committee's iCalendar
/// feed (`/comites/calendriers/<code>.ics`).
struct PublicMeetingPagesController {
    static let path = "/comites/rencontres"

    static func path(_ id: Meeting.ID) -> String { "/comites/rencontres/\(id)" }
    static func cancelPath(_ token: String) -> String { "/comites/inscriptions/\(token)" }
    static func feedPath(_ committee: Committee) -> String { "/comites/calendriers/\(committee.code).ics" }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "comites", "rencontres", access: .public, use: list)
        routes.on(.GET, "comites", "rencontres", ":id", access: .public, use: show)
        routes.on(.POST, "comites", "rencontres", ":id", access: .public, use: register(_:))
        routes.on(.GET, "comites", "inscriptions", ":token", access: .public, use: cancelPage)
        routes.on(.POST, "comites", "inscriptions", ":token", access: .public, use: cancel)
        routes.on(.GET, "comites", "calendriers", ":file", access: .public, use: feed)
    }

    struct Row: Encodable {
        let href: String
        let committee: String
        let when: String
        let station: String
        let full: Bool
    }

    @Sendable func list(_ request: Request) async throws -> View {
        let now = request.store.now
        let committees = try await request.store.committees.committees()
        let found = try await request.store.committeeMeetings.meetings(
            committees: nil, in: DateInterval(start: now, duration: 366 * 86_400))
        let stations = try await request.store.committees.stations()
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        let open = found.map(\.meeting).filter { RegistrationRules.takesRegistrations($0, now: now) }
        let counts = try await request.store.committeeMeetings.counts(open.map(\.id))
        let rows = open.map { meeting in
            Row(
                href: Self.path(meeting.id),
                committee: committees.first { $0.id == meeting.committeeID }?.name(request.language) ?? "",
                when: format.string(from: meeting.meeting.startsAt),
                station: stations.first { $0.number == meeting.station }.map { "\($0.name), \($0.address)" } ?? "",
                full: (counts[meeting.id]?.registered ?? 0) >= meeting.capacity)
        }
        struct Content: Encodable {
            let rows: [Row]
            let hasRows: Bool
            let reports: [Choice]
            let hasReports: Bool
        }
        let years = Set(try await request.store.committeeWork.published().map(\.year)).sorted(by: >)
        return try await request.renderPage(
            "committees/public-meetings", title: request.t("committees.public.title"),
            content: Content(
                rows: rows, hasRows: !rows.isEmpty,
                reports: years.map {
                    Choice(value: AnnualReportPagesController.path($0), label: String($0), checked: false)
                }, hasReports: !years.isEmpty))
    }

    struct Form: Content {
        var name: String?
        var email: String?
        var organisation: String?
        /// Left empty by people; filled by robots.
        var website: String?
    }

    struct Screen: Encodable {
        let id: String
        let committee: String
        let mandate: String
        let when: String
        let length: String
        let station: String
        let address: String
        let mapHref: String
        let agenda: [CommitteeMeetingsPagesController.Screen.Row]
        let cancelled: Bool
        let open: Bool
        let seatsLeft: String
        let full: Bool
        let waiting: Int
        let form: Form
        let errors: [String: String]
        let hasErrors: Bool
        let refusal: String?
        let feed: String
        let fictional: Bool
    }

    /// The meeting if it has a public page (an open meeting, cancelled or not).
    private func openMeeting(_ request: Request) async throws -> (CommitteeMeeting, Committee) {
        guard let id: Meeting.ID = try? ESUPPages.id(request),
            let found = try await request.store.committeeMeetings.meeting(id), found.meeting.isOpen,
            let committee = try await request.store.committees.committee(found.meeting.committeeID)
        else { throw Abort(.notFound) }
        return (found.meeting, committee)
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, form: Form(), errors: [:], refusal: nil)
    }

    private func render(_ request: Request, form: Form, errors: [String: String], refusal: String?) async throws -> View
    {
        let (meeting, committee) = try await openMeeting(request)
        let language = request.language
        let station = try await request.store.committees.stations().first { $0.number == meeting.station }
        let counts = try await request.store.committeeMeetings.counts(meeting.id)
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: request.relais.config.timeZone)
        let screen = Screen(
            id: meeting.id.description, committee: committee.name(language), mandate: committee.mandate(language),
            when: format.string(from: meeting.meeting.startsAt),
            length: request.t(
                "committees.public.length",
                String(Int(meeting.meeting.endsAt.timeIntervalSince(meeting.meeting.startsAt) / 60))),
            station: station?.name ?? meeting.station, address: station?.address ?? "",
            mapHref: station.map { "geo:\($0.latitude),\($0.longitude)" } ?? "",
            agenda: meeting.agenda.map { .init(label: request.t($0.theme.labelKey), text: $0.text) },
            cancelled: meeting.meeting.cancelledAt != nil,
            open: RegistrationRules.takesRegistrations(meeting, now: request.store.now),
            seatsLeft: request.t("committees.public.seats_left", String(max(0, meeting.capacity - counts.registered))),
            full: counts.registered >= meeting.capacity,
            waiting: counts.waiting, form: form, errors: errors, hasErrors: !errors.isEmpty || refusal != nil,
            refusal: refusal, feed: Self.feedPath(committee), fictional: request.relais.demo)
        return try await request.renderPage(
            "committees/public-meeting", title: committee.name(language), content: screen)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (meeting, committee) = try await openMeeting(request)
        var outcome: RegistrationStatus = .registered
        let response = try await PageStep.run(
            request, back: Self.path(meeting.id), notice: "committees.registered",
            render: { try await render(request, form: form, errors: $0, refusal: $1) }
        ) {
            guard RegistrationRules.takesRegistrations(meeting, now: request.store.now) else {
                throw MeetingRefusal.notTakingRegistrations
            }
            let registrant = try RegistrationRules.registrant(
                name: form.name, email: form.email, organisation: form.organisation)
            // A robot filled the hidden field: answer as if registered, keep nothing.
            guard (form.website ?? "").isEmpty else { return }
            let gate = request.relais.partnership.registrations
            let key = "\(meeting.id) address:" + request.clientAddress
            let now = request.store.now
            guard
                gate.recent(key, window: RegistrationRules.addressWindow, now: now).count
                    < RegistrationRules.addressLimit
            else { throw MeetingRefusal.tooMany }
            guard try await !request.store.committeeMeetings.isRegistered(registrant.email, to: meeting.id) else {
                throw MeetingRefusal.alreadyRegistered
            }
            let token = Self.token()
            let store = request.store
            let services = request.relais
            let station = try await store.committees.stations().first { $0.number == meeting.station }
            let registration = try await store.committeeMeetings.register(
                registrant, to: meeting, language: request.language, token: token)
            outcome = registration.status
            gate.record(key, window: RegistrationRules.addressWindow, now: now)
            let mail = CommitteeMail(services).registered(
                registration, meeting: meeting, committee: committee, station: station, token: token)
            try await store.transaction { tx in
                _ = try await tx.outbox.enqueue(mail, purpose: "committee_registration")
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .meetingRegistrationReceived, resourceType: .committeeMeeting,
                        resourceID: meeting.id.description, purpose: registration.status.rawValue,
                        requestID: request.requestID))
            }
        }
        guard response.status == .seeOther || response.status == .found else { return response }
        return request.redirect(
            to: Self.path(meeting.id) + "?avis=committees.\(outcome == .waiting ? "waiting" : "registered")",
            redirectType: .normal)
    }

    /// A secret of 128 random bits for the cancellation link.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    struct CancelScreen: Encodable {
        let token: String
        let committee: String
        let when: String
        let cancelled: Bool
    }

    @Sendable func cancelPage(_ request: Request) async throws -> View {
        let token = request.parameters.get("token") ?? ""
        guard token.count == 32, let found = try await request.store.committeeMeetings.registration(token: token),
            let meeting = try await request.store.committeeMeetings.meeting(found.meeting)?.meeting,
            let committee = try await request.store.committees.committee(meeting.committeeID)
        else { throw Abort(.notFound) }
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        return try await request.renderPage(
            "committees/registration-cancel", title: request.t("committees.public.cancel_title"),
            content: CancelScreen(
                token: token, committee: committee.name(request.language),
                when: format.string(from: meeting.meeting.startsAt), cancelled: found.status == .cancelled))
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        guard token.count == 32, let found = try await request.store.committeeMeetings.registration(token: token),
            let meeting = try await request.store.committeeMeetings.meeting(found.meeting)?.meeting,
            let committee = try await request.store.committees.committee(meeting.committeeID)
        else { throw Abort(.notFound) }
        let store = request.store
        if let moved = try await store.committeeMeetings.cancel(token: token, capacity: meeting.capacity) {
            let station = try await store.committees.stations().first { $0.number == meeting.station }
            let mail = CommitteeMail(request.relais)
            let requestID = request.requestID
            try await store.transaction { tx in
                for registration in moved {
                    _ = try await tx.outbox.enqueue(
                        mail.promoted(registration, meeting: meeting, committee: committee, station: station),
                        purpose: "committee_registration")
                }
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .meetingRegistrationCancelled, resourceType: .committeeMeeting,
                        resourceID: meeting.id.description, purpose: "moved_up_\(moved.count)", requestID: requestID))
            }
        }
        return request.redirect(
            to: Self.cancelPath(token) + "?avis=committees.registration_cancelled", redirectType: .normal)
    }

    /// `GET /comites/calendriers/<code>.ics`: a committee's open meetings (those with a public page), past month and
    /// coming year, cancellations kept. Its members' own meetings reach them by invitation, not by a public feed.
    @Sendable func feed(_ request: Request) async throws -> Response {
        guard let file = request.parameters.get("file"), file.hasSuffix(".ics"),
            let committee = try await request.store.committees.committee(code: String(file.dropLast(4)))
        else { throw Abort(.notFound) }
        let now = request.store.now
        let meetings = try await request.store.committeeMeetings.meetings(
            committees: [committee.id],
            in: DateInterval(start: now.addingTimeInterval(-31 * 86_400), duration: 400 * 86_400))
        let stations = try await request.store.committees.stations()
        let host = request.relais.config.publicURL.host ?? "relais"
        let name = committee.name(request.language)
        let composer = CommitteeMail(request.relais).composer
        let body = ICalendar(name: name, timeZone: request.relais.config.timeZone).document(
            meetings.filter(\.meeting.isOpen).map { found in
                let meeting = found.meeting
                return ICalendar.Event(
                    uid: "\(meeting.id)@\(host)", sequence: meeting.meeting.sequence, start: meeting.meeting.startsAt,
                    end: meeting.meeting.endsAt, summary: name,
                    location: stations.first { $0.number == meeting.station }.map { "\($0.name), \($0.address)" },
                    description: composer.link(Self.path(meeting.id)),
                    cancelled: meeting.meeting.cancelledAt != nil)
            }, now: now)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
