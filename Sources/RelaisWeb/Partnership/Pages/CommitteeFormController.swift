import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A coordinator describes a committee of their structure: `/comites/nouveau` adds one (a local partnership, a new
/// community's committee), `/comites/<code>/modifier` changes its kind, names, mandate, community, themes, region,
/// stations and seats.
struct CommitteeFormController {
    func register(on routes: any RoutesBuilder) {
        let keep = RouteAccess.permission(Permission(.update, .committeeMember))
        routes.on(.GET, "comites", "nouveau", access: keep, use: new)
        routes.on(.POST, "comites", "nouveau", access: keep, use: create)
        routes.on(.GET, "comites", ":code", "modifier", access: keep, use: edit)
        routes.on(.POST, "comites", ":code", "modifier", access: keep, use: save)
    }

    struct Form: Content {
        var code: String?
        var kind: String?
        var nameFrench: String?
        var nameEnglish: String?
        var mandateFrench: String?
        var mandateEnglish: String?
        var community: String?
        var themes: [String]?
        var region: String?
        var stations: [String]?
        var seats: String?

        var rules: CommitteeRules.Form {
            CommitteeRules.Form(
                code: code, kind: kind, nameFrench: nameFrench, nameEnglish: nameEnglish,
                mandateFrench: mandateFrench, mandateEnglish: mandateEnglish, community: community,
                themes: themes ?? [], region: region, stations: stations ?? [], seats: seats)
        }

        init(_ committee: Committee?) {
            code = committee?.code
            kind = committee?.kind.rawValue ?? CommitteeKind.partnership.rawValue
            nameFrench = committee?.nameFrench
            nameEnglish = committee?.nameEnglish
            mandateFrench = committee?.mandateFrench
            mandateEnglish = committee?.mandateEnglish
            community = committee?.community?.rawValue
            themes = (committee?.themes ?? CommitteeTheme.allCases).map(\.rawValue)
            region = committee?.region
            stations = committee?.stations
            seats = committee.map { String($0.seats) } ?? "10"
        }
    }

    struct Screen: Encodable {
        let action: String
        let editing: Bool
        let back: String
        let form: Form
        let kinds: [Choice]
        let communities: [Choice]
        let themes: [Choice]
        let stations: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let refusal: String?
    }

    private func render(
        _ request: Request, committee: Committee?, form: Form, errors: [String: String], refusal: String?
    ) async throws -> View {
        let stations = try await request.store.committees.stations()
        let title =
            committee.map { request.t("committees.form.edit", $0.name(request.language)) }
            ?? request.t("committees.form.new")
        return try await request.renderPage(
            "committees/committee-form", title: title,
            content: Screen(
                action: committee.map { "/comites/\($0.code)/modifier" } ?? "/comites/nouveau",
                editing: committee != nil,
                back: committee.map(CommitteesPagesController.path) ?? CommitteesPagesController.path, form: form,
                kinds: CommitteeKind.allCases.map {
                    Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: form.kind == $0.rawValue)
                },
                communities: Community.allCases.map {
                    Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: form.community == $0.rawValue)
                },
                themes: CommitteeTheme.allCases.map {
                    Choice(
                        value: $0.rawValue, label: request.t($0.labelKey),
                        checked: (form.themes ?? []).contains($0.rawValue))
                },
                stations: stations.map {
                    Choice(
                        value: $0.number, label: "\($0.name) — \($0.address)",
                        checked: (form.stations ?? []).contains($0.number))
                }, errors: errors, hasErrors: !errors.isEmpty || refusal != nil, refusal: refusal))
    }

    private func coordinated(_ request: Request) throws -> (CommitteeDesk, Organisation.ID) {
        let desk = CommitteeDesk(context: try request.deskContext())
        guard let organisation = desk.coordinated.first else { throw AccessError.forbidden }
        return (desk, organisation)
    }

    @Sendable func new(_ request: Request) async throws -> View {
        _ = try coordinated(request)
        return try await render(request, committee: nil, form: Form(nil), errors: [:], refusal: nil)
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (desk, organisation) = try coordinated(request)
        var made: Committee?
        let response = try await PageStep.run(
            request, back: CommitteesPagesController.path, notice: "committees.saved",
            render: { try await render(request, committee: nil, form: form, errors: $0, refusal: $1) }
        ) {
            let committee = try CommitteeRules.committee(
                form.rules, organisation: organisation, stations: try await request.store.committees.stations(),
                existing: nil)
            do {
                try await save(committee, desk: desk, request: request) { try await $0.committees.create(committee) }
            } catch StoreError.duplicate {
                throw ValidationError([FieldProblem(field: "code", messageKey: "committees.error.committee_code_taken")]
                )
            }
            made = committee
        }
        guard let made else { return response }
        return request.redirect(
            to: CommitteesPagesController.path(made) + "?avis=committees.saved", redirectType: .normal)
    }

    @Sendable func edit(_ request: Request) async throws -> View {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committee = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        try desk.requireCoordinator(committee)
        return try await render(request, committee: committee, form: Form(committee), errors: [:], refusal: nil)
    }

    @Sendable func save(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let desk = CommitteeDesk(context: try request.deskContext())
        let existing = try await desk.committee(code: request.parameters.get("code") ?? "", .update)
        try desk.requireCoordinator(existing)
        return try await PageStep.run(
            request, back: CommitteesPagesController.path(existing), notice: "committees.saved",
            render: { try await render(request, committee: existing, form: form, errors: $0, refusal: $1) }
        ) {
            let committee = try CommitteeRules.committee(
                form.rules, organisation: existing.organisationID,
                stations: try await request.store.committees.stations(), existing: existing)
            try await save(committee, desk: desk, request: request) { try await $0.committees.update(committee) }
        }
    }

    private func save(
        _ committee: Committee, desk: CommitteeDesk, request: Request,
        _ write: @escaping @Sendable (RelaisStore) async throws -> Void
    ) async throws {
        let actor = desk.actor
        let requestID = request.requestID
        try await request.store.transaction { tx in
            try await write(tx)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeSaved, resourceType: .committee,
                    resourceID: committee.id.description, purpose: committee.code, requestID: requestID))
        }
    }
}
