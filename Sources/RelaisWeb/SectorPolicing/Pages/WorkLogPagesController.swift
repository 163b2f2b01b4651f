import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/reso/journal`: the officer's work log on a phone — a contact with a business, a resident, a vulnerable person or
/// a family, or a visit, where (with the phone's position if they wish), what was said or done, linked to a problem of
/// the sector; then the last 30 days of entries (an audited read of the officer's own log). Where ÉSUP runs, the
/// officer asks the service's social workers for a consult from here (ÉSUP's own request form and flow).
struct WorkLogPagesController {
    static let path = "/reso/journal"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "reso", "journal", access: .permission(Permission(.read, .sectorContact)), use: show)
        routes.on(.POST, "reso", "journal", access: .permission(Permission(.create, .sectorContact)), use: record)
    }

    struct Form: Content {
        var kind: String?
        var place: String?
        var note: String?
        var latitude: String?
        var longitude: String?
        var minutesAgo: String?
        var problem: String?
        var givenName: String?
        var familyName: String?
        var birthDate: String?
        var phone: String?
    }

    struct Row: Encodable {
        let kindKey: String
        let at: String
        let place: String
        let note: String
        let problem: String?
        /// The person's pseudonymous reference (`P-0012`), if one was named.
        let person: String?
    }

    struct LogContent: Encodable {
        let kinds: [Choice]
        let problems: [Choice]
        let hasProblems: Bool
        let values: Form
        let errors: [String: String]
        let hasErrors: Bool
        let refusalKey: String?
        let rows: [Row]
        let hasRows: Bool
        let days: Int
        /// Whether the officer may ask the service's social workers for a consult (ÉSUP runs here).
        let mayAskConsult: Bool
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, form: Form(), errors: [:], refusal: nil)
    }

    @Sendable func record(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        return try await PageStep.run(
            request, back: Self.path, notice: "reso.contact_recorded",
            render: { errors, refusal in try await render(request, form: form, errors: errors, refusal: refusal) }
        ) {
            try await ResoDesk(context: try request.deskContext()).recordContact(
                ResoDesk.ContactForm(
                    kind: form.kind, place: form.place, note: form.note, latitude: form.latitude,
                    longitude: form.longitude, minutesAgo: form.minutesAgo, problem: form.problem,
                    givenName: form.givenName, familyName: form.familyName, birthDate: form.birthDate, phone: form.phone
                ))
        }
    }

    private func render(_ request: Request, form: Form, errors: [String: String], refusal: String?) async throws
        -> View
    {
        let desk = ResoDesk(context: try request.deskContext())
        let officer = try await desk.loggingOfficer(.read)
        let problems = try await request.store.sectorProblems.list(
            organisation: officer.organisationID, sectors: officer.sectorCode.map { [$0] }
        ).filter { $0.stage != .closed }
        let titles = Dictionary(problems.map { ($0.id, $0.title) }) { first, _ in first }
        let format = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: request.relais.config.timeZone)
        let log = try await desk.workLog()
        // Each person named in the log is read once (their reference only, nothing sealed).
        var references: [Person.ID: String] = [:]
        for id in Set(log.compactMap(\.personID)) {
            references[id] = try await request.store.persons.person(id)?.reference
        }
        let rows = log.map { contact in
            Row(
                kindKey: contact.kind.labelKey, at: format.string(from: contact.at), place: contact.place,
                note: contact.note, problem: contact.problemID.flatMap { titles[$0] },
                person: contact.personID.flatMap { references[$0] })
        }
        let content = LogContent(
            kinds: ContactKind.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: form.kind == $0.rawValue)
            },
            problems: problems.map {
                Choice(value: $0.id.description, label: $0.title, checked: form.problem == $0.id.description)
            }, hasProblems: !problems.isEmpty, values: form, errors: errors, hasErrors: !errors.isEmpty,
            refusalKey: refusal, rows: rows, hasRows: !rows.isEmpty, days: ResoDesk.logDays,
            mayAskConsult: request.application.programmes.contains { $0.id == "esup" }
                && AccessPolicy.decide(desk.actor, Permission(.create, .consultRequest)).isAllowed)
        return try await request.renderPage("reso/work-log", title: request.t("reso.log.title"), content: content)
    }
}
