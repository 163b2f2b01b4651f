import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/equipes`: the organisation's mobile teams, the 24/7 roster of the coming week with the hours no team covers
/// in each served borough, and a form to add a shift.
struct RosterPageController {
    static let path = "/equipes"
    static let days = 7

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "equipes", access: .permission(Permission(.read, .mobileTeam)), use: show)
        routes.on(.POST, "equipes", "quarts", access: .permission(Permission(.update, .mobileTeam)), use: addShift)
        routes.on(.POST, "equipes", access: .permission(Permission(.create, .mobileTeam)), use: createTeam)
    }

    struct TeamRow: Encodable {
        let id: String
        let name: String
        let vehicle: String
        let statusKey: String
        let members: Int
        let shifts: [String]
    }

    struct BoroughRow: Encodable {
        let code: String
        let name: String
        let gaps: [String]
        var covered: Bool { gaps.isEmpty }

        enum CodingKeys: String, CodingKey { case code, name, gaps, covered }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(gaps, forKey: .gaps)
            try container.encode(covered, forKey: .covered)
        }
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Content: Encodable {
        let teams: [TeamRow]
        let boroughs: [BoroughRow]
        let mayEdit: Bool
        let teamOptions: [Option]
        let boroughOptions: [Option]
        let startsAt: String
        let endsAt: String
        let errors: [String: String]
        let hasErrors: Bool
        let mayCreateTeams: Bool
        let organisationOptions: [Option]
        let newTeam: TeamForm
        let teamErrors: [String: String]
        let hasTeamErrors: Bool
    }

    /// The administrators' form for a new team; members are given by e-mail, so the page lists no one.
    struct TeamForm: Vapor.Content {
        var organisationId: String?
        var name: String?
        var vehicle: String?
        var members: String?
    }

    struct ShiftForm: Vapor.Content {
        var teamId: String?
        var territoryCode: String?
        var startsAt: String?
        var endsAt: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, form: ShiftForm(), errors: [:])
    }

    @Sendable func createTeam(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TeamForm.self)
        let emails = (form.members ?? "").split(whereSeparator: { ",;\n ".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            _ = try await TeamDesk(context: try request.deskContext()).create(
                organisationID: form.organisationId.flatMap(Organisation.ID.init), name: form.name,
                vehicle: form.vehicle, members: emails.map { .email($0) })
            return request.redirect(to: Self.path + "?avis=mediation.team_created", redirectType: .normal)
        } catch let error as ValidationError {
            var errors: [String: String] = [:]
            for problem in error.problems { errors[problem.field] = problem.messageKey }
            let view = try await render(request, form: ShiftForm(), errors: [:], newTeam: form, teamErrors: errors)
            return try await view.encodeResponse(status: .unprocessableEntity, for: request)
        } catch StoreError.duplicate(let field) {
            let view = try await render(
                request, form: ShiftForm(), errors: [:], newTeam: form,
                teamErrors: [field == "team_name" ? "name" : "memberIds": "error.\(field).taken"])
            return try await view.encodeResponse(status: .conflict, for: request)
        }
    }

    @Sendable func addShift(_ request: Request) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let form = try request.content.decode(ShiftForm.self)
        let store = request.store
        let zone = request.relais.config.timeZone
        var errors: [String: String] = [:]
        let team = try await form.teamId.flatMap(MobileTeam.ID.init).asyncFlatMap { try await store.teams.team($0) }
        let reachable = team.map { $0.allows(actor, Permission(.update, .mobileTeam)) }
        if reachable != true { errors["teamId"] = "mediation.error.team_id.unknown" }
        let code = form.territoryCode ?? ""
        if !(try await store.territories.all(level: .borough)).contains(where: { $0.code == code }) {
            errors["territoryCode"] = "mediation.error.territory_code.unknown"
        }
        let start = form.startsAt.flatMap { DateFormatter.parseLocal($0, zone: zone) }
        let end = form.endsAt.flatMap { DateFormatter.parseLocal($0, zone: zone) }
        if start == nil { errors["startsAt"] = "mediation.error.shift.time_required" }
        if end == nil { errors["endsAt"] = "mediation.error.shift.time_required" }
        if let start, let end, let team, errors.isEmpty {
            do {
                guard end > start else {
                    throw ValidationError([
                        FieldProblem(field: "endsAt", messageKey: "mediation.error.shift.ends_before_start")
                    ])
                }
                let interval = DateInterval(start: start, end: end)
                let requestID = request.requestID
                try await store.transaction { tx in
                    try Roster.validate(
                        interval, against: try await tx.teams.shifts(teamIDs: [team.id], overlapping: interval))
                    _ = try await tx.teams.addShift(teamID: team.id, territoryCode: code, interval: interval)
                    try await tx.audit.append(
                        AuditRecord(
                            actor: actor, action: .shiftAdded, resourceType: .mobileTeam,
                            resourceID: team.id.description, purpose: code, requestID: requestID))
                }
                await request.relais.mediation.board.publish(team.organisationID, store: store)
                return request.redirect(to: Self.path + "?avis=mediation.shift_added", redirectType: .normal)
            } catch let error as ValidationError {
                for problem in error.problems { errors[problem.field] = problem.messageKey }
            }
        }
        let view = try await render(request, form: form, errors: errors)
        return try await view.encodeResponse(status: .unprocessableEntity, for: request)
    }

    private func render(
        _ request: Request, form: ShiftForm, errors: [String: String], newTeam: TeamForm = TeamForm(),
        teamErrors: [String: String] = [:]
    ) async throws -> View {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let store = request.store
        let zone = request.relais.config.timeZone
        let now = store.now
        let week = DateInterval(start: now, duration: Double(Self.days) * 86_400)
        // Administrators see every mobile team; a team's coordinators see their own.
        let mobileOrganisations =
            AccessPolicy.decide(actor, Permission(.read, .mobileTeam)) == .allowed(.everywhere)
            ? try await store.accounts.organisations().filter { $0.kind == .mobileTeam }
            : []
        var teams: [MobileTeam] = []
        let own = actor.organisations(for: Permission(.read, .mobileTeam))
        for organisationID in mobileOrganisations.isEmpty ? own : mobileOrganisations.map(\.id) {
            teams += try await store.teams.teams(organisationID: organisationID)
        }
        let shifts = try await store.teams.shifts(teamIDs: teams.map(\.id), overlapping: week)
        let served = try await store.territories.all(level: .borough).filter(\.served)
        let time = DateFormatter.relais(.weekdayAndTime, request.language, timeZone: zone)
        func span(_ interval: DateInterval) -> String {
            "\(time.string(from: interval.start)) → \(time.string(from: interval.end))"
        }
        let content = Content(
            teams: teams.map { team in
                TeamRow(
                    id: team.id.description, name: team.name, vehicle: team.vehicle, statusKey: team.status.labelKey,
                    members: team.memberIDs.count,
                    shifts: shifts.filter { $0.teamID == team.id }.prefix(6).map {
                        "\($0.territoryCode) \(span($0.interval))"
                    })
            },
            boroughs: served.map { borough in
                BoroughRow(
                    code: borough.code, name: borough.name,
                    gaps: Roster.gaps(in: week, territoryCode: borough.code, shifts: shifts).map(span))
            },
            mayEdit: AccessPolicy.decide(actor, Permission(.update, .mobileTeam)).isAllowed,
            teamOptions: teams.map {
                Option(value: $0.id.description, label: $0.name, selected: form.teamId == $0.id.description)
            },
            boroughOptions: served.map {
                Option(value: $0.code, label: $0.name, selected: form.territoryCode == $0.code)
            },
            startsAt: form.startsAt ?? "", endsAt: form.endsAt ?? "", errors: errors, hasErrors: !errors.isEmpty,
            mayCreateTeams: AccessPolicy.decide(actor, Permission(.create, .mobileTeam)).isAllowed,
            organisationOptions: mobileOrganisations.map {
                Option(
                    value: $0.id.description, label: $0.name, selected: newTeam.organisationId == $0.id.description)
            },
            newTeam: newTeam, teamErrors: teamErrors, hasTeamErrors: !teamErrors.isEmpty)
        return try await request.renderPage(
            "mediation/roster", title: request.t("mediation.roster.title"), content: content)
    }
}
