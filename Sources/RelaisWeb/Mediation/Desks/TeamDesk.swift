import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Creates mobile teams, for the API and the teams page: checks the name, vehicle, organisation and members, then
/// writes the team and its audit entry together and tells the boards.
struct TeamDesk {
    let context: DeskContext

    /// Who a form names as a member: an account id (API) or an e-mail address (page).
    enum MemberReference {
        case id(String)
        case email(String)
    }

    /// - Throws: ``ValidationError`` naming every field at fault; 404 when the organisation is out of reach.
    func create(
        organisationID: Organisation.ID?, name: String?, vehicle: String?, members: [MemberReference]
    ) async throws -> MobileTeam {
        let actor = context.actor
        let store = context.store
        guard let organisation = try await organisationID.asyncFlatMap({ try await store.accounts.organisation($0) }),
            AccessPolicy.decide(actor, Permission(.create, .mobileTeam), on: .record(ownedBy: organisation.id))
                .isAllowed
        else { throw Abort(.notFound) }
        var problems: [FieldProblem] = []
        let name = (name ?? "").trimmed
        let vehicle = (vehicle ?? "").trimmed
        if name.isEmpty { problems.append(FieldProblem(field: "name", messageKey: "error.name.required")) }
        if name.count > 100 { problems.append(FieldProblem(field: "name", messageKey: "error.name.too_long")) }
        if vehicle.isEmpty || vehicle.count > 100 {
            problems.append(FieldProblem(field: "vehicle", messageKey: "mediation.error.vehicle.required"))
        }
        if organisation.kind != .mobileTeam {
            problems.append(
                FieldProblem(field: "organisation", messageKey: "mediation.error.organisation.not_mobile_team"))
        }
        var memberIDs: [User.ID] = []
        for reference in members {
            let user: User? =
                switch reference {
                case .id(let text): try await User.ID(text).asyncFlatMap { try await store.accounts.user($0) }
                case .email(let email): try await store.accounts.credentials(email: email)?.user
                }
            guard let user, user.memberships.contains(Membership(.mobileWorker, in: organisation.id)) else {
                problems.append(FieldProblem(field: "memberIds", messageKey: "mediation.error.members.unknown"))
                break
            }
            memberIDs.append(user.id)
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        let requestID = context.requestID
        let chosen = memberIDs
        let team = try await store.transaction { tx in
            let team = try await tx.teams.create(
                organisationID: organisation.id, name: name, vehicle: vehicle, members: chosen)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .teamCreated, resourceType: .mobileTeam, resourceID: team.id.description,
                    requestID: requestID))
            return team
        }
        await context.services.mediation.board.publish(organisation.id, store: store)
        return team
    }
}
