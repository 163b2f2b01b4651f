import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/table/agences`: the table's agencies, their sectors and the dates they signed the information-sharing
/// agreement; administrators add an organisation to the table or change its sector and agreement.
struct AgenciesPageController {
    static let path = "/table/agences"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "table", "agences", access: .permission(Permission(.read, .tableAgency)), use: show)
        routes.on(.POST, "table", "agences", access: .permission(Permission(.update, .tableAgency)), use: save)
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row: Encodable {
        let name: String
        let sector: String
        let agreement: String?
    }

    struct Content: Encodable {
        let agencies: [Row]
        let mayEdit: Bool
        let organisations: [Option]
        let sectors: [Option]
        let agreement: String
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct Form: Vapor.Content {
        var organisationId: String?
        var sector: String?
        var agreementSignedOn: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, form: Form(), errors: [:])
    }

    @Sendable func save(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let context = try request.deskContext()
        let store = request.store
        let zone = request.relais.config.timeZone
        var problems: [FieldProblem] = []
        let organisation = try await form.organisationId.flatMap(Organisation.ID.init).asyncFlatMap {
            try await store.accounts.organisation($0)
        }
        if organisation == nil {
            problems.append(FieldProblem(field: "organisationId", messageKey: "table.error.organisation"))
        }
        let sector = form.sector.flatMap(AgencySector.init(rawValue:))
        if sector == nil { problems.append(FieldProblem(field: "sector", messageKey: "table.error.sector")) }
        let typed = form.agreementSignedOn.trimmedNonEmpty
        let signed = typed.flatMap { SituationRules.day($0, timeZone: zone) }
        if typed != nil {
            if signed.map({ $0 > store.now.addingTimeInterval(86_400) }) ?? true {
                problems.append(FieldProblem(field: "agreementSignedOn", messageKey: "table.error.agreement_date"))
            }
        }
        guard problems.isEmpty, let organisation, let sector else {
            let errors = Dictionary(problems.map { ($0.field, $0.messageKey) }) { first, _ in first }
            return try await render(request, form: form, errors: errors)
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
        try await store.transaction { tx in
            try await tx.tableAgencies.save(organisation.id, sector: sector, agreementSignedOn: signed)
            try await tx.audit.append(
                AuditRecord(
                    actor: context.actor, action: .tableAgencyChanged, resourceType: .tableAgency,
                    resourceID: organisation.id.description,
                    purpose: "\(sector.rawValue) \(form.agreementSignedOn.trimmedNonEmpty ?? "-")",
                    requestID: context.requestID))
        }
        return request.redirect(to: Self.path + "?avis=table.agency_saved", redirectType: .normal)
    }

    private func render(_ request: Request, form: Form, errors: [String: String]) async throws -> View {
        let store = request.store
        let language = request.language
        let catalogue = request.relais.catalogue
        func t(_ key: String) -> String { catalogue.text(key, language) }
        let actor = try request.deskContext().actor
        let day = DateFormatter.day(in: request.relais.config.timeZone)
        let agencies = try await store.tableAgencies.all()
        let mayEdit = AccessPolicy.decide(actor, Permission(.update, .tableAgency)).isAllowed
        let organisations = mayEdit ? try await store.accounts.organisations() : []
        let content = Content(
            agencies: agencies.map {
                Row(
                    name: $0.name, sector: t($0.sector.labelKey), agreement: $0.agreementSignedOn.map(day.string(from:))
                )
            },
            mayEdit: mayEdit,
            organisations: organisations.map {
                Option(value: $0.id.description, label: $0.name, selected: form.organisationId == $0.id.description)
            },
            sectors: AgencySector.allCases.map {
                Option(value: $0.rawValue, label: t($0.labelKey), selected: form.sector == $0.rawValue)
            },
            agreement: form.agreementSignedOn ?? "", errors: errors, hasErrors: !errors.isEmpty)
        return try await request.renderPage("table/agencies", title: t("table.agencies.title"), content: content)
    }
}
