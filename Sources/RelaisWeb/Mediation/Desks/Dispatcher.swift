import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Recommends teams for a waiting request and assigns one, for the request page and the API.
struct Dispatcher {
    let context: DeskContext

    /// A team ranked for a request.
    struct Recommendation: Content, Equatable {
        let teamId: String
        let teamName: String
        /// Estimated minutes by car, or null when the team's position is unknown.
        let travelMinutes: Int?
        let servesBorough: Bool
        let workload: Int
    }

    /// The queued, unassigned request with this id, in the actor's reach.
    /// - Throws: 404 when it is not in reach, ``DispatchConflict/requestNotWaiting`` when a team is already on it.
    func waitingRequest(_ id: ServiceRequest.ID?) async throws -> ServiceRequestSummary {
        let found = try await requestInReach(id)
        guard found.status == .waiting else { throw DispatchConflict.requestNotWaiting }
        return found
    }

    /// The request with this id, without its sealed fields, if the actor may read it; 404 otherwise (others'
    /// requests are not revealed).
    func requestInReach(_ id: ServiceRequest.ID?) async throws -> ServiceRequestSummary {
        guard let id, let found = try await context.store.serviceRequests.summary(id),
            try await context.allows(Permission(.read, .serviceRequest), on: found)
        else { throw Abort(.notFound) }
        return found
    }

    /// The signed-in worker's team and the request it is on, if any (the read is audited with it).
    func currentAssignment() async throws -> (team: MobileTeam?, request: ServiceRequest?) {
        let store = context.store
        guard let team = try await context.actorTeam() else { return (nil, nil) }
        guard let id = team.currentRequestID,
            let found = try await store.serviceRequests.read(id, by: context.reader(for: .assignment))
        else { return (team, nil) }
        return (team, found)
    }

    /// The whole request, if in the actor's reach (``requestInReach(_:)``); the read is audited with it.
    func readRequest(_ id: ServiceRequest.ID?, purpose: ReadPurpose) async throws -> ServiceRequest {
        try await read(try await requestInReach(id), for: purpose)
    }

    /// The whole request behind a summary already checked; the read is audited with it.
    func read(_ summary: ServiceRequestSummary, for purpose: ReadPurpose) async throws -> ServiceRequest {
        guard let found = try await context.store.serviceRequests.read(summary.id, by: context.reader(for: purpose))
        else { throw Abort(.notFound) }
        return found
    }

    /// The organisation's available teams, best first for this request.
    func recommendations(for waiting: ServiceRequestSummary) async throws -> [Recommendation] {
        let store = context.store
        let now = store.now
        let teams = try await store.teams.teams(organisationID: waiting.organisationID)
        let ids = teams.map(\.id)
        let shifts = try await store.teams.shifts(teamIDs: ids, overlapping: DateInterval(start: now, duration: 1))
        let workloads = try await store.teams.workloads(teamIDs: ids, since: now.addingTimeInterval(-12 * 3600))
        let candidates = teams.map { team in
            DispatchCandidate(
                teamID: team.id.description, status: team.status, lastPosition: team.position,
                boroughs: Roster.boroughs(of: team.id, at: now, shifts: shifts), workload: workloads[team.id] ?? 0)
        }
        let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id.description, $0.name) })
        return DispatchRanking().rank(candidates, to: waiting.point, borough: waiting.territoryCode).map {
            Recommendation(
                teamId: $0.teamID, teamName: names[$0.teamID] ?? "", travelMinutes: $0.travelMinutes,
                servesBorough: $0.servesBorough, workload: $0.workload)
        }
    }

    /// Sends `teamID` to the waiting request. Another team than the first recommended one needs a reason.
    /// - Throws: ``ValidationError`` for `teamId` or `reason`; ``DispatchConflict`` when another coordinator was
    ///   faster.
    func assign(_ waiting: ServiceRequestSummary, teamID: MobileTeam.ID?, reason: String?) async throws {
        let actor = context.actor
        let store = context.store
        let unknownTeam = ValidationError([FieldProblem(field: "teamId", messageKey: "mediation.error.team_id.unknown")]
        )
        guard let teamID else { throw unknownTeam }
        // The recommendation before the team: a team another coordinator takes in between then reads as taken (a
        // conflict below), never as available but not recommended (which would ask this one for a reason).
        let recommended = try await recommendations(for: waiting).first?.teamId == teamID.description
        guard let team = try await store.teams.team(teamID), team.organisationID == waiting.organisationID else {
            throw unknownTeam
        }
        let reason = (reason ?? "").trimmed
        if !recommended && reason.isEmpty && team.status == .available {
            throw ValidationError([
                FieldProblem(field: "reason", messageKey: "mediation.error.assignment_reason.required")
            ])
        }
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.dispatch.assign(waiting.id, to: team.id, by: actor.userID, note: reason.isEmpty ? nil : reason)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .teamAssigned, resourceType: .serviceRequest,
                    resourceID: waiting.id.description, purpose: recommended ? "recommended" : "other_team",
                    requestID: requestID))
        }
        await context.services.mediation.board.publish(waiting.organisationID, store: store)
    }

    /// Presses a team's status button (with the phone's position, when it gave one). Dropping an assignment
    /// before arriving needs a reason: the request goes back to the queue, its history keeps the assignment, the
    /// reason is sealed with the change and the drop is audited.
    /// - Throws: 403 when the actor may not change this team, ``ValidationError`` for a missing reason,
    ///   ``IllegalTeamTransition``, ``DispatchConflict``.
    func changeStatus(of team: MobileTeam, to status: TeamStatus, position: GeoPoint?, reason: String? = nil)
        async throws -> MobileTeam
    {
        let actor = context.actor
        guard team.acceptsStatusChange(from: actor) else { throw AccessError.forbidden }
        let releasing = team.dropsAssignment(movingTo: status)
        let note = releasing ? try AssignmentRelease.reason(reason) : nil
        let store = context.store
        let requestID = context.requestID
        let updated = try await store.transaction { tx in
            let (_, released) = try await tx.dispatch.changeStatus(
                of: team, to: status, position: position, by: actor.userID, note: note)
            if let released, releasing {
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .assignmentReleased, resourceType: .serviceRequest,
                        resourceID: released.description, purpose: team.id.description, requestID: requestID))
            }
            return try await tx.teams.team(team.id)
        }
        await context.services.mediation.board.publish(team.organisationID, store: store)
        guard let updated else { throw Abort(.notFound) }
        return updated
    }
}
