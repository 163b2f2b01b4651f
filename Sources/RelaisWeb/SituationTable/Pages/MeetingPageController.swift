import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/table/reunions/{id}`: the chair runs the meeting from this one screen — attendance, then each situation on the
/// agenda: the votes, the decision, the reveal, the lead and assisting agencies, the reports back and the
/// conclusions — and a representative follows it on a laptop or phone and votes for their agency.
struct MeetingPageController {
    static func path(_ id: Meeting.ID) -> String { "/table/reunions/\(id)" }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "table", "reunions", ":id", access: .permission(Permission(.read, .tableMeeting)), use: show)
        routes.on(
            .POST, "table", "reunions", ":id", "presences", access: .permission(Permission(.update, .tableMeeting)),
            use: attendance)
        routes.on(
            .POST, "table", "reunions", ":id", "cloture", access: .permission(Permission(.update, .tableMeeting)),
            use: close)
        routes.on(
            .POST, "table", "reunions", ":id", "annulation", access: .permission(Permission(.update, .tableMeeting)),
            use: cancel)
        routes.on(
            .POST, "table", "reunions", access: .permission(Permission(.create, .tableMeeting)), use: emergency)
    }

    struct AgencyRow: Encodable {
        let id: String
        let name: String
        let sector: String
        let present: Bool
        let signed: Bool
    }

    struct Option: Encodable {
        let value: String
        let label: String
    }

    struct Item: Encodable {
        let situation: SituationContent
        let mayVote: Bool
        let ownVote: String?
        let waitingFor: [String]
        let mayDecide: Bool
        let mayReveal: Bool
        let mayName: Bool
        let mayConclude: Bool
        let reportingBack: Bool
        let refusalKey: String?
        let errors: [String: String]
    }

    struct ShowContent: Encodable {
        let id: String
        let when: String
        let location: String
        let kindLabel: String
        let open: Bool
        /// Whether the chair may still cancel it: open, and nothing on its agenda.
        let mayCancel: Bool
        let cancelled: Bool
        let isChair: Bool
        let agencies: [AgencyRow]
        let presentCount: Int
        let ownAgency: String?
        let items: [Item]
        let leadOptions: [Option]
        let reasons: [Option]
        let conclusions: [Option]
        let today: String
        let path: String
        /// Why a step on the meeting itself (attendance, cancellation, closing) was refused.
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        guard let id = request.parameters.get("id").flatMap(Meeting.ID.init) else { throw Abort(.notFound) }
        return try await render(request, meetingID: id, refusal: nil, errors: [:], situationID: nil)
    }

    func render(
        _ request: Request, meetingID: Meeting.ID, refusal: String?, errors: [String: String],
        situationID: Situation.ID?
    ) async throws -> View {
        let store = request.store
        guard let meeting = try await store.meetings.meeting(meetingID), meeting.series == TableSettings.series else {
            throw Abort(.notFound)
        }
        let desk = TableDesk(context: try request.deskContext())
        let language = request.language
        let catalogue = request.relais.catalogue
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let zone = request.relais.config.timeZone
        let now = store.now
        let agencies = try await store.tableAgencies.byOrganisation()
        let present = try await store.meetings.attendance(meetingID)
        let own = desk.ownAgency(among: agencies)
        let isChair = AccessPolicy.decide(desk.actor, Permission(.update, .tableAgenda)).isAllowed
        let taxonomy = try await store.riskTaxonomies.current()
        var items: [Item] = []
        // Read once for the whole agenda: the votes, the attendance (above) and a date formatter.
        let agenda = try await store.situations.agenda(meetingID)
        let allVotes = try await store.situations.votes(for: agenda.map(\.id))
        let day = DateFormatter.day(in: zone)
        for situation in agenda {
            let decidedHere = situation.meetingID == meetingID
            guard
                let content = try await SituationContent.make(
                    situation, desk: desk, agencies: agencies, language: language, catalogue: catalogue,
                    taxonomy: taxonomy, present: decidedHere ? present : nil, votes: allVotes[situation.id] ?? [:],
                    days: day)
            else { continue }
            let votes = decidedHere && situation.stage == .onAgenda ? allVotes[situation.id] ?? [:] : [:]
            let ownVote = own.flatMap { votes[$0.organisationID] }.map { $0 ? t("table.vote.yes") : t("table.vote.no") }
            let mine = situation.id == situationID
            items.append(
                Item(
                    situation: content,
                    mayVote: meeting.isOpen(at: now) && situation.stage == .onAgenda && decidedHere
                        && own.map { present.contains($0.organisationID) && votes[$0.organisationID] == nil } == true,
                    ownVote: ownVote,
                    waitingFor: situation.stage == .onAgenda
                        ? present.filter { votes[$0] == nil }.compactMap { agencies[$0]?.name }.sorted() : [],
                    mayDecide: isChair && situation.stage == .onAgenda && decidedHere,
                    mayReveal: isChair && situation.stage == .accepted && situation.revealedAt == nil,
                    mayName: isChair && situation.stage == .accepted,
                    mayConclude: isChair && situation.stage == .intervening,
                    reportingBack: situation.reportBackMeetingID == meetingID,
                    refusalKey: mine ? refusal : nil, errors: mine ? errors : [:]))
        }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: zone)
        let rows = agencies.values.sorted { $0.name < $1.name }.map {
            AgencyRow(
                id: $0.organisationID.description, name: $0.name, sector: t($0.sector.labelKey),
                present: present.contains($0.organisationID), signed: $0.signedAgreement(by: now))
        }
        let content = ShowContent(
            id: meetingID.description, when: format.string(from: meeting.startsAt), location: meeting.location ?? "",
            kindLabel: t(meeting.kind.labelKey), open: meeting.isOpen(at: now),
            mayCancel: isChair && meeting.isOpen(at: now) && items.isEmpty, cancelled: meeting.cancelledAt != nil,
            isChair: isChair, agencies: rows, presentCount: present.count, ownAgency: own?.name, items: items,
            leadOptions: rows.filter { $0.present && $0.signed }.map { Option(value: $0.id, label: $0.name) },
            reasons: RejectionReason.allCases.map { Option(value: $0.rawValue, label: t($0.labelKey)) },
            conclusions: Conclusion.allCases.map { Option(value: $0.rawValue, label: t($0.labelKey)) },
            today: day.string(from: now), path: Self.path(meetingID), refusalKey: situationID == nil ? refusal : nil)
        return try await request.renderPage(
            "table/meeting", title: "\(t("table.meeting.title")) — \(content.when)", content: content)
    }

    struct AttendanceForm: Content {
        var present: [String]?
    }

    @Sendable func attendance(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(Meeting.ID.init) else { throw Abort(.notFound) }
        let form = try request.content.decode(AttendanceForm.self)
        return try await request.respondToForm(returningTo: Self.path(id)) { error in
            try await render(request, meetingID: id, refusal: error.messageKey, errors: [:], situationID: nil)
        } _: {
            try await TableDesk(context: try request.deskContext()).recordAttendance(
                id, present: (form.present ?? []).compactMap(Organisation.ID.init))
            return "table.attendance_recorded"
        }
    }

    @Sendable func close(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(Meeting.ID.init) else { throw Abort(.notFound) }
        return try await request.respondToForm(returningTo: Self.path(id)) { error in
            try await render(request, meetingID: id, refusal: error.messageKey, errors: [:], situationID: nil)
        } _: {
            try await TableDesk(context: try request.deskContext()).close(id)
            return "table.meeting_closed"
        }
    }

    @Sendable func cancel(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(Meeting.ID.init) else { throw Abort(.notFound) }
        return try await request.respondToForm(returningTo: Self.path(id)) { error in
            try await render(request, meetingID: id, refusal: error.messageKey, errors: [:], situationID: nil)
        } _: {
            try await TableDesk(context: try request.deskContext()).cancel(id)
            return "table.meeting_cancelled"
        }
    }

    struct EmergencyForm: Content {
        var startsAt: String?
    }

    @Sendable func emergency(_ request: Request) async throws -> Response {
        let form = try request.content.decode(EmergencyForm.self)
        let zone = request.relais.config.timeZone
        let start = form.startsAt.flatMap { DateFormatter.parseLocal($0, zone: zone) }
        do {
            let meeting = try await TableDesk(context: try request.deskContext()).callEmergencyMeeting(startsAt: start)
            return request.redirect(to: Self.path(meeting.id) + "?avis=table.meeting_called", redirectType: .normal)
        } catch let error as ValidationError {
            return try await TableHomeController().render(request, emergencyError: error.problems.first?.messageKey)
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }
}
