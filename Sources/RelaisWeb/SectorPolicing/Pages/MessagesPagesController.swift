import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/messages`: the officer's phone screen of residents' messages — new ones first — and a message's page: what
/// the resident wrote (an audited read), how to answer them, and the follow-up (an e-mail answer, a call back, a
/// note, closing). Supervisors see every message of their service.
struct MessagesPagesController {
    static let path = "/reso/messages"

    static func path(_ id: ResidentMessage.ID) -> String { "/reso/messages/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .residentMessage))
        routes.on(.GET, "reso", "messages", access: read, use: inbox)
        routes.on(.GET, "reso", "messages", ":id", access: read, use: show)
        routes.on(
            .POST, "reso", "messages", ":id", "suivi", access: .permission(Permission(.update, .residentMessage)),
            use: followUp)
    }

    struct Row: Encodable {
        let href: String
        let reference: String
        let topic: String
        let sector: String
        let receivedAt: String
        let statusKey: String
        let isNew: Bool
        let escalated: Bool
    }

    struct InboxContent: Encodable {
        let rows: [Row]
        let hasRows: Bool
        let newCount: Int
    }

    @Sendable func inbox(_ request: Request) async throws -> View {
        let desk = ResoDesk(context: try request.deskContext())
        let messages = try await desk.inbox()
        let directory = try await desk.services.book.current(request.store).directory
        let catalogue = request.relais.catalogue
        let language = request.language
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: request.relais.config.timeZone)
        let rows = messages.map { message in
            Row(
                href: Self.path(message.id), reference: message.reference,
                topic: catalogue.text(message.topic.labelKey, language),
                sector: directory.sector(message.sectorCode)?.name ?? message.sectorCode,
                receivedAt: format.string(from: message.receivedAt), statusKey: message.status.labelKey,
                isNew: message.status == .new, escalated: message.escalatedAt != nil)
        }
        return try await request.renderPage(
            "reso/messages", title: catalogue.text("reso.messages.title", language),
            content: InboxContent(rows: rows, hasRows: !rows.isEmpty, newCount: rows.filter(\.isNew).count))
    }

    struct StepRow: Encodable {
        let kindKey: String
        let at: String
        let author: String?
        let text: String
    }

    struct ShowContent: Encodable {
        let id: String
        let reference: String
        let topic: String
        let sector: String
        let receivedAt: String
        let statusKey: String
        let place: String
        let mapAt: String?
        let replyByKey: String
        let contact: String
        let contactHref: String
        let name: String?
        let body: String
        let steps: [StepRow]
        let hasSteps: Bool
        let open: Bool
        let mayEmail: Bool
        let kinds: [Choice]
        let errors: [String: String]
        let refusalKey: String?
        let text: String
        /// "N messages near here in 90 days", with the link to open a problem there.
        let repeatPlace: ProblemsPagesController.SignalRow?
        let linkedProblem: ProblemLink?
        let problems: [Choice]
        let mayLink: Bool
    }

    struct ProblemLink: Encodable {
        let title: String
        let href: String
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil, text: "")
    }

    private func render(_ request: Request, errors: [String: String], refusal: String?, text: String) async throws
        -> View
    {
        guard let id = request.parameters.get("id").flatMap(ResidentMessage.ID.init) else { throw Abort(.notFound) }
        let desk = ResoDesk(context: try request.deskContext())
        let (message, steps) = try await desk.message(id)
        let directory = try await desk.services.book.current(request.store).directory
        let catalogue = request.relais.catalogue
        let language = request.language
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: request.relais.config.timeZone)
        var authors: [User.ID: String] = [:]
        for author in Set(steps.compactMap(\.authorID)) {
            authors[author] = try await request.store.accounts.user(author)?.displayName
        }
        let content = message.content
        let kinds: [MessageStep.Kind] =
            content.replyBy == .email ? [.emailed, .called, .note, .closed] : [.called, .note, .closed]
        let point = content.latitude.flatMap { lat in content.longitude.map { "\(lat),\($0)" } }
        let summary = try await desk.summary(id)
        let mayWork =
            (try? await desk.problemSummaryAccess(sector: summary.sectorCode, service: summary.organisationID)) != nil
        let linked = try await summary.problemID.asyncFlatMap { try await request.store.sectorProblems.summary($0) }
        let open =
            mayWork
            ? try await request.store.sectorProblems.list(
                organisation: summary.organisationID, sectors: [summary.sectorCode]
            )
            .filter { $0.stage != .closed } : []
        let repeatPlace = mayWork && linked == nil ? try await desk.repeatPlace(of: summary) : nil
        let show = ShowContent(
            id: message.id.description, reference: message.reference,
            topic: catalogue.text(content.topic.labelKey, language),
            sector: directory.sector(message.sectorCode)?.name ?? message.sectorCode,
            receivedAt: format.string(from: message.receivedAt), statusKey: message.status.labelKey,
            place: content.place, mapAt: point, replyByKey: content.replyBy.labelKey,
            contact: content.replyBy == .phone
                ? SectorOfficer.phoneText(content.contact) : content.contact,
            contactHref: content.replyBy == .phone ? "tel:+1" + content.contact : "mailto:" + content.contact,
            name: content.name, body: content.body,
            steps: steps.map {
                StepRow(
                    kindKey: $0.kind.labelKey, at: format.string(from: $0.at),
                    author: $0.authorID.flatMap { authors[$0] }, text: $0.text)
            }, hasSteps: !steps.isEmpty, open: message.status != .closed, mayEmail: content.replyBy == .email,
            kinds: kinds.map {
                Choice(value: $0.rawValue, label: catalogue.text($0.labelKey, language), checked: $0 == kinds[0])
            }, errors: errors, refusalKey: refusal, text: text,
            repeatPlace: repeatPlace.map { ProblemsPagesController.signalRow($0, directory: directory, request) },
            linkedProblem: linked.map { ProblemLink(title: $0.title, href: ProblemsPagesController.path($0.id)) },
            problems: open.map {
                Choice(
                    value: $0.id.description, label: "\($0.title) — \($0.place)", checked: $0.id == summary.problemID)
            }, mayLink: mayWork && !open.isEmpty)
        return try await request.renderPage(
            "reso/message", title: catalogue.text("reso.message_page.title", language, [message.reference]),
            content: show)
    }

    struct StepForm: Content {
        var kind: String?
        var text: String?
    }

    @Sendable func followUp(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(ResidentMessage.ID.init) else { throw Abort(.notFound) }
        let form = try request.content.decode(StepForm.self)
        guard let kind = form.kind.flatMap(MessageStep.Kind.init(rawValue:)), kind != .escalated else {
            return try await render(
                request, errors: ["kind": "reso.error.step_kind"], refusal: nil, text: form.text ?? ""
            )
            .encodeResponse(status: .unprocessableEntity, for: request)
        }
        return try await PageStep.run(
            request, back: Self.path(id), notice: "reso.followed_up",
            render: { errors, refusal in
                try await render(request, errors: errors, refusal: refusal, text: form.text ?? "")
            }
        ) {
            try await ResoDesk(context: try request.deskContext()).followUp(id, kind: kind, text: form.text)
        }
    }
}
