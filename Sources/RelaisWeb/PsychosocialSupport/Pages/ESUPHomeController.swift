import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/esup`: for the team, the evening — its duos and their statuses, the live queue of consults (emergencies first),
/// follow-up tasks, the consults closed last; for a frontline officer, the button to ask for a consult and their own
/// requests. `/esup/file` is the queue alone, which the team's screen fetches every few seconds.
struct ESUPHomeController {
    static let path = "/esup"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "esup", access: .permission(Permission(.create, .consultRequest)), use: show)
        routes.on(.GET, "esup", "file", access: .permission(Permission(.read, .consult)), use: queue)
        let duo = RouteAccess.permission(Permission(.update, .duo))
        routes.on(.POST, "esup", "duos", access: .permission(Permission(.create, .duo)), use: formDuo)
        routes.on(.POST, "esup", "duos", "statut", access: duo, use: setStatus)
        routes.on(.POST, "esup", "taches", ":id", "fait", access: .permission(Permission(.update, .supportPlan))) {
            request in
            let id: FollowUpTask.ID = try ESUPPages.id(request)
            return try await ESUPPages.step(
                request, back: Self.path, notice: "task_done",
                render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
            ) { try await ESUPDesk(context: try request.deskContext()).completeTask(id) }
        }
    }

    struct QueueRow: Encodable {
        let href: String
        let reference: String
        let requestedAt: String
        let situations: String
        let modeKey: String
        let stageKey: String
        let emergencyFirst: Bool
        let duo: String?
    }

    struct DuoRow: Encodable {
        let callSign: String
        let officer: String
        let socialWorker: String
        let statusKey: String
        let own: Bool
    }

    struct TaskRow: Encodable {
        let id: String
        let what: String
        let due: String
        let assignee: String
        let late: Bool
    }

    struct RequestRow: Encodable {
        let href: String
        let reference: String
        let requestedAt: String
        let stageKey: String
        let outcomeKey: String?
    }

    struct Screen: Encodable {
        let member: Bool
        let evening: String
        let ownDuo: String?
        let ownStatusKey: String?
        let statuses: [Choice]
        let duos: [DuoRow]
        let officers: [Choice]
        let socialWorkers: [Choice]
        let queue: [QueueRow]
        let tasks: [TaskRow]
        let closed: [RequestRow]
        let requests: [RequestRow]
        let mayReadMeasures: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil)
    }

    func render(_ request: Request, errors: [String: String], refusal: String?) async throws -> View {
        let desk = ESUPDesk(context: try request.deskContext())
        let store = request.store
        let team = try await desk.team()
        let member = desk.isMember(of: team)
        let catalogue = request.relais.catalogue
        let language = request.language
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let rows: (ConsultSummary) -> RequestRow = {
            RequestRow(
                href: member ? ConsultPagesController.path($0.id) : ConsultRequestPagesController.path($0.id),
                reference: $0.reference, requestedAt: format.string(from: $0.requestedAt), stageKey: $0.stage.labelKey,
                outcomeKey: $0.outcome?.labelKey)
        }
        var duos: [DuoRow] = []
        var officers: [Choice] = []
        var workers: [Choice] = []
        var queue: [QueueRow] = []
        var tasks: [TaskRow] = []
        var closed: [RequestRow] = []
        let ownDuo = member ? try await desk.ownDuo() : nil
        if member {
            let members = try await store.accounts.members(of: team)
            let names = Dictionary(members.map { ($0.user, $0.name) }) { first, _ in first }
            duos = try await store.duos.duos(team: team, evening: desk.evening).map {
                DuoRow(
                    callSign: $0.callSign, officer: names[$0.officerID] ?? "—",
                    socialWorker: names[$0.socialWorkerID] ?? "—", statusKey: $0.status.labelKey,
                    own: $0.id == ownDuo?.id)
            }
            officers = members.filter { $0.role == .policeOfficer }.map {
                Choice(value: $0.user.description, label: $0.name, checked: $0.user == desk.actor.userID)
            }
            workers = members.filter { $0.role == .policeSocialWorker }.map {
                Choice(value: $0.user.description, label: $0.name, checked: $0.user == desk.actor.userID)
            }
            queue = try await queueRows(request, desk: desk, team: team)
            tasks = try await store.supportPlans.openTasks(team: team, by: desk.context.reader(for: .personFollowUp))
                .map {
                    TaskRow(
                        id: $0.id.description, what: $0.what, due: $0.dueOn, assignee: names[$0.assigneeID] ?? "—",
                        late: $0.dueOn < desk.today)
                }
            closed = try await store.consults.closed(team: team, limit: 10).map(rows)
        }
        let content = Screen(
            member: member, evening: desk.evening, ownDuo: ownDuo?.callSign, ownStatusKey: ownDuo?.status.labelKey,
            statuses: DuoStatus.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: $0 == ownDuo?.status)
            },
            duos: duos, officers: officers, socialWorkers: workers, queue: queue, tasks: tasks, closed: closed,
            requests: try await store.consults.requested(by: desk.actor.userID, limit: 10).map(rows),
            mayReadMeasures: member,
            errors: errors, hasErrors: !errors.isEmpty, refusalKey: refusal)
        return try await request.renderPage("esup/home", title: t("esup.home.title"), content: content)
    }

    private func queueRows(_ request: Request, desk: ESUPDesk, team: Organisation.ID) async throws -> [QueueRow] {
        let store = request.store
        let catalogue = request.relais.catalogue
        let language = request.language
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        var callSigns: [Duo.ID: String] = [:]
        for duo in try await store.duos.duos(team: team, evening: desk.evening) { callSigns[duo.id] = duo.callSign }
        return try await store.consults.queue(team: team).map {
            QueueRow(
                href: ConsultPagesController.path($0.id), reference: $0.reference,
                requestedAt: format.string(from: $0.requestedAt),
                situations: $0.situations.map { catalogue.text($0.labelKey, language) }.joined(separator: ", "),
                modeKey: $0.mode.labelKey, stageKey: $0.stage.labelKey, emergencyFirst: $0.emergencyFirst,
                duo: $0.duoID.flatMap { callSigns[$0] })
        }
    }

    struct QueueContent: Encodable {
        let queue: [QueueRow]
    }

    /// A part of a page, without the chrome around it.
    struct Fragment: Encodable {
        let content: QueueContent
    }

    /// How long a screen's request for a newer queue waits before answering with the same one.
    static let longPoll = Duration.seconds(25)

    /// The queue alone, for the team's screen to refresh without reloading the page. With `?apres=N` (the version
    /// the screen shows), the answer waits until the queue is newer, or ``longPoll`` passed: a request reaches every
    /// screen as soon as it is saved. The version is in `X-Queue-Version`.
    @Sendable func queue(_ request: Request) async throws -> Response {
        let desk = ESUPDesk(context: try request.deskContext())
        let team = try await desk.ownTeam(Permission(.read, .duo))
        let signal = request.relais.esup.queue
        var version = await signal.version(of: team)
        if let seen = request.query[Int.self, at: "apres"], seen == version {
            version = await signal.wait(team, after: seen, timeout: Self.longPoll)
        }
        let view = try await request.view.render(
            "esup/_queue", Fragment(content: QueueContent(queue: try await queueRows(request, desk: desk, team: team))))
        let response = try await view.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: "X-Queue-Version", value: String(version))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct DuoForm: Content {
        var callSign: String?
        var officer: String?
        var socialWorker: String?
        var status: String?
    }

    @Sendable func formDuo(_ request: Request) async throws -> Response {
        let form = try request.content.decode(DuoForm.self)
        return try await ESUPPages.step(
            request, back: Self.path, notice: "duo_formed",
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await ESUPDesk(context: try request.deskContext()).formDuo(
                callSign: form.callSign, officer: form.officer, socialWorker: form.socialWorker)
        }
    }

    @Sendable func setStatus(_ request: Request) async throws -> Response {
        let form = try request.content.decode(DuoForm.self)
        return try await ESUPPages.step(
            request, back: Self.path, notice: "status_changed",
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await ESUPDesk(context: try request.deskContext()).setStatus(form.status)
        }
    }
}
