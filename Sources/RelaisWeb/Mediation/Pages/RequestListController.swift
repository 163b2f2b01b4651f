import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The requests of the mobile team's organisation, open and closed (`/demandes`), filtered by date, borough,
/// situation, status and source — with nothing that identifies anyone, so the list is not a read of personal
/// information (opening one is); and what a coordinator does to a waiting request besides sending a team: close it
/// with a reason (cancelled, no team, a duplicate), and notes and call-backs on any request.
struct RequestListController {
    static let path = "/demandes"
    static let pageSize = 50

    func register(on routes: any RoutesBuilder) {
        let update = RouteAccess.permission(Permission(.update, .serviceRequest))
        // Also the address an intake form with errors is shown at: opened again by whoever may only submit
        // (a police officer), it is the form.
        routes.on(.GET, "demandes", access: .signedIn, use: list)
        routes.on(.POST, "demandes", ":id", "fermeture", access: update, use: close)
        routes.on(.POST, "demandes", ":id", "notes", access: update, use: note)
    }

    struct ListContent: Encodable {
        struct Row: Encodable {
            let link: String
            let reference: String
            let receivedAt: String
            let territoryName: String?
            let situationKey: String
            let statusKey: String
            let status: String
            let sourceKey: String
            let priorityKey: String?
        }

        let rows: [Row]
        let states: [Choice]
        let statuses: [Choice]
        let situations: [Choice]
        let sources: [Choice]
        let boroughs: [Choice]
        let from: String
        let to: String
        let problems: [FieldProblem]
        let hasProblems: Bool
        let hasRows: Bool
        let newer: String?
        let older: String?
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        guard let organisation = actor.organisations(for: Permission(.read, .serviceRequest)).first else {
            if AccessPolicy.decide(actor, Permission(.create, .serviceRequest)).isAllowed {
                return request.redirect(to: DispatchPagesController.intakePath, redirectType: .normal)
            }
            throw AccessError.forbidden
        }
        var query = QueryParameters(request, emptyMeansAbsent: true)
        let day = DateFormatter.day(in: request.relais.config.timeZone)
        var filter = ServiceRequestStore.Filter()
        let state = query.value("etat", invalid: "mediation.error.requests.filter") {
            ["ouvertes", "fermees"].contains($0) ? $0 : nil
        }
        filter.open = state.map { $0 == "ouvertes" }
        filter.from = query.value("du", invalid: "mediation.error.requests.date") { day.date(from: $0) }
        filter.to = query.value("au", invalid: "mediation.error.requests.date") { day.date(from: $0) }.map {
            $0.addingTimeInterval(86_400)
        }
        filter.status = query.value("statut", invalid: "mediation.error.requests.filter") {
            RequestStatus(rawValue: $0)
        }
        filter.source = query.value("source", invalid: "mediation.error.requests.filter") {
            RequestSource(rawValue: $0)
        }
        let situations = request.relais.mediation.triage.situationWeights.keys.sorted()
        filter.situation = query.value("situation", invalid: "mediation.error.requests.filter") {
            situations.contains($0) ? $0 : nil
        }
        let boroughs = try await request.store.territories.all(level: .borough).filter(\.served)
        filter.territoryCode = query.value("arrondissement", invalid: "mediation.error.requests.filter") { code in
            boroughs.contains { $0.code == code } ? code : nil
        }
        let page =
            query.value("page", invalid: "mediation.error.requests.filter") {
                Int($0).flatMap { (1...10_000).contains($0) ? $0 : nil }
            } ?? 1
        let problems = query.problems
        let found =
            problems.isEmpty
            ? try await request.store.serviceRequests.list(
                organisationID: organisation, filter, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
            : []
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        func link(page: Int) -> String {
            var components = URLComponents()
            components.path = Self.path
            components.queryItems =
                (URLComponents(string: request.url.string)?.queryItems ?? [])
                .filter { $0.name != "page" } + [URLQueryItem(name: "page", value: String(page))]
            return components.string ?? Self.path
        }
        let values = URLComponents(string: request.url.string)?.queryItems ?? []
        func typed(_ name: String) -> String? { values.first { $0.name == name }?.value }
        let content = ListContent(
            rows: found.prefix(Self.pageSize).map {
                ListContent.Row(
                    link: "/demandes/\($0.id)", reference: String($0.id.description.prefix(8)),
                    receivedAt: format.string(from: $0.timeline.receivedAt), territoryName: $0.territory?.name,
                    situationKey: "mediation.situation.\($0.situation)", statusKey: $0.status.labelKey,
                    status: $0.status.rawValue, sourceKey: $0.source.labelKey,
                    priorityKey: $0.outcome.isQueued ? $0.priority.labelKey : nil)
            },
            states: [
                ("", "mediation.requests.all"), ("ouvertes", "mediation.requests.open"),
                ("fermees", "mediation.requests.closed"),
            ]
            .map { Choice(value: $0.0, label: request.t($0.1), checked: (typed("etat") ?? "") == $0.0) },
            statuses: RequestStatus.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: typed("statut") == $0.rawValue)
            },
            situations: situations.map {
                Choice(value: $0, label: request.t("mediation.situation.\($0)"), checked: typed("situation") == $0)
            },
            sources: RequestSource.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: typed("source") == $0.rawValue)
            },
            boroughs: boroughs.map {
                Choice(value: $0.code, label: $0.name, checked: typed("arrondissement") == $0.code)
            },
            from: typed("du") ?? "", to: typed("au") ?? "", problems: problems, hasProblems: !problems.isEmpty,
            hasRows: !found.isEmpty,
            newer: page > 1 ? link(page: page - 1) : nil,
            older: found.count > Self.pageSize ? link(page: page + 1) : nil)
        let response = try await request.renderPage(
            "mediation/requests", title: request.t("mediation.requests.title"), content: content
        ).encodeResponse(for: request)
        response.status = problems.isEmpty ? .ok : .unprocessableEntity
        return response
    }

    struct CloseForm: Content {
        var kind: String?
        var reason: String?
        var duplicateOf: String?
    }

    @Sendable func close(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CloseForm.self)
        let dispatcher = Dispatcher(context: try request.deskContext())
        let summary = try await dispatcher.requestInReach(request.parameters.get("id").flatMap(ServiceRequest.ID.init))
        guard try await request.allows(Permission(.update, .serviceRequest), on: summary) else {
            throw AccessError.forbidden
        }
        do {
            try await dispatcher.close(summary, kind: form.kind, reason: form.reason, duplicateOf: form.duplicateOf)
            return request.redirect(to: "/demandes/\(summary.id)?avis=mediation.request_closed", redirectType: .normal)
        } catch let error as ValidationError {
            return try await DispatchPagesController().requestPage(
                request, problems: error.problems, closing: form, status: .unprocessableEntity)
        } catch let refusal as RequestClosureRefusal {
            return try await DispatchPagesController().requestPage(
                request, errorKey: refusal.messageKey, closing: form, status: .conflict)
        }
    }

    struct NoteForm: Content {
        var noteKind: String?
        var note: String?
    }

    @Sendable func note(_ request: Request) async throws -> Response {
        let form = try request.content.decode(NoteForm.self)
        let dispatcher = Dispatcher(context: try request.deskContext())
        let summary = try await dispatcher.requestInReach(request.parameters.get("id").flatMap(ServiceRequest.ID.init))
        guard try await request.allows(Permission(.update, .serviceRequest), on: summary) else {
            throw AccessError.forbidden
        }
        do {
            try await dispatcher.note(summary, kind: form.noteKind, text: form.note)
            return request.redirect(
                to: "/demandes/\(summary.id)?avis=mediation.request_noted#notes", redirectType: .normal)
        } catch let error as ValidationError {
            return try await DispatchPagesController().requestPage(
                request, problems: error.problems, noting: form, status: .unprocessableEntity)
        }
    }
}
