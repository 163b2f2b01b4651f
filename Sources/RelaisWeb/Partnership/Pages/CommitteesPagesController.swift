import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/comites`: the committees the actor sees, each with what needs attention (too few meetings this year, terms
/// ending, vacancies, delegates not named); a committee's page (`/comites/<code>`): its mandate, themes and
/// stations, its members and terms (names for coordinators only, an audited read), who may renew, whose term ends
/// within 90 days, the renewal plan, the year's meetings, and the forms that add a member and renew or end a term.
struct CommitteesPagesController {
    static let path = "/comites"

    static func path(_ committee: Committee) -> String { "/comites/\(committee.code)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .committee))
        let keep = RouteAccess.permission(Permission(.update, .committeeMember))
        routes.on(.GET, "comites", access: read, use: list)
        routes.on(.GET, "comites", ":code", access: read, use: show)
        routes.on(.POST, "comites", ":code", "membres", access: keep, use: appoint)
        routes.on(.POST, "comites", ":code", "mandats", ":id", "renouvellement", access: keep, use: renew)
        routes.on(.POST, "comites", ":code", "mandats", ":id", "fin", access: keep, use: end)
    }

    struct CommitteeRow: Encodable {
        let href: String
        let name: String
        let kindKey: String
        let meetings: String
        let flags: [String]
        let hasFlags: Bool
    }

    @Sendable func list(_ request: Request) async throws -> View {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committees = try await desk.committees()
        let year = CivilDay.year(desk.today)
        let yearInterval = DateInterval.calendarYear(year, timeZone: desk.timeZone)
        let meetings = try await request.store.committeeMeetings.meetings(
            committees: committees.map(\.id), in: yearInterval)
        let mandates = try await request.store.committees.mandates(committees: committees.map(\.id))
        let pairs = try await request.store.committeeWork.pairs(year: year)
        let missing = Set(DelegateRules.missing(committees, pairs: pairs, year: year).map(\.id))
        let rows = committees.map { committee in
            let check = Self.frequency(committee, meetings.map(\.meeting))
            let standing = MandateRules.standing(of: committee, mandates: mandates, today: desk.today)
            var flags: [String] = []
            if check.tooFew {
                flags.append(request.t("committees.flag.too_few", String(committee.kind.frequency.minimum)))
            }
            if check.jointMissing > 0 { flags.append(request.t("committees.flag.joint", String(check.jointMissing))) }
            if !standing.endingSoon.isEmpty {
                flags.append(request.t("committees.flag.ending", String(standing.endingSoon.count)))
            }
            if standing.vacancies > 0 {
                flags.append(request.t("committees.flag.vacancies", String(standing.vacancies)))
            }
            if missing.contains(committee.id) { flags.append(request.t("committees.flag.delegates")) }
            return CommitteeRow(
                href: Self.path(committee), name: committee.name(request.language), kindKey: committee.kind.labelKey,
                meetings: request.t("committees.meetings_count", String(check.held + check.planned), String(year)),
                flags: flags, hasFlags: !flags.isEmpty)
        }
        struct Content: Encodable {
            let rows: [CommitteeRow]
            let coordinator: Bool
        }
        return try await request.renderPage(
            "committees/list", title: request.t("committees.title"),
            content: Content(rows: rows, coordinator: !desk.coordinated.isEmpty))
    }

    /// A committee's year against its frequency rules (meetings held: closed or past; planned: to come).
    static func frequency(_ committee: Committee, _ meetings: [CommitteeMeeting]) -> FrequencyCheck {
        let kept = meetings.filter { $0.committeeID == committee.id && $0.meeting.cancelledAt == nil }
        let held = kept.filter { $0.meeting.closedAt != nil }.count
        return committee.kind.frequency.check(
            held: held, planned: kept.count - held, joint: kept.filter { $0.purpose != .regular }.count)
    }

    struct MemberRow: Encodable {
        let mandateID: String
        let name: String
        let email: String
        let phone: String
        let origin: String
        let sideKey: String
        let positionKey: String
        let term: String
        let renewable: Bool
        let endingSoon: Bool
    }

    struct PlanRow: Encodable {
        let year: Int
        let ending: Int
        let mustLeave: Int
        let atRisk: Bool
    }

    struct MeetingRow: Encodable {
        let href: String
        let when: String
        let station: String
        let purposeKey: String
        let cancelled: Bool
        let held: Bool
    }

    struct Screen: Encodable {
        let code: String
        let name: String
        let kindKey: String
        let mandate: String
        let themes: [String]
        let region: String
        let stations: [String]
        let coordinator: Bool
        let termRule: String
        let frequencyRule: String
        let frequency: String
        let tooFew: Bool
        let members: [MemberRow]
        let hasMembers: Bool
        let vacancies: String
        let plan: [PlanRow]
        let meetings: [MeetingRow]
        let hasMeetings: Bool
        let actions: [ActionRow]
        let hasActions: Bool
        let form: MemberForm
        let errors: [String: String]
        let hasErrors: Bool
        let refusal: String?
        let positions: [Choice]
        let sides: [Choice]
        let feed: String
    }

    struct MemberForm: Content {
        var name: String?
        var email: String?
        var phone: String?
        var origin: String?
        var side: String?
        var position: String?
        var start: String?
        var language: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(
            request, form: MemberForm(position: CommitteePosition.member.rawValue), errors: [:], refusal: nil)
    }

    func render(_ request: Request, form: MemberForm, errors: [String: String], refusal: String?) async throws -> View {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "")
        let coordinator = desk.coordinates(committee)
        let store = request.store
        let mandates = try await store.committees.mandates(committees: [committee.id])
        let standing = MandateRules.standing(of: committee, mandates: mandates, today: desk.today)
        let ids = Array(Set(standing.active.map(\.memberID)))
        let members =
            coordinator
            ? try await desk.members(of: committee, ids: ids) : try await store.committees.memberSummaries(ids)
        let soon = Set(standing.endingSoon.map(\.id))
        let language = request.language
        let rows = standing.active.compactMap { mandate -> MemberRow? in
            guard let member = members.first(where: { $0.id == mandate.memberID }) else { return nil }
            return MemberRow(
                mandateID: mandate.id.description,
                name: coordinator ? member.identity.name : request.t("committees.member_withheld"),
                email: member.identity.email, phone: member.identity.phone, origin: member.origin,
                sideKey: member.side.labelKey, positionKey: mandate.position.labelKey,
                term: request.t("committees.term", String(mandate.number), mandate.startsOn, mandate.lastDay),
                renewable: standing.renewable.contains(mandate.id), endingSoon: soon.contains(mandate.id))
        }
        let year = CivilDay.year(desk.today)
        let meetings = try await store.committeeMeetings.meetings(
            committees: [committee.id], in: DateInterval.calendarYear(year, timeZone: desk.timeZone)
        ).map(\.meeting)
        let stations = try await store.committees.stations()
        let check = Self.frequency(committee, meetings)
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let terms = committee.kind.terms
        let actions = try await store.committeeWork.actions(committees: [committee.id], doneSince: "\(year)-01-01")
        let screen = Screen(
            code: committee.code, name: committee.name(language), kindKey: committee.kind.labelKey,
            mandate: committee.mandate(language), themes: committee.themes.map { request.t($0.labelKey) },
            region: committee.region,
            stations: committee.stations.map { number in
                stations.first { $0.number == number }.map { "\($0.name) — \($0.address)" } ?? number
            },
            coordinator: coordinator,
            termRule: terms.maximumTerms == 2
                ? request.t("committees.rule.renewable_once", String(terms.years))
                : request.t("committees.rule.renewable", String(terms.years)),
            frequencyRule: request.t("committees.rule.frequency", String(committee.kind.frequency.minimum)),
            frequency: request.t(
                "committees.frequency", String(check.held), String(check.planned), String(year)),
            tooFew: check.tooFew, members: rows, hasMembers: !rows.isEmpty,
            vacancies: request.t("committees.vacancies", String(standing.vacancies)),
            plan: standing.plan.map {
                PlanRow(year: $0.year, ending: $0.ending, mustLeave: $0.mustLeave, atRisk: $0.atRisk)
            },
            meetings: meetings.map {
                MeetingRow(
                    href: CommitteeMeetingsPagesController.path($0.id), when: format.string(from: $0.meeting.startsAt),
                    station: Self.stationName($0.station, stations),
                    purposeKey: $0.purpose.labelKey, cancelled: $0.meeting.cancelledAt != nil,
                    held: $0.meeting.closedAt != nil)
            }, hasMeetings: !meetings.isEmpty,
            actions: FollowUpPageController.rows(actions, committees: [committee], request: request, today: desk.today),
            hasActions: !actions.isEmpty,
            form: form, errors: errors, hasErrors: !errors.isEmpty || refusal != nil, refusal: refusal,
            positions: CommitteePosition.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: form.position == $0.rawValue)
            },
            sides: MemberSide.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t($0.labelKey), checked: (form.side ?? "civilian") == $0.rawValue
                )
            }, feed: PublicMeetingPagesController.feedPath(committee))
        return try await request.renderPage("committees/committee", title: committee.name(language), content: screen)
    }

    static func stationName(_ number: String, _ stations: [Station]) -> String {
        stations.first { $0.number == number }?.name ?? number
    }

    @Sendable func appoint(_ request: Request) async throws -> Response {
        let form = try request.content.decode(MemberForm.self)
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        return try await PageStep.run(
            request, back: Self.path(committee), notice: "committees.member_added",
            render: { try await render(request, form: form, errors: $0, refusal: $1) }
        ) {
            let fields = try MemberRules.read(
                name: form.name, email: form.email, phone: form.phone, origin: form.origin, side: form.side,
                position: form.position, start: form.start, language: form.language, today: desk.today)
            try await desk.appoint(
                to: committee, identity: fields.identity, origin: fields.origin, side: fields.side,
                language: fields.language, position: fields.position, startsOn: fields.startsOn)
        }
    }

    @Sendable func renew(_ request: Request) async throws -> Response {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        let id: Mandate.ID = try ESUPPages.id(request)
        return try await PageStep.run(
            request, back: Self.path(committee), notice: "committees.renewed",
            render: { try await render(request, form: MemberForm(), errors: $0, refusal: $1) }
        ) { try await desk.renew(id, of: committee) }
    }

    @Sendable func end(_ request: Request) async throws -> Response {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        let id: Mandate.ID = try ESUPPages.id(request)
        try await desk.end(id, of: committee)
        return request.redirect(to: Self.path(committee) + "?avis=committees.ended", redirectType: .normal)
    }
}
