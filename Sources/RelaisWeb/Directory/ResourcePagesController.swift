import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The page of a resource's staff (`/ma-ressource`): the services their organisation looks after, with a form to
/// report free and taken places, and the referrals mobile teams made to them, to accept or decline.
struct ResourcePagesController {
    static let path = "/ma-ressource"

    func register(on routes: any RoutesBuilder) {
        let access = RouteAccess.permission(ResourceDesk.update)
        routes.on(.GET, "ma-ressource", access: access, use: page)
        routes.on(.POST, "ma-ressource", "services", ":id", "capacite", access: access, use: capacity)
        routes.on(.POST, "ma-ressource", "services", ":id", "horaires", access: access, use: hours)
        routes.on(.POST, "ma-ressource", "references", ":id", access: access, use: answer)
    }

    struct PageContent: Encodable {
        struct Service: Encodable {
            let id: String
            let name: String
            let active: Bool
            /// The form's values: as typed when it was refused, otherwise the last report.
            let available: String
            let occupied: String
            let availableError: String?
            let occupiedError: String?
            /// "Free places: 3 of 20 (updated …)", when reported.
            let capacity: String?
            /// Its weekly hours as form rows: those it has, then two empty ones to add.
            let hours: [HoursRow]
        }

        /// One row of the hours form: the days it covers, when it opens and closes.
        struct HoursRow: Encodable {
            struct Day: Encodable {
                let code: String
                let labelKey: String
                let checked: Bool
            }

            let index: Int
            /// Its number as shown, from 1.
            let number: String
            let days: [Day]
            let opens: String
            let closes: String
        }

        /// What the staff typed in one service's form, shown again with what was wrong.
        struct Typed {
            let serviceID: String
            let available: String
            let occupied: String
        }

        struct Referral: Encodable {
            let id: String
            let resourceName: String
            let asked: String?
            let referredAt: String
            let answerKey: String
            let open: Bool
        }

        /// A team on its way with someone, or arrived.
        struct Escort: Encodable {
            let text: String
            let arrived: Bool
        }

        let escorts: [Escort]
        let hasEscorts: Bool
        let services: [Service]
        let hasServices: Bool
        let referrals: [Referral]
        let hasReferrals: Bool
        let errorKey: String?
        let problemKeys: [String]
    }

    @Sendable func page(_ request: Request) async throws -> View {
        try await render(request, error: nil)
    }

    @Sendable func capacity(_ request: Request) async throws -> Response {
        struct CapacityForm: Codable {
            var available: String?
            var occupied: String?
        }
        let desk = ResourceDesk(context: try request.deskContext())
        let (id, actor) = try await desk.stewardedService(request.parameters.get("id") ?? "")
        let form = try request.content.decode(CapacityForm.self)
        let typed = PageContent.Typed(serviceID: id, available: form.available ?? "", occupied: form.occupied ?? "")
        return try await respond(request, typed: typed) {
            func number(_ text: String?, _ field: String) throws(ValidationError) -> Int? {
                guard let text = text.trimmedNonEmpty else { return nil }
                guard let value = Int(text) else {
                    throw ValidationError([FieldProblem(field: field, messageKey: "error.capacity.\(field)")])
                }
                return value
            }
            let occupied = try number(form.occupied, "occupied")
            guard let available = try number(form.available, "available") else {
                throw ValidationError([FieldProblem(field: "available", messageKey: "error.capacity.available")])
            }
            _ = try await desk.setCapacity(ofService: id, by: actor, available: available, occupied: occupied)
            return "capacity_updated"
        }
    }

    /// The week's days as HSDS writes them, Monday first.
    static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    /// The most rows the hours form sends.
    static let hoursRows = 20

    /// `POST /ma-ressource/services/{id}/horaires`: the staff set the service's weekly hours from the page (rows of
    /// days with an opening and a closing time; an empty row is ignored).
    @Sendable func hours(_ request: Request) async throws -> Response {
        let desk = ResourceDesk(context: try request.deskContext())
        let (id, actor) = try await desk.stewardedService(request.parameters.get("id") ?? "")
        let form = try request.content.decode([String: String].self)
        return try await respond(request) {
            var schedules: [JSONValue] = []
            for row in 0..<Self.hoursRows {
                let days = Self.days.filter { form["row\(row)_\($0)"] != nil }
                let opens = (form["row\(row)_opens"] ?? "").trimmed
                let closes = (form["row\(row)_closes"] ?? "").trimmed
                if days.isEmpty && opens.isEmpty && closes.isEmpty { continue }
                guard !days.isEmpty else {
                    throw ValidationError([FieldProblem(field: "hours", messageKey: "error.hours.days_required")])
                }
                schedules.append(
                    .object([
                        "byday": .string(days.joined(separator: ",")), "opens_at": .string(opens),
                        "closes_at": .string(closes),
                    ]))
            }
            try await request.store.directory.setHours(try HoursUpdate(schedules: schedules), ofService: id, by: actor)
            return "hours_updated"
        }
    }

    /// The form rows of a service's weekly hours, from its HSDS document.
    private func hoursRows(ofService id: String, store: RelaisStore) async throws -> [PageContent.HoursRow] {
        let schedules = try await store.directory.service(id: id)?["schedules"]?.array ?? []
        var rows: [(days: Set<String>, opens: String, closes: String)] = schedules.compactMap { schedule in
            guard let byday = schedule["byday"]?.string else { return nil }
            return (
                Set(byday.split(separator: ",").map(String.init)),
                String((schedule["opens_at"]?.string ?? "").prefix(5)),
                String((schedule["closes_at"]?.string ?? "").prefix(5))
            )
        }
        rows = Array(rows.prefix(Self.hoursRows - 2)) + [([], "", ""), ([], "", "")]
        return rows.enumerated().map { index, row in
            PageContent.HoursRow(
                index: index, number: String(index + 1),
                days: Self.days.map { .init(code: $0, labelKey: "day.\($0)", checked: row.days.contains($0)) },
                opens: row.opens, closes: row.closes)
        }
    }

    @Sendable func answer(_ request: Request) async throws -> Response {
        struct AnswerForm: Codable {
            var answer: String?
        }
        let form = try request.content.decode(AnswerForm.self)
        return try await respond(request) {
            _ = try await ResourceDesk(context: try request.deskContext()).answer(
                request.parameters.get("id"), with: form.answer)
            return "referral_answered"
        }
    }

    /// Runs a form's action and goes back to the page, or shows it again with what went wrong (and what was typed).
    private func respond(
        _ request: Request, typed: PageContent.Typed? = nil, _ action: () async throws -> String
    ) async throws -> Response {
        try await request.respondToForm(
            returningTo: Self.path, render: { try await render(request, error: $0, typed: typed) }, action)
    }

    private func render(_ request: Request, error: (any DomainError)?, typed: PageContent.Typed? = nil) async throws
        -> View
    {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let store = request.store
        let now = store.now
        let format = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        var services: [DirectoryStore.StewardedService] = []
        for organisation in actor.organisations(for: Permission(.update, .resourceDirectory)) {
            services += try await store.directory.services(stewardedBy: organisation)
        }
        let desk = ResourceDesk(context: try request.deskContext())
        let referrals = try await desk.referrals(limit: 100)
        let escorts = try await desk.escorts().map { escort in
            PageContent.Escort(
                text: escort.arrivedAt.map {
                    request.t(
                        "my_resource.escort_arrived", escort.teamName, escort.resourceName, format.string(from: $0))
                }
                    ?? request.t(
                        "my_resource.escort_coming", escort.teamName, escort.resourceName,
                        format.string(from: escort.departedAt)),
                arrived: escort.arrivedAt != nil)
        }
        var hours: [String: [PageContent.HoursRow]] = [:]
        for service in services { hours[service.id] = try await hoursRows(ofService: service.id, store: store) }
        let content = PageContent(
            escorts: escorts, hasEscorts: !escorts.isEmpty,
            services: services.map { service in
                let retyped = typed?.serviceID == service.id ? typed : nil
                let problems = retyped == nil ? [] : error?.fieldProblems ?? []
                let occupied = zip(service.capacityTotal, service.capacityAvailable).map { $0 - $1 }
                return PageContent.Service(
                    id: service.id, name: service.name, active: service.status == "active",
                    available: retyped?.available ?? service.capacityAvailable.map(String.init) ?? "",
                    occupied: retyped?.occupied ?? occupied.map(String.init) ?? "",
                    availableError: problems.first { $0.field == "available" }?.messageKey,
                    occupiedError: problems.first { $0.field == "occupied" }?.messageKey,
                    capacity: zip(service.capacityAvailable, service.capacityUpdatedAt).map { available, updatedAt in
                        request.t(
                            "my_resource.capacity_now", String(available),
                            service.capacityTotal.map(String.init) ?? "?", format.string(from: updatedAt))
                    }, hours: hours[service.id] ?? [])
            },
            hasServices: !services.isEmpty,
            referrals: referrals.map { referral in
                let answer = referral.acknowledgement.answer(at: now)
                return PageContent.Referral(
                    id: referral.id.description, resourceName: referral.resource.name, asked: referral.asked,
                    referredAt: format.string(from: referral.referredAt), answerKey: answer.labelKey,
                    open: answer == .awaiting || answer == .noAnswer)
            },
            hasReferrals: !referrals.isEmpty, errorKey: error?.messageKey,
            problemKeys: error?.fieldProblems.map(\.messageKey) ?? [])
        return try await request.renderPage(
            "directory/my-resource", title: request.t("my_resource.title"), content: content)
    }
}
