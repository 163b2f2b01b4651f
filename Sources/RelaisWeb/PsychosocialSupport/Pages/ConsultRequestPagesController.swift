import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/esup/demande`: a frontline officer asks for the duo's help from a phone — the event, where, what is happening,
/// the safety questions, whether the scene is secured and whether they want advice by phone or the duo on scene; a
/// "no" answers with what to do now. `/esup/demandes/:id`: the officer follows their request, its outcome and, while
/// consent holds, the approach note of the person it is about.
struct ConsultRequestPagesController {
    static let formPath = "/esup/demande"

    static func path(_ id: Consult.ID) -> String { "/esup/demandes/\(id)" }

    static let screeningQuestions = ["immediateDangerToLife", "weapon", "crimeInProgress", "medicalEmergency"]

    func register(on routes: any RoutesBuilder) {
        let create = RouteAccess.permission(Permission(.create, .consultRequest))
        routes.on(.GET, "esup", "demande", access: create, use: showForm)
        routes.on(.POST, "esup", "demande", access: create, use: send)
        routes.on(.GET, "esup", "demandes", ":id", access: .permission(Permission(.read, .consultRequest)), use: show)
        routes.on(
            .POST, "esup", "demandes", ":id", "retrait", access: .permission(Permission(.update, .consultRequest)),
            use: withdraw)
    }

    struct Form: Content {
        var eventNumber: String?
        var place: String?
        var situations: [String]?
        var sceneSecured: String?
        var mode: String?
        var details: String?
        var immediateDangerToLife: String?
        var weapon: String?
        var crimeInProgress: String?
        var medicalEmergency: String?
        var callback: String?
    }

    struct Question: Encodable {
        let name: String
        let labelKey: String
        let answer: String
        let invalid: Bool
    }

    struct FormContent: Encodable {
        let values: Form
        let situations: [Choice]
        let modes: [Choice]
        let questions: [Question]
        let errors: [String: String]
        let hasErrors: Bool
    }

    @Sendable func showForm(_ request: Request) async throws -> View {
        _ = try await ESUPDesk(context: try request.deskContext()).team()
        return try await renderForm(request, form: Form(), errors: [:])
    }

    @Sendable func send(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        var screening: [String: String?] = [:]
        screening["immediateDangerToLife"] = form.immediateDangerToLife
        screening["weapon"] = form.weapon
        screening["crimeInProgress"] = form.crimeInProgress
        screening["medicalEmergency"] = form.medicalEmergency
        let sent = ESUPDesk.RequestForm(
            eventNumber: form.eventNumber, place: form.place, situations: form.situations ?? [],
            sceneSecured: form.sceneSecured, mode: form.mode, details: form.details, screening: screening,
            callback: form.callback)
        var created: Consult?
        let response = try await ESUPPages.step(
            request, back: "", notice: "requested",
            render: { errors, _ in try await renderForm(request, form: form, errors: errors) }
        ) {
            created = try await ESUPDesk(context: try request.deskContext()).request(sent)
        }
        guard let created else { return response }
        return request.redirect(to: Self.path(created.id) + "?avis=esup.requested", redirectType: .normal)
    }

    private func renderForm(_ request: Request, form: Form, errors: [String: String]) async throws -> View {
        let catalogue = request.relais.catalogue
        let language = request.language
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let chosen = Set(form.situations ?? [])
        let answers = [
            "immediateDangerToLife": form.immediateDangerToLife, "weapon": form.weapon,
            "crimeInProgress": form.crimeInProgress, "medicalEmergency": form.medicalEmergency,
        ]
        let content = FormContent(
            values: form,
            situations: ConsultSituation.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: chosen.contains($0.rawValue))
            },
            modes: ConsultMode.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: form.mode == $0.rawValue)
            },
            questions: Self.screeningQuestions.map {
                Question(
                    name: $0, labelKey: "esup.screening.\($0)", answer: answers[$0].flatMap { $0 } ?? "",
                    invalid: errors[$0] != nil)
            },
            errors: errors, hasErrors: !errors.isEmpty)
        return try await request.renderPage("esup/request-form", title: t("esup.request.title"), content: content)
    }

    // MARK: the officer's view

    struct ShowContent: Encodable {
        let id: String
        let reference: String
        let stageKey: String
        let modeKey: String
        let requestedAt: String
        let situations: [String]
        let duo: String?
        let outcomeKey: String?
        let officersFreedAt: String?
        let approachNote: String?
        let mayWithdraw: Bool
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, refusal: nil)
    }

    private func render(_ request: Request, refusal: String?) async throws -> View {
        let desk = ESUPDesk(context: try request.deskContext())
        let consult = try await desk.ownRequest(try ESUPPages.id(request))
        let catalogue = request.relais.catalogue
        let language = request.language
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let duo = try await consult.duoID.asyncFlatMap { try await request.store.duos.duo($0) }
        let content = ShowContent(
            id: consult.id.description, reference: consult.reference, stageKey: consult.stage.labelKey,
            modeKey: consult.mode.labelKey, requestedAt: format.string(from: consult.requestedAt),
            situations: consult.situations.map { catalogue.text($0.labelKey, language) },
            duo: duo?.callSign, outcomeKey: consult.outcome?.labelKey,
            officersFreedAt: consult.officersFreedAt.map { format.string(from: $0) },
            approachNote: try await desk.approachNote(for: consult), mayWithdraw: consult.stage == .requested,
            refusalKey: refusal)
        return try await request.renderPage(
            "esup/request", title: catalogue.text("esup.request.follow_title", language, [consult.reference]),
            content: content)
    }

    @Sendable func withdraw(_ request: Request) async throws -> Response {
        let id: Consult.ID = try ESUPPages.id(request)
        return try await ESUPPages.step(
            request, back: Self.path(id), notice: "withdrawn",
            render: { _, refusal in try await render(request, refusal: refusal) }
        ) {
            try await ESUPDesk(context: try request.deskContext()).withdraw(id)
        }
    }
}
