import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/problemes`: the repeat places of the officer's sector (messages gathering at one place) and the problems
/// worked with the SARA method — scanning, analysis, response (actions with owners and dates, partners),
/// assessment — with the messages linked to each.
struct ProblemsPagesController {
    static let path = "/reso/problemes"

    static func path(_ id: SectorProblem.ID) -> String { "/reso/problemes/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .sectorProblem))
        let create = RouteAccess.permission(Permission(.create, .sectorProblem))
        let update = RouteAccess.permission(Permission(.update, .sectorProblem))
        routes.on(.GET, "reso", "problemes", access: read, use: list)
        routes.on(.GET, "reso", "problemes", "nouveau", access: create, use: new)
        routes.on(.POST, "reso", "problemes", "nouveau", access: create, use: create(_:))
        routes.on(.GET, "reso", "problemes", ":id", access: read, use: show)
        routes.on(.POST, "reso", "problemes", ":id", access: update, use: work)
        routes.on(.POST, "reso", "problemes", ":id", "actions", access: update, use: addAction)
        routes.on(.POST, "reso", "problemes", ":id", "actions", ":action", "fait", access: update, use: markDone)
        routes.on(
            .POST, "reso", "messages", ":id", "probleme",
            access: .permission(Permission(.update, .residentMessage)), use: link)
    }

    struct SignalRow: Encodable {
        let text: String
        let href: String
    }

    struct ProblemRow: Encodable {
        let href: String
        let title: String
        let place: String
        let sector: String
        let stageKey: String
        let closed: Bool
    }

    struct ListContent: Encodable {
        let signals: [SignalRow]
        let hasSignals: Bool
        let rows: [ProblemRow]
        let hasRows: Bool
    }

    @Sendable func list(_ request: Request) async throws -> View {
        let desk = ResoDesk(context: try request.deskContext())
        let directory = try await desk.services.book.current(request.store).directory
        let signals = try await desk.repeatPlaces().map { Self.signalRow($0, directory: directory, request) }
        let rows = try await desk.problems().map { problem in
            ProblemRow(
                href: Self.path(problem.id), title: problem.title, place: problem.place,
                sector: directory.sector(problem.sectorCode)?.name ?? problem.sectorCode,
                stageKey: problem.stage.labelKey, closed: problem.stage == .closed)
        }
        return try await request.renderPage(
            "reso/problems", title: request.t("reso.problems.title"),
            content: ListContent(signals: signals, hasSignals: !signals.isEmpty, rows: rows, hasRows: !rows.isEmpty))
    }

    static func signalRow(_ signal: RepeatPlaces.Signal, directory: SectorDirectory, _ request: Request) -> SignalRow {
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        return SignalRow(
            text: request.t(
                "reso.repeat.signal", String(signal.count),
                directory.sector(signal.sectorCode)?.name ?? signal.sectorCode, format.string(from: signal.first)),
            href: Self.path + "/nouveau?cellule=\(signal.cell)&secteur=\(signal.sectorCode)")
    }

    struct NewContent: Encodable {
        let cell: String?
        let sector: String?
        let sectors: [Choice]
        let title: String
        let place: String
        let messages: Int
        let errors: [String: String]
        let hasErrors: Bool
        let mapAt: String?
    }

    @Sendable func new(_ request: Request) async throws -> View {
        try await renderNew(
            request, cell: request.query[String.self, at: "cellule"], sector: request.query[String.self, at: "secteur"],
            title: "", place: "", errors: [:])
    }

    struct NewForm: Content {
        var title: String?
        var place: String?
        var sector: String?
        var cell: String?
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(NewForm.self)
        do {
            let problem = try await ResoDesk(context: try request.deskContext()).openProblem(
                title: form.title, place: form.place, sector: form.sector,
                cell: form.cell.trimmedNonEmpty.flatMap(GridCell.init))
            return request.redirect(to: Self.path(problem.id) + "?avis=reso.problem_opened", redirectType: .normal)
        } catch let error as ValidationError {
            return try await renderNew(
                request, cell: form.cell, sector: form.sector, title: form.title ?? "", place: form.place ?? "",
                errors: OfficersPagesController.errors(error)
            ).encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    private func renderNew(
        _ request: Request, cell: String?, sector: String?, title: String, place: String, errors: [String: String]
    ) async throws -> View {
        let desk = ResoDesk(context: try request.deskContext())
        guard let scope = try await desk.problemSectors() else { throw AccessError.forbidden }
        let directory = try await desk.services.book.current(request.store).directory
        let sectors = directory.sectors.filter { scope.sectors?.contains($0.code) ?? true }
        let gridCell = cell.flatMap(GridCell.init)
        var count = 0
        if let gridCell {
            count = try await request.store.residentMessages.near(
                gridCell, organisation: scope.service,
                since: request.store.now.addingTimeInterval(-Double(ResoDesk.repeatDays) * 86_400)
            ).filter { $0.problemID == nil }.count
        }
        let content = NewContent(
            cell: gridCell?.description, sector: sector,
            sectors: sectors.map {
                Choice(
                    value: $0.code, label: "\($0.city) — \($0.name)",
                    checked: $0.code == (sector ?? scope.sectors?.first))
            }, title: title, place: place, messages: count, errors: errors, hasErrors: !errors.isEmpty,
            mapAt: gridCell.map { "\($0.centre.latitude),\($0.centre.longitude)" })
        return try await request.renderPage(
            "reso/problem-new", title: request.t("reso.problem.new_title"), content: content)
    }

    struct ActionRow: Encodable {
        let id: String
        let what: String
        let owner: String
        let dueOn: String
        let done: Bool
        let late: Bool
    }

    struct MessageRow: Encodable {
        let href: String
        let reference: String
        let topic: String
        let receivedAt: String
    }

    struct ShowContent: Encodable {
        let id: String
        let title: String
        let place: String
        let sector: String
        let stageKey: String
        let stages: [StageStep]
        let analysis: String
        let partners: String
        let assessments: [Choice]
        let open: Bool
        let nextKey: String?
        let actions: [ActionRow]
        let hasActions: Bool
        let messages: [MessageRow]
        let hasMessages: Bool
        let errors: [String: String]
        let refusalKey: String?
        let mapAt: String?
        let today: String
    }

    struct StageStep: Encodable {
        let labelKey: String
        let done: Bool
        let current: Bool
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil)
    }

    private func render(_ request: Request, errors: [String: String], refusal: String?) async throws -> View {
        let id: SectorProblem.ID = try ESUPPages.id(request)
        let desk = ResoDesk(context: try request.deskContext())
        let (problem, actions, messages) = try await desk.problem(id)
        let directory = try await desk.services.book.current(request.store).directory
        let zone = request.relais.config.timeZone
        let today = Evening.day(of: request.store.now, timeZone: zone)
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: zone)
        let order = SARAStage.allCases
        let position = order.firstIndex(of: problem.stage) ?? 0
        let content = ShowContent(
            id: problem.id.description, title: problem.title, place: problem.place,
            sector: directory.sector(problem.sectorCode)?.name ?? problem.sectorCode, stageKey: problem.stage.labelKey,
            stages: order.enumerated().map {
                StageStep(labelKey: $0.element.labelKey, done: $0.offset < position, current: $0.offset == position)
            }, analysis: problem.analysis, partners: problem.partners.joined(separator: "\n"),
            assessments: ProblemAssessment.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: problem.assessment == $0)
            }, open: problem.stage != .closed, nextKey: problem.stage.next.map { "reso.sara.move.\($0.rawValue)" },
            actions: actions.map {
                ActionRow(
                    id: $0.id.description, what: $0.what, owner: $0.owner, dueOn: $0.dueOn, done: $0.doneAt != nil,
                    late: $0.doneAt == nil && $0.dueOn < today)
            }, hasActions: !actions.isEmpty,
            messages: messages.map {
                MessageRow(
                    href: MessagesPagesController.path($0.id), reference: $0.reference,
                    topic: request.t($0.topic.labelKey),
                    receivedAt: format.string(from: $0.receivedAt))
            }, hasMessages: !messages.isEmpty, errors: errors, refusalKey: refusal,
            mapAt: problem.cell.map { "\($0.centre.latitude),\($0.centre.longitude)" }, today: today)
        return try await request.renderPage(
            "reso/problem", title: request.t("reso.problem.title", problem.title), content: content)
    }

    struct WorkForm: Content {
        var analysis: String?
        var partners: String?
        var assessment: String?
        var advance: String?
    }

    @Sendable func work(_ request: Request) async throws -> Response {
        let id: SectorProblem.ID = try ESUPPages.id(request)
        let form = try request.content.decode(WorkForm.self)
        return try await PageStep.run(
            request, back: Self.path(id), notice: "reso.problem_saved",
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await ResoDesk(context: try request.deskContext()).work(
                id, analysis: form.analysis, partners: form.partners, advance: form.advance == "yes",
                assessment: form.assessment)
        }
    }

    struct ActionForm: Content {
        var what: String?
        var owner: String?
        var dueOn: String?
    }

    @Sendable func addAction(_ request: Request) async throws -> Response {
        let id: SectorProblem.ID = try ESUPPages.id(request)
        let form = try request.content.decode(ActionForm.self)
        let today = Evening.day(of: request.store.now, timeZone: request.relais.config.timeZone)
        return try await PageStep.run(
            request, back: Self.path(id), notice: "reso.action_added",
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await ResoDesk(context: try request.deskContext()).addAction(
                id, what: form.what, owner: form.owner, dueOn: form.dueOn, today: today)
        }
    }

    @Sendable func markDone(_ request: Request) async throws -> Response {
        let id: SectorProblem.ID = try ESUPPages.id(request)
        let action: ProblemAction.ID = try ESUPPages.id(request, "action")
        return try await PageStep.run(
            request, back: Self.path(id), notice: "reso.action_done",
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await ResoDesk(context: try request.deskContext()).markDone(action, of: id)
        }
    }

    struct LinkForm: Content {
        var problem: String?
    }

    /// Links a message to a problem of its sector (from the message's page).
    @Sendable func link(_ request: Request) async throws -> Response {
        let id: ResidentMessage.ID = try ESUPPages.id(request)
        let form = try request.content.decode(LinkForm.self)
        let problem = form.problem.trimmedNonEmpty.flatMap(SectorProblem.ID.init)
        do {
            try await ResoDesk(context: try request.deskContext()).link(id, to: problem)
        } catch let refusal as ProblemRefusal {
            return request.redirect(
                to: MessagesPagesController.path(id)
                    + "?avis=reso.\(refusal.code.replacingOccurrences(of: ".", with: "_"))",
                redirectType: .normal)
        }
        return request.redirect(
            to: MessagesPagesController.path(id) + "?avis=reso.message_linked", redirectType: .normal)
    }
}
