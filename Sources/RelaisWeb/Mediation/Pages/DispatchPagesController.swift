import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile team's office pages: the intake form, a request with its triage and dispatch, the live board.
struct DispatchPagesController {
    static let intakePath = "/demandes/nouvelle"
    static let boardPath = "/tableau"

    func register(on routes: any RoutesBuilder) {
        let create = RouteAccess.permission(Permission(.create, .serviceRequest))
        let read = RouteAccess.permission(Permission(.read, .serviceRequest))
        routes.on(.GET, "demandes", "nouvelle", access: create, use: intakePage)
        routes.on(.POST, "demandes", access: create, body: IntakeRules.bodyLimit, use: submitIntake)
        routes.on(.GET, "demandes", ":id", access: read, use: requestPage)
        routes.on(.GET, "demandes", ":id", "recu", access: create, use: receiptPage)
        routes.on(
            .POST, "demandes", ":id", "affectation", access: .permission(Permission(.update, .serviceRequest)),
            use: assign)
        routes.on(.GET, "tableau", access: read, use: boardPage)
        routes.webSocket("tableau", "direct", access: read, onUpgrade: liveBoard)
    }

    // MARK: intake

    struct Option: Encodable {
        let value: String
        let labelKey: String
        let selected: Bool
    }

    struct Question: Encodable {
        let name: String
        let labelKey: String
        let answer: String
        let errorKey: String?
        /// Where a "yes" sends the call (`call_911` or `police`), shown as soon as it is ticked.
        var yesOutcome: String = ""
    }

    /// Where the street map opens: the middle of the served boroughs, at a zoom where they fit a form's width.
    struct MapContent: Encodable {
        let latitude: Double
        let longitude: Double
        let zoom: Int
    }

    struct IntakeContent: Encodable {
        let values: [String: String]
        let errors: [String: String]
        let problems: [FieldProblem]
        let hasProblems: Bool
        let questions: [Question]
        let sources: [Option]
        let situations: [Option]
        let vulnerabilities: [Option]
        let outcomes: [Option]
        let priorities: [Option]
        let anonymous: Bool
        let map: MapContent?
        /// The source every request of this submitter has (a police officer's: the police), shown instead of a choice.
        let fixedSourceKey: String?
        /// Whether the submitter may override triage (an intake coordinator).
        let mayOverride: Bool
    }

    @Sendable func intakePage(_ request: Request) async throws -> View {
        try await renderIntake(request, form: IntakePageForm(), problems: [])
    }

    @Sendable func submitIntake(_ request: Request) async throws -> Response {
        let posted = IntakePageForm(FormFields(request.body.data?.readableBytesView ?? ByteBuffer().readableBytesView))
        do {
            switch try await IntakeDesk(context: try request.deskContext()).submit(posted.intakeForm) {
            case .created(let created):
                // Whoever may read the request sees all of it; a submitter from elsewhere (police, a sector
                // officer) sees what became of it.
                let readable = try await request.deskContext().allows(Permission(.read, .serviceRequest), on: created)
                return request.redirect(
                    to: "/demandes/\(created.id)" + (readable ? "" : "/recu"), redirectType: .normal)
            case .replayed(let replay):
                return request.redirect(to: "/demandes/\(replay.id)", redirectType: .normal)
            }
        } catch let error as ValidationError {
            let view = try await renderIntake(request, form: posted, problems: error.problems)
            return try await view.encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    private func renderIntake(_ request: Request, form: IntakePageForm, problems: [FieldProblem]) async throws
        -> View
    {
        let errors = Dictionary(problems.map { ($0.field, $0.messageKey) }, uniquingKeysWith: { first, _ in first })
        let values: [String: String] = [
            "policeEventNumber": form.policeEventNumber ?? "", "callerName": form.callerName ?? "",
            "callback": form.callback ?? "", "address": form.address ?? "", "latitude": form.latitude ?? "",
            "longitude": form.longitude ?? "", "description": form.description ?? "",
            "peopleCount": form.peopleCount ?? "1", "overrideReason": form.overrideReason ?? "",
        ]
        let questions = [
            ("immediateDangerToLife", form.immediateDangerToLife), ("weapon", form.weapon),
            ("crimeInProgress", form.crimeInProgress), ("medicalEmergency", form.medicalEmergency),
        ].map { name, answer in
            Question(
                name: name, labelKey: "mediation.intake.question.\(name)", answer: answer ?? "",
                errorKey: answer == nil ? errors["screening"] : nil,
                yesOutcome: request.relais.mediation.triage.outcomeOfYes(to: name).code)
        }
        let channel = request.actor.map(IntakeChannel.of) ?? .of(.analyst)
        let situations = request.relais.mediation.triage.situationWeights.keys.sorted()
        let ticked = Set(form.vulnerabilities ?? [])
        let served = try await request.store.territories.all(level: .borough).filter(\.served)
        let map = GeoBounds(served).map { bounds in
            MapContent(
                latitude: bounds.centre.latitude, longitude: bounds.centre.longitude, zoom: bounds.zoom(toFit: 600, 350)
            )
        }
        let content = IntakeContent(
            values: values, errors: errors, problems: problems, hasProblems: !problems.isEmpty, questions: questions,
            sources: RequestSource.allCases.map {
                Option(value: $0.rawValue, labelKey: $0.labelKey, selected: form.source == $0.rawValue)
            },
            situations: situations.map {
                Option(value: $0, labelKey: "mediation.situation.\($0)", selected: form.situation == $0)
            },
            vulnerabilities: IntakeRules.vulnerabilities.sorted().map {
                Option(value: $0, labelKey: "mediation.vulnerability.\($0)", selected: ticked.contains($0))
            },
            outcomes: ["queued", "call_911", "police", "out_of_territory"].map {
                Option(value: $0, labelKey: "mediation.triage_outcome.\($0)", selected: form.overrideOutcome == $0)
            },
            priorities: Priority.allCases.map {
                Option(
                    value: "\($0.rawValue)", labelKey: $0.labelKey, selected: form.overridePriority == "\($0.rawValue)")
            },
            anonymous: form.anonymous == "true", map: map, fixedSourceKey: channel.fixedSource?.labelKey,
            mayOverride: channel.mayOverrideTriage)
        return try await request.renderPage(
            "mediation/intake", title: request.t("mediation.intake.title"), content: content)
    }

    // MARK: one request

    struct TimelineStep: Encodable {
        let labelKey: String
        let at: String?
    }

    struct HistoryStep: Encodable {
        let at: String
        let teamName: String
        let labelKey: String
        let note: String?
    }

    struct RequestContent: Encodable {
        let id: String
        let instructionKey: String
        let outcome: String
        let statusKey: String
        let priorityKey: String?
        let sourceKey: String
        let policeEventNumber: String?
        let callerName: String?
        let callback: String?
        let address: String
        let latitude: String
        let longitude: String
        let territoryName: String?
        let situationKey: String
        let description: String
        let peopleCount: Int
        let vulnerabilityKeys: [String]
        let screening: [Question]
        let overridden: Bool
        let overrideReason: String?
        let timeline: [TimelineStep]
        /// What each team sent did, oldest first.
        let history: [HistoryStep]
        let hasHistory: Bool
        let teamName: String?
        let waiting: Bool
        let recommendations: [Dispatcher.Recommendation]
        let hasRecommendations: Bool
        let errorKey: String?
        let reasonError: String?
        /// The team chosen without the reason its choice needs: its reason field carries the message.
        let reasonErrorTeam: String?
        /// What the team did on scene, once it recorded something.
        let intervention: InterventionSummary?
        /// Closing it without a team (while it waits, for whoever may dispatch), and how it was closed.
        let mayClose: Bool
        let closureKinds: [Choice]
        let closeReason: String
        let closeDuplicateOf: String
        let closeErrors: [String: String]
        /// Whether the closing form shows open: a refused closing.
        let closeOpen: Bool
        let closure: ClosureContent?
        /// Its notes and call-backs, and the form to add one.
        let notes: [NoteContent]
        let hasNotes: Bool
        let mayNote: Bool
        let noteKinds: [Choice]
        let noteText: String
        let noteErrors: [String: String]
    }

    struct ClosureContent: Encodable {
        let kindKey: String
        let reason: String
        let duplicateLink: String?
        let duplicateReference: String?
    }

    struct NoteContent: Encodable {
        let kindKey: String
        let text: String
        let at: String
    }

    struct ReceiptContent: Encodable {
        let reference: String
        let instructionKey: String
        let outcome: String
        let statusKey: String
        let receivedAt: String
        let territoryName: String?
    }

    /// What became of a request, for the person who submitted it: where it went and what to do now, without
    /// anything about the people in it (no read of personal information).
    @Sendable func receiptPage(_ request: Request) async throws -> View {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        guard let id = request.parameters.get("id").flatMap(ServiceRequest.ID.init),
            let found = try await request.store.serviceRequests.summary(id), found.createdBy == actor.userID
        else { throw Abort(.notFound) }
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        let content = ReceiptContent(
            reference: String(found.id.description.prefix(8)), instructionKey: found.outcome.instructionKey,
            outcome: found.outcome.code, statusKey: found.status.labelKey,
            receivedAt: format.string(from: found.timeline.receivedAt), territoryName: found.territory?.name)
        return try await request.renderPage(
            "mediation/receipt", title: request.t("mediation.receipt.title"), content: content)
    }

    @Sendable func requestPage(_ request: Request) async throws -> View {
        try await renderRequest(request, errorKey: nil, reasonError: nil)
    }

    /// The request page again with a refused closing or note: what was typed, and each problem beside its field.
    func requestPage(
        _ request: Request, problems: [FieldProblem] = [], errorKey: String? = nil,
        closing: RequestListController.CloseForm? = nil, noting: RequestListController.NoteForm? = nil,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let errors = Dictionary(problems.map { ($0.field, $0.messageKey) }, uniquingKeysWith: { first, _ in first })
        let view = try await renderRequest(
            request, errorKey: errorKey ?? (problems.isEmpty ? nil : "error.validation"), reasonError: nil,
            closing: closing, noting: noting, formErrors: errors)
        return try await view.encodeResponse(status: status, for: request)
    }

    @Sendable func assign(_ request: Request) async throws -> Response {
        struct AssignForm: Content {
            var teamId: String?
            var reason: String?
        }
        let form = try request.content.decode(AssignForm.self)
        let dispatcher = Dispatcher(context: try request.deskContext())
        let id = request.parameters.get("id").flatMap(ServiceRequest.ID.init)
        do {
            let waiting = try await dispatcher.waitingRequest(id)
            try await dispatcher.assign(waiting, teamID: form.teamId.flatMap(MobileTeam.ID.init), reason: form.reason)
            return request.redirect(to: "/demandes/\(waiting.id)?avis=mediation.team_assigned", redirectType: .normal)
        } catch let error as ValidationError {
            let reason = error.problems.first { $0.field == "reason" }?.messageKey
            let view = try await renderRequest(
                request, errorKey: reason == nil ? error.problems.first?.messageKey : nil, reasonError: reason,
                reasonErrorTeam: reason == nil ? nil : form.teamId)
            return try await view.encodeResponse(status: .unprocessableEntity, for: request)
        } catch let conflict as DispatchConflict {
            let view = try await renderRequest(request, errorKey: conflict.messageKey, reasonError: nil)
            return try await view.encodeResponse(status: .conflict, for: request)
        }
    }

    private func renderRequest(
        _ request: Request, errorKey: String?, reasonError: String?, reasonErrorTeam: String? = nil,
        closing: RequestListController.CloseForm? = nil, noting: RequestListController.NoteForm? = nil,
        formErrors: [String: String] = [:]
    ) async throws -> View {
        let store = request.store
        let dispatcher = Dispatcher(context: try request.deskContext())
        let summary = try await dispatcher.requestInReach(request.parameters.get("id").flatMap(ServiceRequest.ID.init))
        let found = try await dispatcher.read(summary, for: .dispatch)
        let intake = found.intake
        let waiting = found.status == .waiting
        let mayAssign = try await request.allows(Permission(.update, .serviceRequest), on: summary)
        let recommendations = waiting && mayAssign ? try await dispatcher.recommendations(for: summary) : []
        let team = try await found.teamID.asyncFlatMap { try await store.teams.team($0) }
        let format = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        let timeline = found.timeline
        let mayReadIntervention = try await request.allows(Permission(.read, .intervention), on: summary)
        let intervention =
            mayReadIntervention
            ? try await store.interventions.read(requestID: found.id, by: dispatcher.context.reader(for: .dispatch))
            : nil
        // Every team the request was sent to, and what each did, dropped assignments included.
        let steps = try await store.teams.history(ofRequest: found.id, by: dispatcher.context.reader(for: .dispatch))
        var teamNames: [MobileTeam.ID: String] = [:]
        for id in Set(steps.map(\.teamID)) { teamNames[id] = try await store.teams.team(id)?.name }
        let history = steps.map { step in
            HistoryStep(
                at: format.string(from: step.change.at), teamName: teamNames[step.teamID] ?? "",
                labelKey: step.labelKey, note: step.note)
        }
        let screening = [
            ("immediateDangerToLife", intake.screening.immediateDangerToLife), ("weapon", intake.screening.weapon),
            ("crimeInProgress", intake.screening.crimeInProgress),
            ("medicalEmergency", intake.screening.medicalEmergency),
        ].map {
            Question(
                name: $0.0, labelKey: "mediation.intake.question.\($0.0)", answer: $0.1 ? "true" : "false",
                errorKey: nil)
        }
        let content = RequestContent(
            id: found.id.description, instructionKey: found.outcome.instructionKey, outcome: found.outcome.code,
            statusKey: found.status.labelKey, priorityKey: found.outcome.priority?.labelKey,
            sourceKey: intake.source.labelKey, policeEventNumber: intake.policeEventNumber,
            callerName: intake.caller?.name, callback: intake.caller?.callback, address: intake.address,
            latitude: String(format: "%.5f", intake.point.latitude),
            longitude: String(format: "%.5f", intake.point.longitude), territoryName: found.territory?.name,
            situationKey: "mediation.situation.\(intake.situation)", description: intake.description,
            peopleCount: intake.peopleCount,
            vulnerabilityKeys: intake.vulnerabilities.sorted().map { "mediation.vulnerability.\($0)" },
            screening: screening, overridden: intake.override != nil, overrideReason: intake.override?.reason,
            timeline: [
                TimelineStep(labelKey: "mediation.request.received", at: format.string(from: timeline.receivedAt)),
                TimelineStep(labelKey: "mediation.request.dispatched", at: timeline.dispatchedAt.map(format.string)),
                TimelineStep(labelKey: "mediation.request.en_route", at: timeline.enRouteAt.map(format.string)),
                TimelineStep(labelKey: "mediation.request.on_scene", at: timeline.onSceneAt.map(format.string)),
                TimelineStep(
                    labelKey: found.closure?.kind.labelKey ?? "mediation.request.cleared",
                    at: timeline.clearedAt.map(format.string)),
            ] + found.notes.map { TimelineStep(labelKey: $0.kind.labelKey, at: format.string(from: $0.at)) },
            history: history, hasHistory: !history.isEmpty, teamName: team?.name, waiting: waiting && mayAssign,
            recommendations: recommendations,
            hasRecommendations: !recommendations.isEmpty, errorKey: errorKey,
            reasonError: reasonError, reasonErrorTeam: reasonErrorTeam,
            intervention: intervention.map { InterventionSummary($0, request: request) },
            mayClose: waiting && mayAssign,
            closureKinds: RequestClosure.Kind.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: closing?.kind == $0.rawValue)
            },
            closeReason: closing?.reason ?? "", closeDuplicateOf: closing?.duplicateOf ?? "",
            closeErrors: closing == nil ? [:] : formErrors, closeOpen: closing != nil,
            closure: found.closure.map { closure in
                ClosureContent(
                    kindKey: closure.kind.labelKey, reason: closure.reason,
                    duplicateLink: closure.duplicateOf.map { "/demandes/\($0)" },
                    duplicateReference: closure.duplicateOf.map { String($0.description.prefix(8)) })
            },
            notes: found.notes.map {
                NoteContent(kindKey: $0.kind.labelKey, text: $0.text, at: format.string(from: $0.at))
            }, hasNotes: !found.notes.isEmpty,
            mayNote: mayAssign,
            noteKinds: RequestNote.Kind.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t($0.labelKey),
                    checked: (noting?.noteKind ?? RequestNote.Kind.note.rawValue) == $0.rawValue)
            },
            noteText: noting?.note ?? "", noteErrors: noting == nil ? [:] : formErrors)
        return try await request.renderPage(
            "mediation/request", title: request.t("mediation.request.title"), content: content)
    }

}
