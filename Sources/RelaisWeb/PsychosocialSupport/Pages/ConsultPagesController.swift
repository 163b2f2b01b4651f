import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/esup/consultations/:id`: the duo's record of a consult — the request, taking it, arriving, the advice and to
/// whom, the social worker's assessment, the officers' release, the person it concerns with their earlier contacts,
/// support plan and other programmes' count, follow-up tasks, and closing with the outcome. Every step is a form post
/// that comes back here.
struct ConsultPagesController {
    static func path(_ id: Consult.ID) -> String { "/esup/consultations/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .consult))
        let update = RouteAccess.permission(Permission(.update, .consult))
        routes.on(.GET, "esup", "consultations", ":id", access: read, use: show)
        let steps: [(String, String, @Sendable (ESUPDesk, Consult.ID, StepForm) async throws -> Void)] = [
            ("prise-en-charge", "accepted", { desk, id, _ in try await desk.accept(id) }),
            ("sur-place", "arrived", { desk, id, _ in try await desk.arrive(id) }),
            (
                "conseil", "advised",
                { desk, id, form in try await desk.advise(id, advice: form.advice, to: form.advisedTo) }
            ),
            (
                "evaluation", "assessed",
                { desk, id, form in
                    try await desk.assess(
                        id, riskToSelf: form.riskToSelf, riskToOthers: form.riskToOthers, note: form.assessmentNote)
                }
            ),
            ("liberation", "officers_freed", { desk, id, _ in try await desk.freeOfficers(id) }),
            (
                "personne", "person_linked",
                { desk, id, form in
                    guard let person = form.personId.flatMap(Person.ID.init) else {
                        throw ValidationError([FieldProblem(field: "personId", messageKey: "esup.error.person")])
                    }
                    try await desk.link(id, to: person)
                }
            ),
            (
                "fermeture", "closed",
                { desk, id, form in
                    try await desk.close(
                        id, outcome: form.outcome, legalGround: form.legalGround, resources: form.resources ?? [])
                }
            ),
            (
                "taches", "task_added",
                { desk, id, form in
                    let consult = try await desk.consult(id)
                    try await desk.addTask(
                        consult: id, person: consult.personID, what: form.what, assignee: form.assignee,
                        dueOn: form.dueOn)
                }
            ),
        ]
        for (segment, notice, action) in steps {
            routes.on(.POST, "esup", "consultations", ":id", .constant(segment), access: update) { request in
                try await step(request, notice: notice, action)
            }
        }
    }

    struct StepForm: Content {
        var advice: String?
        var advisedTo: String?
        var riskToSelf: String?
        var riskToOthers: String?
        var assessmentNote: String?
        var personId: String?
        var outcome: String?
        var legalGround: String?
        var resources: [String]?
        var what: String?
        var assignee: String?
        var dueOn: String?
    }

    struct Contact: Encodable {
        let reference: String
        let when: String
        let outcome: String
    }

    struct PersonBox: Encodable {
        let href: String
        let reference: String
        let name: String
        let ordinal: Int
        let repeatLabel: String
        let earlier: [Contact]
        let plan: PlanBox?
        let cross: [String]
    }

    struct PlanBox: Encodable {
        let whatHelps: String
        let toAvoid: String?
        let peopleToCall: String?
        let approachNote: String?
        let reviewOn: String
        let holds: Bool
    }

    struct Hit: Encodable {
        let id: String
        let name: String
        let organisation: String
    }

    struct Task: Encodable {
        let what: String
        let due: String
        let assignee: String
    }

    struct Screen: Encodable {
        let id: String
        let reference: String
        let stageKey: String
        let modeKey: String
        let onScene: Bool
        let sceneSecured: Bool
        let emergencyFirst: Bool
        let requestedAt: String
        let eventNumber: String
        let place: String
        let situations: [String]
        let details: String?
        let callback: String?
        let duo: String?
        let arrivedAt: String?
        let officersFreedAt: String?
        let closedAt: String?
        let advice: String?
        let advisedTo: String?
        let riskToSelfKey: String?
        let riskToOthersKey: String?
        let assessmentNote: String?
        let outcomeKey: String?
        let legalGroundKey: String?
        let resources: [String]
        let mayAccept: Bool
        let working: Bool
        let mayArrive: Bool
        let person: PersonBox?
        let mayLink: Bool
        let outcomes: [Choice]
        let grounds: [Choice]
        let levels: [Choice]
        let resourceQuery: String
        let hits: [Hit]
        let searched: Bool
        let tasks: [Task]
        let members: [Choice]
        let tomorrow: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorKeys: [String]
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil)
    }

    func render(_ request: Request, errors: [String: String], refusal: String?) async throws -> View {
        let desk = ESUPDesk(context: try request.deskContext())
        let store = request.store
        let consult = try await desk.consult(try ESUPPages.id(request))
        let catalogue = request.relais.catalogue
        let language = request.language
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let duo = try await consult.duoID.asyncFlatMap { try await store.duos.duo($0) }
        let ownDuo = try await desk.ownDuo()
        let person = try await consult.personID.asyncFlatMap {
            try await personBox($0, consult: consult, desk: desk, request: request)
        }
        let query = request.query[String.self, at: "ressources"].map { String($0.trimmed.prefix(200)) } ?? ""
        var hits: [Hit] = []
        if !query.isEmpty {
            hits = try await store.directory.search(
                DirectorySearch(text: query, need: nil, now: store.now, near: nil, limit: 8), timeZone: desk.timeZone
            ).map {
                Hit(id: $0.id, name: $0.translations.name(in: language) ?? $0.name, organisation: $0.organizationName)
            }
        }
        var resources: [String] = []
        for id in consult.resourceIDs {
            if let service = try await store.directory.service(id: id), case .string(let name) = service["name"] {
                resources.append(name)
            } else {
                resources.append(id)
            }
        }
        let tasks = try await store.supportPlans.tasks(
            consult: consult.id, by: desk.context.reader(for: .personFollowUp))
        let members = try await store.accounts.members(of: consult.teamID)
        let names = Dictionary(members.map { ($0.user, $0.name) }) { first, _ in first }
        let content = Screen(
            id: consult.id.description, reference: consult.reference, stageKey: consult.stage.labelKey,
            modeKey: consult.request.mode.labelKey, onScene: consult.request.mode == .onScene,
            sceneSecured: consult.request.sceneSecured, emergencyFirst: consult.request.emergencyFirst,
            requestedAt: format.string(from: consult.requestedAt), eventNumber: consult.request.eventNumber,
            place: consult.request.place, situations: consult.request.situations.map { t($0.labelKey) },
            details: consult.request.details, callback: consult.request.callback, duo: duo?.callSign,
            arrivedAt: consult.arrivedAt.map { format.string(from: $0) },
            officersFreedAt: consult.officersFreedAt.map { format.string(from: $0) },
            closedAt: consult.closedAt.map { format.string(from: $0) }, advice: consult.advice,
            advisedTo: consult.advisedTo, riskToSelfKey: consult.assessment?.riskToSelf.labelKey,
            riskToOthersKey: consult.assessment?.riskToOthers.labelKey, assessmentNote: consult.assessment?.note,
            outcomeKey: consult.outcome?.labelKey, legalGroundKey: consult.legalGround?.labelKey,
            resources: resources, mayAccept: consult.stage == .requested && ownDuo?.status.takesConsults == true,
            working: consult.stage == .accepted,
            mayArrive: consult.stage == .accepted && consult.request.mode == .onScene && consult.arrivedAt == nil,
            person: person, mayLink: consult.stage == .requested || consult.stage == .accepted,
            outcomes: ConsultOutcome.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: false)
            },
            grounds: P38Ground.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: false)
            },
            levels: RiskLevel.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: false)
            },
            resourceQuery: query, hits: hits, searched: !query.isEmpty,
            tasks: tasks.filter { $0.doneAt == nil }.map {
                Task(what: $0.what, due: $0.dueOn, assignee: names[$0.assigneeID] ?? "—")
            },
            members: members.map {
                Choice(value: $0.user.description, label: $0.name, checked: $0.user == desk.actor.userID)
            },
            tomorrow: Evening.day(of: store.now.addingTimeInterval(86_400), timeZone: desk.timeZone),
            errors: errors, hasErrors: !errors.isEmpty, errorKeys: Array(Set(errors.values)).sorted(),
            refusalKey: refusal)
        return try await request.renderPage(
            "esup/consult", title: catalogue.text("esup.consult.title", language, [consult.reference]), content: content
        )
    }

    /// The person the consult concerns: their earlier contacts of the last 30 days, their plan, and the counts other
    /// programmes may share with the team.
    private func personBox(_ id: Person.ID, consult: Consult, desk: ESUPDesk, request: Request) async throws
        -> PersonBox
    {
        let store = request.store
        let opened = try await desk.person(id)
        let people = [id] + (try await store.persons.mergedInto(id))
        let repeats = RepeatContacts.of(
            try await store.consults.contacts(of: people), before: consult.requestedAt, excluding: consult.id)
        let language = request.language
        let catalogue = request.relais.catalogue
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let consents = opened.consents
        let plan = try await store.supportPlans.current(for: people, by: desk.context.reader(for: .personFollowUp))
        let cross = try await desk.crossCounts(opened)
        let organisations = try await store.accounts.organisations()
        return PersonBox(
            href: PersonPagesController.path(id), reference: opened.person.reference, name: opened.identifiers.fullName,
            ordinal: repeats.ordinal,
            repeatLabel: catalogue.text(
                repeats.ordinal == 1 ? "esup.repeat.first" : "esup.repeat.nth", language,
                [String(repeats.ordinal), String(RepeatContacts.windowDays)]),
            earlier: repeats.earlier.map {
                Contact(
                    reference: $0.reference, when: format.string(from: $0.at),
                    outcome: $0.outcome.map { catalogue.text($0.labelKey, language) } ?? "—")
            },
            plan: plan.map {
                PlanBox(
                    whatHelps: $0.content.whatHelps, toAvoid: $0.content.toAvoid, peopleToCall: $0.content.peopleToCall,
                    approachNote: $0.content.approachNote, reviewOn: $0.content.reviewOn,
                    holds: SupportPlanRules.holds($0, consents: consents, today: desk.today))
            },
            cross: cross.map { count in
                catalogue.text(
                    "esup.cross.count", language,
                    [
                        String(count.count), catalogue.text("programme.\(count.programme)", language),
                        organisations.first { $0.id == count.organisationID }?.name ?? "",
                    ])
            })
    }

    private func step(
        _ request: Request, notice: String, _ action: @Sendable (ESUPDesk, Consult.ID, StepForm) async throws -> Void
    ) async throws -> Response {
        let id: Consult.ID = try ESUPPages.id(request)
        let form = try request.content.decode(StepForm.self)
        return try await ESUPPages.step(
            request, back: Self.path(id), notice: notice,
            render: { errors, refusal in try await render(request, errors: errors, refusal: refusal) }
        ) {
            try await action(ESUPDesk(context: try request.deskContext()), id, form)
        }
    }
}
