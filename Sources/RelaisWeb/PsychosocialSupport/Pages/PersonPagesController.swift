import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/esup/personnes`: "have we met this person?" — a search by full name and birth date or by phone number, posted
/// so that no name reaches an address or a log; the team records a person it has not met. `/esup/personnes/:id`: the
/// record (its read audited), consent per purpose, the support plan, its contacts, merging, and the person's own
/// record of reads for an access request.
struct PersonPagesController {
    static let searchPath = "/esup/personnes"

    static func path(_ id: Person.ID) -> String { "/esup/personnes/\(id)" }

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .person))
        let update = RouteAccess.permission(Permission(.update, .person))
        routes.on(.GET, "esup", "personnes", access: read, use: showSearch)
        routes.on(.POST, "esup", "personnes", "recherche", access: read, use: search)
        routes.on(.POST, "esup", "personnes", access: RouteAccess.permission(Permission(.create, .person)), use: record)
        routes.on(.GET, "esup", "personnes", ":id", access: read, use: show)
        routes.on(.GET, "esup", "personnes", ":id", "lectures.csv", access: read, use: reads)
        routes.on(.POST, "esup", "personnes", ":id", "fusion", "examen", access: update, use: reviewMerge)
        let steps: [(String, String, @Sendable (ESUPDesk, Person.ID, StepForm) async throws -> Void)] = [
            (
                "consentements", "consent_recorded",
                { desk, id, form in
                    try await desk.recordConsent(id, purpose: form.purpose, basis: form.basis, note: form.note)
                }
            ),
            (
                "retrait", "consent_withdrawn",
                { desk, id, form in try await desk.withdrawConsent(id, purpose: form.purpose) }
            ),
            (
                "plan", "plan_written",
                { desk, id, form in
                    try await desk.writePlan(
                        id,
                        ESUPDesk.PlanForm(
                            whatHelps: form.whatHelps, toAvoid: form.toAvoid, peopleToCall: form.peopleToCall,
                            preferredResources: form.preferredResources, approachNote: form.approachNote,
                            reviewOn: form.reviewOn))
                }
            ),
            (
                "fusion", "merged",
                { desk, id, form in
                    guard form.confirmed == "yes" else {
                        throw ValidationError([FieldProblem(field: "confirmed", messageKey: "esup.error.merge_confirm")]
                        )
                    }
                    try await desk.merge(into: id, mergedReference: form.merged, reason: form.reason)
                }
            ),
            (
                "defusion", "merge_undone",
                { desk, id, form in
                    guard let merge = form.mergeId.flatMap(PersonMerge.ID.init) else { throw Abort(.notFound) }
                    try await desk.undoMerge(merge, of: id)
                }
            ),
        ]
        for (segment, notice, action) in steps {
            routes.on(.POST, "esup", "personnes", ":id", .constant(segment), access: update) { request in
                let id: Person.ID = try ESUPPages.id(request)
                let form = try request.content.decode(StepForm.self)
                return try await ESUPPages.step(
                    request, back: Self.path(id), notice: notice,
                    render: { errors, refusal in try await render(request, id: id, errors: errors, refusal: refusal) }
                ) {
                    try await action(ESUPDesk(context: try request.deskContext()), id, form)
                }
            }
        }
    }

    // MARK: search

    struct SearchForm: Content {
        var givenName: String?
        var familyName: String?
        var birthDate: String?
        var phone: String?
        /// The consult to link the person to, when the search started from one.
        var consult: String?
    }

    struct Found: Encodable {
        let id: String
        let href: String
        let reference: String
        let name: String
        let birthDate: String?
    }

    struct SearchContent: Encodable {
        let values: SearchForm
        let searched: Bool
        let found: [Found]
        let consult: String?
        let errors: [String: String]
        let hasErrors: Bool
    }

    @Sendable func showSearch(_ request: Request) async throws -> View {
        _ = try await ESUPDesk(context: try request.deskContext()).ownTeam(Permission(.read, .person))
        let consult = request.query[String.self, at: "consultation"].flatMap(Consult.ID.init)
        return try await renderSearch(
            request, form: SearchForm(consult: consult?.description), found: nil, errors: [:])
    }

    @Sendable func search(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SearchForm.self)
        let desk = ESUPDesk(context: try request.deskContext())
        do {
            let found = try await desk.find(
                ESUPDesk.Search(
                    givenName: form.givenName, familyName: form.familyName, birthDate: form.birthDate, phone: form.phone
                ))
            return try await renderSearch(request, form: form, found: found, errors: [:]).encodeResponse(for: request)
        } catch let error as ValidationError {
            return try await renderSearch(request, form: form, found: nil, errors: Self.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    @Sendable func record(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SearchForm.self)
        let desk = ESUPDesk(context: try request.deskContext())
        do {
            let person = try await desk.record(
                ESUPDesk.Search(
                    givenName: form.givenName, familyName: form.familyName, birthDate: form.birthDate, phone: form.phone
                ))
            if let consult = form.consult.flatMap(Consult.ID.init) {
                try await desk.link(consult, to: person.id)
                return request.redirect(
                    to: ConsultPagesController.path(consult) + "?avis=esup.person_linked", redirectType: .normal)
            }
            return request.redirect(to: Self.path(person.id) + "?avis=esup.person_recorded", redirectType: .normal)
        } catch let error as ValidationError {
            return try await renderSearch(request, form: form, found: nil, errors: Self.errors(error))
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
    }

    private static func errors(_ error: ValidationError) -> [String: String] {
        Dictionary(error.problems.map { ($0.field, $0.messageKey) }) { first, _ in first }
    }

    private func renderSearch(_ request: Request, form: SearchForm, found: [OpenedPerson]?, errors: [String: String])
        async throws -> View
    {
        let content = SearchContent(
            values: form, searched: found != nil,
            found: (found ?? []).map {
                Found(
                    id: $0.person.id.description, href: Self.path($0.person.id), reference: $0.person.reference,
                    name: $0.identifiers.fullName, birthDate: $0.identifiers.birthDate)
            },
            consult: form.consult.flatMap(Consult.ID.init)?.description, errors: errors, hasErrors: !errors.isEmpty)
        return try await request.renderPage("esup/persons", title: request.t("esup.persons.title"), content: content)
    }

    // MARK: a person

    struct StepForm: Content {
        var purpose: String?
        var basis: String?
        var note: String?
        var whatHelps: String?
        var toAvoid: String?
        var peopleToCall: String?
        var preferredResources: String?
        var approachNote: String?
        var reviewOn: String?
        var merged: String?
        var reason: String?
        var mergeId: String?
        /// `yes` once the two records were compared side by side.
        var confirmed: String?
    }

    struct ConsentRow: Encodable {
        let purpose: String
        let basis: String
        let note: String?
        let recordedAt: String
        let withdrawnAt: String?
    }

    struct Holding: Encodable {
        let purpose: String
        let label: String
        let basis: String?
    }

    struct ContactRow: Encodable {
        let href: String
        let reference: String
        let when: String
        let outcome: String
    }

    struct MergeRow: Encodable {
        let id: String
        let reference: String
        let reason: String
        let when: String
        let undone: Bool
    }

    struct Screen: Encodable {
        let id: String
        let reference: String
        let name: String
        let birthDate: String?
        let phone: String?
        let mergedInto: String?
        let holding: [Holding]
        let consents: [ConsentRow]
        let purposes: [Choice]
        let bases: [Choice]
        let plan: ConsultPagesController.PlanBox?
        let planValues: StepForm
        let contacts: [ContactRow]
        let cross: [String]
        let merges: [MergeRow]
        let defaultReview: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorKeys: [String]
        let refusalKey: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, id: try ESUPPages.id(request), errors: [:], refusal: nil)
    }

    func render(_ request: Request, id: Person.ID, errors: [String: String], refusal: String?) async throws -> View {
        let desk = ESUPDesk(context: try request.deskContext())
        let store = request.store
        let opened = try await desk.person(id)
        let catalogue = request.relais.catalogue
        let language = request.language
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let format = DateFormatter.relais(.weekdayAndTime, language, timeZone: desk.timeZone)
        let people = [id] + (try await store.persons.mergedInto(id))
        let consents = opened.consents
        let plan = try await store.supportPlans.current(for: people, by: desk.context.reader(for: .personFollowUp))
        let contacts = try await store.consults.about(people)
        let cross = try await desk.crossCounts(opened)
        let organisations = try await store.accounts.organisations()
        var merges: [MergeRow] = []
        for merge in try await store.persons.merges(into: id, by: desk.context.reader(for: .personFollowUp)) {
            merges.append(
                MergeRow(
                    id: merge.id.description,
                    reference: try await store.persons.person(merge.mergedID)?.reference ?? "—", reason: merge.reason,
                    when: format.string(from: merge.mergedAt), undone: merge.undoneAt != nil))
        }
        let content = Screen(
            id: id.description, reference: opened.person.reference, name: opened.identifiers.fullName,
            birthDate: opened.identifiers.birthDate, phone: opened.identifiers.phone,
            mergedInto: try await opened.person.mergedInto.asyncFlatMap { try await store.persons.person($0) }?
                .reference,
            holding: ConsentPurpose.allCases.map { purpose in
                Holding(
                    purpose: purpose.rawValue, label: t(purpose.labelKey),
                    basis: ConsentRules.holding(purpose, in: consents).map { t($0.basis.labelKey) })
            },
            consents: consents.reversed().map {
                ConsentRow(
                    purpose: t($0.purpose.labelKey), basis: t($0.basis.labelKey), note: $0.note,
                    recordedAt: format.string(from: $0.recordedAt),
                    withdrawnAt: $0.withdrawnAt.map { format.string(from: $0) })
            },
            purposes: ConsentPurpose.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: false)
            },
            bases: DisclosureBasis.allCases.map {
                Choice(value: $0.rawValue, label: t($0.labelKey), checked: $0 == .consent)
            },
            plan: plan.map {
                ConsultPagesController.PlanBox(
                    whatHelps: $0.content.whatHelps, toAvoid: $0.content.toAvoid, peopleToCall: $0.content.peopleToCall,
                    approachNote: $0.content.approachNote, reviewOn: $0.content.reviewOn,
                    holds: SupportPlanRules.holds($0, consents: consents, today: desk.today))
            },
            planValues: StepForm(
                whatHelps: plan?.content.whatHelps, toAvoid: plan?.content.toAvoid,
                peopleToCall: plan?.content.peopleToCall, preferredResources: plan?.content.preferredResources,
                approachNote: plan?.content.approachNote, reviewOn: plan?.content.reviewOn),
            contacts: contacts.map {
                ContactRow(
                    href: ConsultPagesController.path($0.id), reference: $0.reference,
                    when: format.string(from: $0.requestedAt),
                    outcome: $0.outcome.map { t($0.labelKey) } ?? t($0.stage.labelKey))
            },
            cross: cross.map { count in
                catalogue.text(
                    "esup.cross.count", language,
                    [
                        String(count.count), t("programme.\(count.programme)"),
                        organisations.first { $0.id == count.organisationID }?.name ?? "",
                    ])
            },
            merges: merges,
            defaultReview: Evening.day(of: store.now.addingTimeInterval(90 * 86_400), timeZone: desk.timeZone),
            errors: errors, hasErrors: !errors.isEmpty, errorKeys: Array(Set(errors.values)).sorted(),
            refusalKey: refusal)
        return try await request.renderPage(
            "esup/person", title: catalogue.text("esup.person.title", language, [opened.person.reference]),
            content: content)
    }

    struct Side: Encodable {
        let reference: String
        let name: String
        let birthDate: String?
        let phone: String?
        let contacts: Int
        let consents: Int
    }

    struct ReviewScreen: Encodable {
        let id: String
        let survivor: Side
        let merged: Side
        let mergedReference: String
        let reason: String
    }

    /// `POST /esup/personnes/:id/fusion/examen`: the two records side by side (each read audited) before the merge is
    /// confirmed; a merge the rules refuse is refused here, on the person's page.
    @Sendable func reviewMerge(_ request: Request) async throws -> Response {
        let id: Person.ID = try ESUPPages.id(request)
        let form = try request.content.decode(StepForm.self)
        let desk = ESUPDesk(context: try request.deskContext())
        let review: (survivor: OpenedPerson, merged: OpenedPerson, reason: String)
        do {
            review = try await desk.mergeReview(into: id, mergedReference: form.merged, reason: form.reason)
        } catch let error as any DomainError where error.kind == .invalidInput || error.kind == .conflict {
            let errors = Dictionary(error.fieldProblems.map { ($0.field, $0.messageKey) }) { first, _ in first }
            return try await render(
                request, id: id, errors: errors, refusal: error.fieldProblems.isEmpty ? error.messageKey : nil
            ).encodeResponse(status: error.kind == .conflict ? .conflict : .unprocessableEntity, for: request)
        }
        func side(_ opened: OpenedPerson) async throws -> Side {
            let people = [opened.person.id] + (try await request.store.persons.mergedInto(opened.person.id))
            return Side(
                reference: opened.person.reference, name: opened.identifiers.fullName,
                birthDate: opened.identifiers.birthDate, phone: opened.identifiers.phone,
                contacts: try await request.store.consults.about(people).count, consents: opened.consents.count)
        }
        let screen = ReviewScreen(
            id: id.description, survivor: try await side(review.survivor), merged: try await side(review.merged),
            mergedReference: review.merged.person.reference, reason: review.reason)
        return try await request.renderPage(
            "esup/merge-review", title: request.t("esup.merge.title"), content: screen
        ).encodeResponse(for: request)
    }

    /// `/esup/personnes/:id/lectures.csv`: every read of the person's record — when, by whom, why — for their access
    /// request.
    @Sendable func reads(_ request: Request) async throws -> Response {
        let id: Person.ID = try ESUPPages.id(request)
        let desk = ESUPDesk(context: try request.deskContext())
        let entries = try await desk.readsOf(id)
        var names: [User.ID: String] = [:]
        for entry in entries {
            guard let user = entry.actorUserID, names[user] == nil else { continue }
            names[user] = try await request.store.accounts.user(user)?.displayName ?? "—"
        }
        let iso = ISO8601DateFormatter()
        let text = CSV.write(
            [["when", "who", "action", "purpose"]]
                + entries.reversed().map { entry in
                    [
                        iso.string(from: Date(timeIntervalSince1970: Double(entry.occurredAtMilliseconds) / 1_000)),
                        entry.actorUserID.flatMap { names[$0] } ?? "—", entry.action.rawValue, entry.purpose ?? "",
                    ]
                })
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"lectures-\(id).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
