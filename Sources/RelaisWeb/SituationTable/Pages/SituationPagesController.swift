import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/table/situations/…`: the originating agency's form (filter 1), a situation's page as each actor may see it,
/// and every step of the four filters as a form post, each going back where it was sent from.
struct SituationPagesController {
    static let newPath = "/table/situations/nouvelle"

    static func path(_ id: Situation.ID) -> String { "/table/situations/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let create = RouteAccess.permission(Permission(.create, .situation))
        let agenda = RouteAccess.permission(Permission(.read, .tableAgenda))
        let chair = RouteAccess.permission(Permission(.update, .tableAgenda))
        routes.on(.GET, "table", "situations", "nouvelle", access: create, use: showForm)
        routes.on(.POST, "table", "situations", access: create, use: open)
        routes.on(.GET, "table", "situations", ":id", access: agenda, use: show)
        routes.on(
            .POST, "table", "situations", ":id", "inscription",
            access: .permission(Permission(.update, .situation)), use: bring)
        routes.on(
            .POST, "table", "situations", ":id", "vote", access: .permission(Permission(.create, .tableVote)), use: vote
        )
        routes.on(.POST, "table", "situations", ":id", "rapport", access: agenda, use: report)
        routes.on(.POST, "table", "situations", ":id", "decision", access: chair, use: decide)
        routes.on(.POST, "table", "situations", ":id", "revelation", access: chair, use: reveal)
        routes.on(.POST, "table", "situations", ":id", "intervenants", access: chair, use: name)
        routes.on(.POST, "table", "situations", ":id", "conclusion", access: chair, use: conclude)
    }

    // MARK: filter 1

    struct OpeningForm: Content {
        var subject: String?
        var riskFactors: [String]?
        var ageCohorts: [String]?
        var genders: [String]?
        var summary: String?
        var firstName: [String]?
        var lastName: [String]?
        var birthDate: [String]?
        var place: String?
    }

    struct Category: Encodable {
        let label: String
        let factors: [Choice]
    }

    struct PersonRow: Encodable {
        let index: Int
        /// The person's number as people read it (the first is 1).
        var number: Int { index + 1 }
        let firstName: String
        let lastName: String
        let birthDate: String

        enum CodingKeys: String, CodingKey { case index, number, firstName, lastName, birthDate }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(number, forKey: .number)
            try container.encode(firstName, forKey: .firstName)
            try container.encode(lastName, forKey: .lastName)
            try container.encode(birthDate, forKey: .birthDate)
        }
    }

    struct FormContent: Encodable {
        let agency: String
        let subjects: [Choice]
        let categories: [Category]
        let cohorts: [Choice]
        let genders: [Choice]
        let summary: String
        /// The first person concerned, then room for others (a family, a group), folded until needed.
        let people: [PersonRow]
        let others: [PersonRow]
        let othersOpen: Bool
        let place: String
        let taxonomyVersion: String
        /// Whether the list in use is Relais's default rather than one the table imported.
        let defaultTaxonomy: Bool
        let errors: [String: String]
        let hasErrors: Bool
    }

    @Sendable func showForm(_ request: Request) async throws -> View {
        try await renderForm(request, form: OpeningForm(), errors: [:])
    }

    @Sendable func open(_ request: Request) async throws -> Response {
        let form = try request.content.decode(OpeningForm.self)
        let count = max(form.firstName?.count ?? 0, form.lastName?.count ?? 0, form.birthDate?.count ?? 0)
        let people = (0..<min(count, SituationRules.maximumPeople)).map { index in
            (
                firstName: form.firstName?[safe: index], lastName: form.lastName?[safe: index],
                birthDate: form.birthDate?[safe: index]
            )
        }
        let opening = TableDesk.Opening(
            subject: form.subject, riskFactors: form.riskFactors ?? [], ageCohorts: form.ageCohorts ?? [],
            genders: form.genders ?? [], summary: form.summary, people: people, place: form.place)
        do {
            let situation = try await TableDesk(context: try request.deskContext()).open(opening)
            return request.redirect(
                to: SituationPagesController.path(situation.id) + "?avis=table.situation_opened", redirectType: .normal)
        } catch let error as ValidationError {
            // One message per kind of field: a person's names, a birth date.
            let errors = Dictionary(
                error.problems.map { problem in
                    let field =
                        problem.field.hasSuffix(".birthDate")
                        ? "birthDate" : problem.field.hasPrefix("people[") ? "people" : problem.field
                    return (field, problem.messageKey)
                }
            ) { first, _ in first }
            return try await renderForm(request, form: form, errors: errors)
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    private func renderForm(_ request: Request, form: OpeningForm, errors: [String: String]) async throws -> View {
        let store = request.store
        let desk = TableDesk(context: try request.deskContext())
        let agencies = try await store.tableAgencies.byOrganisation()
        guard let agency = desk.ownAgency(among: agencies) else { throw AccessError.forbidden }
        let taxonomy = try await store.riskTaxonomies.current()
        let language = request.language
        let catalogue = request.relais.catalogue
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let factors = Set(form.riskFactors ?? [])
        let rows = min(max(4, form.firstName?.count ?? 0), SituationRules.maximumPeople)
        let people = (0..<rows).map {
            PersonRow(
                index: $0, firstName: form.firstName?[safe: $0] ?? "", lastName: form.lastName?[safe: $0] ?? "",
                birthDate: form.birthDate?[safe: $0] ?? "")
        }
        let content = FormContent(
            agency: agency.name,
            subjects: SubjectType.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: form.subject == $0.rawValue)
            },
            categories: taxonomy.categories.map { category in
                Category(
                    label: category.label(language),
                    factors: category.factors.map {
                        Choice(value: $0.code, label: $0.label(language), checked: factors.contains($0.code))
                    })
            },
            cohorts: AgeCohort.allCases.map {
                Choice(
                    value: $0.rawValue, label: t($0.labelKey), checked: form.ageCohorts?.contains($0.rawValue) == true)
            },
            genders: Gender.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: form.genders?.contains($0.rawValue) == true)
            },
            summary: form.summary ?? "",
            people: Array(people.prefix(1)), others: Array(people.dropFirst()),
            othersOpen: people.dropFirst().contains { !($0.firstName + $0.lastName + $0.birthDate).isEmpty },
            place: form.place ?? "", taxonomyVersion: taxonomy.version,
            defaultTaxonomy: taxonomy.version == RiskTaxonomy.relaisDefault.version, errors: errors,
            hasErrors: !errors.isEmpty)
        return try await request.renderPage("table/situation-new", title: t("table.new.title"), content: content)
    }

    // MARK: a situation

    struct MeetingOption: Encodable {
        let value: String
        let label: String
    }

    struct HistoryRow: Encodable {
        let when: String
        let action: String
        let detail: String
    }

    /// The situation, as the one item the shared partial (`table/_situation`) shows.
    struct Item: Encodable {
        let situation: SituationContent
    }

    struct ShowContent: Encodable {
        let situation: SituationContent
        let items: [Item]
        let mayBring: Bool
        let meetings: [MeetingOption]
        let mayReport: Bool
        let reportMeetings: [MeetingOption]
        let history: [HistoryRow]
        let showsHistory: Bool
        let errors: [String: String]
        let hasErrors: Bool
        /// Every problem's message, for steps whose form is on the meeting's screen rather than here.
        let errorKeys: [String]
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil)
    }

    private func render(_ request: Request, errors: [String: String], refusal: String?) async throws -> View {
        guard let id = request.parameters.get("id").flatMap(Situation.ID.init) else { throw Abort(.notFound) }
        let store = request.store
        let desk = TableDesk(context: try request.deskContext())
        guard let situation = try await store.situations.situation(id) else { throw Abort(.notFound) }
        let agencies = try await store.tableAgencies.byOrganisation()
        let language = request.language
        let catalogue = request.relais.catalogue
        guard
            let content = try await SituationContent.make(
                situation, desk: desk, agencies: agencies, language: language, catalogue: catalogue,
                taxonomy: try await store.riskTaxonomies.current())
        else { throw Abort(.notFound) }
        let zone = request.relais.config.timeZone
        let now = store.now
        let upcoming = try await store.meetings.meetings(
            series: TableSettings.series,
            in: DateInterval(start: now.addingTimeInterval(-12 * 3_600), duration: 30 * 86_400)
        ).filter { $0.isOpen(at: now) }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: zone)
        let options = upcoming.map { MeetingOption(value: $0.id.description, label: format.string(from: $0.startsAt)) }
        let own = desk.ownAgency(among: agencies)
        let mayBring =
            situation.stage == .opened
            && AccessPolicy.decide(
                desk.actor, Permission(.update, .situation), on: .record(ownedBy: situation.originatingAgencyID)
            ).isAllowed
        let mayReport =
            situation.stage == .intervening
            && own.map { situation.interveningAgencyIDs.contains($0.organisationID) }
                == true
            && content.identityLevel == "full"
        // The chair sees the history: every move, vote and reveal (the audit entries about this situation).
        let showsHistory = AccessPolicy.decide(desk.actor, Permission(.update, .tableAgenda)).isAllowed
        var history: [HistoryRow] = []
        if showsHistory {
            let entries = try await store.audit.entries(
                .init(resourceType: AuditResource.situation.rawValue, resourceID: id.description, limit: 100))
            history = entries.reversed().map { entry in
                HistoryRow(
                    when: format.string(
                        from: Date(timeIntervalSince1970: Double(entry.occurredAtMilliseconds) / 1_000)),
                    action: catalogue.text(entry.action.labelKey, language),
                    detail: entry.action == .personalInformationRead
                        ? catalogue.text("table.history.read_by", language, [entry.purpose ?? ""])
                        : entry.purpose ?? "")
            }
        }
        return try await request.renderPage(
            "table/situation", title: "\(catalogue.text("table.situation.title", language)) \(situation.reference)",
            content: ShowContent(
                situation: content, items: [Item(situation: content)], mayBring: mayBring, meetings: options,
                mayReport: mayReport,
                reportMeetings: options, history: history, showsHistory: showsHistory, errors: errors,
                hasErrors: !errors.isEmpty, errorKeys: Array(Set(errors.values)).sorted(), refusalKey: refusal))
    }

    // MARK: steps

    struct StepForm: Content {
        var meetingId: String?
        var meets: String?
        var reason: String?
        var lead: String?
        var assisting: [String]?
        var firstInterventionAt: String?
        var services: String?
        var conclusion: String?
        var concludedOn: String?
        /// The page to go back to (the meeting's screen), when it is one of the table's.
        var back: String?
    }

    @Sendable func bring(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.situation_brought") { desk, id, form in
            try await desk.bring(id, to: form.meetingId.flatMap(Meeting.ID.init))
        }
    }

    @Sendable func vote(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.vote_recorded") { desk, id, form in
            guard let meets = form.meets.flatMap({ ["yes": true, "no": false][$0] }) else {
                throw ValidationError([FieldProblem(field: "meets", messageKey: "table.error.vote")])
            }
            try await desk.vote(id, meetsThreshold: meets)
        }
    }

    @Sendable func decide(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.decision_recorded") { desk, id, form in
            _ = try await desk.decide(id, reason: form.reason)
        }
    }

    @Sendable func reveal(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.identity_revealed") { desk, id, _ in try await desk.reveal(id) }
    }

    @Sendable func name(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.agencies_named") { desk, id, form in
            try await desk.name(
                id, lead: form.lead.flatMap(Organisation.ID.init),
                assisting: (form.assisting ?? []).compactMap(Organisation.ID.init))
        }
    }

    @Sendable func report(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.report_recorded") { desk, id, form in
            try await desk.report(
                id, firstInterventionOn: form.firstInterventionAt, services: form.services,
                reportBackTo: form.meetingId.flatMap(Meeting.ID.init))
        }
    }

    @Sendable func conclude(_ request: Request) async throws -> Response {
        try await step(request, notice: "table.situation_concluded") { desk, id, form in
            try await desk.conclude(id, conclusion: form.conclusion, on: form.concludedOn)
        }
    }

    /// Runs a step, then goes back to the meeting's screen or the situation's page with its notice; a refusal or
    /// bad input shows the page again with the reason, and changes nothing.
    private func step(
        _ request: Request, notice: String,
        _ action: @escaping (TableDesk, Situation.ID, StepForm) async throws -> Void
    ) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(Situation.ID.init) else { throw Abort(.notFound) }
        let form = try request.content.decode(StepForm.self)
        let back = form.back.flatMap {
            $0.hasPrefix("/table/reunions/") && !$0.contains("?") && !$0.contains("//") ? $0 : nil
        }
        let desk = TableDesk(context: try request.deskContext())
        do {
            try await action(desk, id, form)
            return request.redirect(to: (back ?? Self.path(id)) + "?avis=\(notice)", redirectType: .normal)
        } catch let error as any DomainError where error.kind != .unauthenticated {
            let errors = Dictionary(error.fieldProblems.map { ($0.field, $0.messageKey) }) { first, _ in first }
            let status: HTTPResponseStatus =
                switch error.kind {
                case .invalidInput: .unprocessableEntity
                case .forbidden: .forbidden
                case .notFound: .notFound
                default: .conflict
                }
            let view: View
            if let back, let meetingID = Meeting.ID(String(back.dropFirst("/table/reunions/".count))) {
                view = try await MeetingPageController().render(
                    request, meetingID: meetingID, refusal: error.fieldProblems.isEmpty ? error.messageKey : nil,
                    errors: errors, situationID: id)
            } else {
                view = try await render(
                    request, errors: errors, refusal: error.fieldProblems.isEmpty ? error.messageKey : nil)
            }
            return try await view.encodeResponse(status: status, for: request)
        }
    }
}

extension Array {
    /// The element at `index`, when there is one.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
