import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension API {
    /// Mobile teams: `GET /api/v1/teams`, `POST /api/v1/organisations/{id}/teams`, shifts (`POST /api/v1/teams/{id}/shifts`), status buttons
    /// (`POST /api/v1/teams/{id}/status`) and the signed-in worker's assignment (`GET /api/v1/my-assignment`).
    struct TeamsController {
        func register(on routes: any RoutesBuilder) {
            routes.on(.GET, "teams", access: .permission(Permission(.read, .mobileTeam)), use: list)
            routes.on(
                .POST, "organisations", ":id", "teams", access: .permission(Permission(.create, .mobileTeam)),
                use: create)
            routes.on(
                .POST, "teams", ":id", "shifts", access: .permission(Permission(.update, .mobileTeam)), use: addShift)
            routes.on(
                .POST, "teams", ":id", "status", access: .permission(Permission(.update, .teamStatus)),
                use: changeStatus)
            routes.on(
                .GET, "my-assignment", access: .permission(Permission(.read, .mobileTeam)), use: myAssignment)
        }

        struct TeamResponse: Content {
            let id: String
            let organisationId: String
            let name: String
            let vehicle: String
            let status: String
            let statusChangedAt: Date
            let currentRequestId: String?
            let latitude: Double?
            let longitude: Double?
            let positionAt: Date?
            let memberIds: [String]

            init(_ team: MobileTeam) {
                id = team.id.description
                organisationId = team.organisationID.description
                name = team.name
                vehicle = team.vehicle
                status = team.status.rawValue
                statusChangedAt = team.statusChangedAt
                currentRequestId = team.currentRequestID?.description
                latitude = team.position?.latitude
                longitude = team.position?.longitude
                positionAt = team.positionAt
                memberIds = team.memberIDs.map(\.description)
            }
        }

        struct ListResponse: Content {
            let items: [TeamResponse]
        }

        struct CreateBody: Content {
            var name: String?
            var vehicle: String?
            var memberIds: [String]?
        }

        struct ShiftBody: Content {
            var territoryCode: String?
            var startsAt: Date?
            var endsAt: Date?
        }

        struct ShiftResponse: Content {
            let id: String
            let teamId: String
            let territoryCode: String
            let startsAt: Date
            let endsAt: Date
        }

        struct StatusBody: Content {
            var status: String?
            var latitude: Double?
            var longitude: Double?
            /// Why the team drops its assignment (required then).
            var reason: String?
        }

        struct AssignmentResponse: Content {
            let team: TeamResponse
            /// The request the team is on, if any (reading it is audited).
            let request: ServiceRequestsController.DetailResponse?
        }

        @Sendable func list(_ request: Request) async throws -> ListResponse {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            try QueryParameters(request).check()
            var teams: [MobileTeam] = []
            for organisation in actor.organisations(for: Permission(.read, .mobileTeam)) {
                teams += try await request.store.teams.teams(organisationID: organisation)
            }
            return ListResponse(items: teams.map(TeamResponse.init))
        }

        @Sendable func create(_ request: Request) async throws -> Response {
            let body = try request.content.decode(CreateBody.self)
            let team = try await TeamDesk(context: try request.deskContext()).create(
                organisationID: request.parameters.get("id").flatMap(Organisation.ID.init), name: body.name,
                vehicle: body.vehicle, members: (body.memberIds ?? []).map { .id($0) })
            return try await TeamResponse(team).encodeResponse(status: .created, for: request)
        }

        @Sendable func addShift(_ request: Request) async throws -> Response {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            let team = try await Self.team(request, actor: actor, permission: Permission(.update, .mobileTeam))
            let body = try request.content.decode(ShiftBody.self)
            let store = request.store
            let code = (body.territoryCode ?? "").trimmingCharacters(in: .whitespaces)
            let boroughs = try await store.territories.all(level: .borough)
            guard boroughs.contains(where: { $0.code == code }) else {
                throw ValidationError([
                    FieldProblem(field: "territoryCode", messageKey: "mediation.error.territory_code.unknown")
                ])
            }
            guard let start = body.startsAt, let end = body.endsAt else {
                throw ValidationError(
                    [
                        body.startsAt == nil
                            ? FieldProblem(field: "startsAt", messageKey: "mediation.error.shift.time_required") : nil,
                        body.endsAt == nil
                            ? FieldProblem(field: "endsAt", messageKey: "mediation.error.shift.time_required") : nil,
                    ].compactMap { $0 })
            }
            guard end > start else {
                throw ValidationError([
                    FieldProblem(field: "endsAt", messageKey: "mediation.error.shift.ends_before_start")
                ])
            }
            let interval = DateInterval(start: start, end: end)
            let requestID = request.requestID
            let shift = try await store.transaction { tx in
                let existing = try await tx.teams.shifts(teamIDs: [team.id], overlapping: interval)
                try Roster.validate(interval, against: existing)
                let shift = try await tx.teams.addShift(teamID: team.id, territoryCode: code, interval: interval)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .shiftAdded, resourceType: .mobileTeam,
                        resourceID: team.id.description, purpose: code, requestID: requestID))
                return shift
            }
            await request.relais.mediation.board.publish(team.organisationID, store: store)
            return try await ShiftResponse(
                id: shift.id.description, teamId: team.id.description, territoryCode: shift.territoryCode,
                startsAt: shift.interval.start, endsAt: shift.interval.end
            ).encodeResponse(status: .created, for: request)
        }

        @Sendable func changeStatus(_ request: Request) async throws -> TeamResponse {
            guard let actor = request.actor else { throw AccessError.signInRequired }
            let team = try await Self.team(request, actor: actor, permission: Permission(.update, .teamStatus))
            let body = try request.content.decode(StatusBody.self)
            guard let status = body.status.flatMap(TeamStatus.init(rawValue:)) else {
                throw ValidationError([FieldProblem(field: "status", messageKey: "mediation.error.team_status.unknown")]
                )
            }
            if (body.latitude == nil) != (body.longitude == nil) {
                let missing = body.latitude == nil ? "latitude" : "longitude"
                throw ValidationError([FieldProblem(field: missing, messageKey: "mediation.error.\(missing).required")])
            }
            let position = try zip(body.latitude, body.longitude).map { try GeoPoint(latitude: $0, longitude: $1) }
            return TeamResponse(
                try await Dispatcher(context: try request.deskContext()).changeStatus(
                    of: team, to: status, position: position, reason: body.reason))
        }

        @Sendable func myAssignment(_ request: Request) async throws -> AssignmentResponse {
            try QueryParameters(request).check()
            let (team, found) = try await Dispatcher(context: try request.deskContext()).currentAssignment()
            guard let team else { throw Abort(.notFound) }
            return AssignmentResponse(
                team: TeamResponse(team), request: found.map { ServiceRequestsController.detail($0, request: request) })
        }

        /// The team named by the path, if the actor may act on it; 404 otherwise (never reveal others' teams).
        static func team(_ request: Request, actor: Actor, permission: Permission) async throws -> MobileTeam {
            guard let id = request.parameters.get("id").flatMap(MobileTeam.ID.init),
                let team = try await request.store.teams.team(id),
                team.allows(actor, permission)
            else { throw Abort(.notFound) }
            return team
        }
    }
}

/// Both values, when both are present.
func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
