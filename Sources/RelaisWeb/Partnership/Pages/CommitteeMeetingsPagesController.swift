import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A committee's meetings: planning one in a station (`/comites/<code>/reunions`), and its page
/// (`/comites/reunions/<id>`): when, where, the agenda, invitations (sent, updated, cancelled through the outbox),
/// registrations, the minutes with attendance and discussion by theme, the concerns raised and the actions decided.
struct CommitteeMeetingsPagesController {
    static func path(_ id: Meeting.ID) -> String { "/comites/reunions/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .committee))
        let keep = RouteAccess.permission(Permission(.update, .committee))
        routes.on(.GET, "comites", ":code", "reunions", access: keep, use: new)
        routes.on(.POST, "comites", ":code", "reunions", access: keep, use: plan)
        routes.on(.GET, "comites", "reunions", ":id", access: read, use: show)
        routes.on(.POST, "comites", "reunions", ":id", "invitations", access: keep, use: invite)
        routes.on(.POST, "comites", "reunions", ":id", "horaire", access: keep, use: reschedule)
        routes.on(.POST, "comites", "reunions", ":id", "annulation", access: keep, use: cancel)
        routes.on(.POST, "comites", "reunions", ":id", "compte-rendu", access: keep, use: minutes)
        routes.on(.POST, "comites", "reunions", ":id", "preoccupations", access: keep, use: concern)
        routes.on(.POST, "comites", "reunions", ":id", "actions", access: keep, use: action)
        routes.on(.POST, "comites", "actions", ":id", "etat", access: keep, use: step)
    }

    struct PlanForm: Content {
        var day: String?
        var start: String?
        var minutes: String?
        var station: String?
        var purpose: String?
        var open: String?
        var capacity: String?
        var security: String?
        var perception: String?
        var relations: String?
        var solutions: String?

        var agenda: [CommitteeTheme: String] {
            [
                .security: security ?? "", .perception: perception ?? "", .relations: relations ?? "",
                .solutions: solutions ?? "",
            ]
        }
    }

    struct NewScreen: Encodable {
        let code: String
        let name: String
        let form: PlanForm
        let stations: [Choice]
        let purposes: [Choice]
        let strategic: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let refusal: String?
        let themes: [Choice]
    }

    @Sendable func new(_ request: Request) async throws -> View {
        try await renderNew(
            request, form: PlanForm(minutes: "120", open: "on", capacity: "40"), errors: [:], refusal: nil)
    }

    private func renderNew(_ request: Request, form: PlanForm, errors: [String: String], refusal: String?) async throws
        -> View
    {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        let stations = try await request.store.committees.stations()
        let own = stations.filter { committee.stations.contains($0.number) }
        let listed = own + stations.filter { !committee.stations.contains($0.number) }
        let chosen = form.station ?? own.first?.number
        return try await request.renderPage(
            "committees/meeting-new", title: request.t("committees.plan.title"),
            content: NewScreen(
                code: committee.code, name: committee.name(request.language), form: form,
                stations: listed.map {
                    Choice(value: $0.number, label: "\($0.name) — \($0.address)", checked: $0.number == chosen)
                },
                purposes: MeetingPurpose.allCases.map {
                    Choice(
                        value: $0.rawValue, label: request.t($0.labelKey),
                        checked: (form.purpose ?? "regular") == $0.rawValue)
                }, strategic: committee.kind == .strategic, errors: errors,
                hasErrors: !errors.isEmpty || refusal != nil,
                refusal: refusal,
                themes: CommitteeTheme.allCases.map {
                    Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: false)
                }))
    }

    @Sendable func plan(_ request: Request) async throws -> Response {
        let form = try request.content.decode(PlanForm.self)
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        let stations = try await request.store.committees.stations()
        var planned: CommitteeMeeting?
        let response = try await PageStep.run(
            request, back: CommitteesPagesController.path(committee), notice: "committees.planned",
            render: { try await renderNew(request, form: form, errors: $0, refusal: $1) }
        ) {
            let plan = try MeetingPlanRules.plan(
                day: form.day, start: form.start, minutes: form.minutes, station: form.station, stations: stations,
                purpose: form.purpose, committee: committee.kind, agenda: form.agenda, isOpen: form.open == "on",
                capacity: form.capacity, today: desk.today, timeZone: desk.timeZone)
            planned = try await desk.plan(plan, for: committee)
        }
        guard let planned else { return response }
        return request.redirect(to: Self.path(planned.id) + "?avis=committees.planned", redirectType: .normal)
    }

    struct RegistrationRow: Encodable {
        let name: String
        let email: String
        let organisation: String
        let statusKey: String
    }

    struct MemberChoice: Encodable {
        let id: String
        let name: String
        let present: Bool
    }

    struct ConcernRow: Encodable {
        let id: String
        let themeKey: String
        let communityKey: String
        let borough: String
        let summary: String
    }

    struct Screen: Encodable {
        let id: String
        let committee: String
        let committeeHref: String
        let when: String
        let day: String
        let start: String
        let length: String
        let station: String
        let purposeKey: String
        let agenda: [Row]
        let cancelled: Bool
        let held: Bool
        let past: Bool
        let coordinator: Bool
        let isOpen: Bool
        let publicHref: String
        let registrationsText: String
        let invited: Bool
        let mayInvite: Bool
        let mayRecord: Bool
        let mayFollowUp: Bool
        let registrations: [RegistrationRow]
        let hasRegistrations: Bool
        let members: [MemberChoice]
        let minutes: MinutesView?
        let concerns: [ConcernRow]
        let hasConcerns: Bool
        let actions: [ActionRow]
        let hasActions: Bool
        let themes: [Choice]
        let communities: [Choice]
        let boroughs: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let refusal: String?
        let values: [String: String]

        struct Row: Encodable {
            let label: String
            let text: String
        }
    }

    struct MinutesView: Encodable {
        let attendance: String
        let organisations: [String]
        let hasOrganisations: Bool
        let discussion: [Screen.Row]
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil, values: [:])
    }

    private func render(_ request: Request, errors: [String: String], refusal: String?, values: [String: String])
        async throws -> View
    {
        let desk = CommitteeDesk(context: try request.deskContext())
        let id: Meeting.ID = try ESUPPages.id(request)
        let (meeting, minutes, committee) = try await desk.meeting(id)
        let coordinator = desk.coordinates(committee)
        let store = request.store
        let language = request.language
        let stations = try await store.committees.stations()
        let station = stations.first { $0.number == meeting.station }
        let counts = try await store.committeeMeetings.counts(id)
        let registrations =
            coordinator && meeting.isOpen
            ? try await store.committeeMeetings.registrations(
                id, by: desk.context.reader(for: .meetingRegistrations)) : []
        let day = Evening.day(of: meeting.meeting.startsAt, timeZone: desk.timeZone)
        let mandates = try await store.committees.mandates(committees: [committee.id]).filter { $0.isActive(on: day) }
        let memberIDs = Array(Set(mandates.map(\.memberID)))
        let members = coordinator ? try await desk.members(of: committee, ids: memberIDs) : []
        let concerns = try await store.committeeWork.concerns(committees: [committee.id], since: "0000-01-01")
            .filter { $0.meetingID == id }
        let actions = try await store.committeeWork.actions(committees: [committee.id], doneSince: day)
        let boroughs = try await store.territories.all(level: .borough)
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = desk.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: meeting.meeting.startsAt)
        let screen = Screen(
            id: id.description, committee: committee.name(language),
            committeeHref: CommitteesPagesController.path(committee),
            when: format.string(from: meeting.meeting.startsAt),
            day: day, start: String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0),
            length: String(Int(meeting.meeting.endsAt.timeIntervalSince(meeting.meeting.startsAt) / 60)),
            station: station.map { "\($0.name) — \($0.address)" } ?? meeting.station,
            purposeKey: meeting.purpose.labelKey,
            agenda: meeting.agenda.map { Screen.Row(label: request.t($0.theme.labelKey), text: $0.text) },
            cancelled: meeting.meeting.cancelledAt != nil, held: meeting.meeting.closedAt != nil,
            past: meeting.meeting.startsAt <= store.now, coordinator: coordinator, isOpen: meeting.isOpen,
            publicHref: PublicMeetingPagesController.path(id),
            registrationsText: request.t(
                "committees.meeting.registrations", String(counts.registered), String(meeting.capacity),
                String(counts.waiting)), invited: meeting.invitedSequence != nil,
            mayInvite: coordinator && meeting.meeting.cancelledAt == nil && meeting.meeting.closedAt == nil,
            mayRecord: coordinator && minutes == nil && meeting.meeting.cancelledAt == nil
                && meeting.meeting.startsAt <= store.now,
            mayFollowUp: coordinator && meeting.meeting.cancelledAt == nil,
            registrations: registrations.filter { $0.status != .cancelled }.map {
                RegistrationRow(
                    name: $0.registrant.name, email: $0.registrant.email, organisation: $0.registrant.organisation,
                    statusKey: $0.status.labelKey)
            }, hasRegistrations: registrations.contains { $0.status != .cancelled },
            members: members.sorted { $0.identity.name < $1.identity.name }.map {
                MemberChoice(
                    id: $0.id.description, name: $0.identity.name,
                    present: minutes?.membersPresent.contains($0.id) ?? false)
            },
            minutes: minutes.map {
                MinutesView(
                    attendance: request.t(
                        "committees.minutes.attendance", String($0.membersPresent.count), String($0.residents)),
                    organisations: $0.organisationsPresent, hasOrganisations: !$0.organisationsPresent.isEmpty,
                    discussion: $0.discussion.map { Screen.Row(label: request.t($0.theme.labelKey), text: $0.text) })
            },
            concerns: concerns.map {
                ConcernRow(
                    id: $0.id.description, themeKey: $0.theme.labelKey, communityKey: $0.community.labelKey,
                    borough: $0.borough.flatMap { code in boroughs.first { $0.code == code }?.name } ?? "",
                    summary: $0.summary)
            }, hasConcerns: !concerns.isEmpty,
            actions: FollowUpPageController.rows(actions, committees: [committee], request: request, today: desk.today),
            hasActions: !actions.isEmpty,
            themes: CommitteeTheme.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: values["theme"] == $0.rawValue)
            },
            communities: Community.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t($0.labelKey),
                    checked: (values["community"] ?? committee.community?.rawValue) == $0.rawValue)
            },
            boroughs: boroughs.map { Choice(value: $0.code, label: $0.name, checked: values["borough"] == $0.code) },
            errors: errors, hasErrors: !errors.isEmpty || refusal != nil, refusal: refusal, values: values)
        return try await request.renderPage("committees/meeting", title: committee.name(language), content: screen)
    }

    func step(
        _ request: Request, notice: String, values: [String: String] = [:],
        _ action: @escaping (CommitteeDesk, Meeting.ID) async throws -> Void
    ) async throws -> Response {
        let desk = CommitteeDesk(context: try request.deskContext())
        let id: Meeting.ID = try ESUPPages.id(request)
        return try await PageStep.run(
            request, back: Self.path(id), notice: notice,
            render: { try await render(request, errors: $0, refusal: $1, values: values) }
        ) { try await action(desk, id) }
    }

    struct InviteForm: Content {
        var invitees: String?
    }

    @Sendable func invite(_ request: Request) async throws -> Response {
        let form = try request.content.decode(InviteForm.self)
        return try await step(request, notice: "committees.invited", values: ["invitees": form.invitees ?? ""]) {
            desk, id in
            let invitees = try InvitationRules.invitees(form.invitees)
            _ = try await desk.invite(id, invitees: invitees)
        }
    }

    struct TimeForm: Content {
        var day: String?
        var start: String?
        var minutes: String?
    }

    @Sendable func reschedule(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TimeForm.self)
        return try await step(request, notice: "committees.rescheduled") { desk, id in
            let (meeting, _, committee) = try await desk.meeting(id, .update)
            let stations = try await request.store.committees.stations()
            let plan = try MeetingPlanRules.plan(
                day: form.day, start: form.start, minutes: form.minutes, station: meeting.station, stations: stations,
                purpose: meeting.purpose.rawValue, committee: committee.kind,
                agenda: Dictionary(meeting.agenda.map { ($0.theme, $0.text) }) { $1 }, isOpen: false, capacity: nil,
                today: desk.today, timeZone: desk.timeZone)
            try await desk.reschedule(id, to: plan.interval)
        }
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        try await step(request, notice: "committees.cancelled") { desk, id in try await desk.cancel(id) }
    }
}
