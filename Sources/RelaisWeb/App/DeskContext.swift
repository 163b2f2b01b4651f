import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// What a desk (a use case shared by pages, the API and commands) needs from outside: who acts, the stores (and
/// their clock), the application's services, and the request id the audit log carries. Controllers make one from
/// an HTTP request (``Request/deskContext()``); tests make one directly, without HTTP.
struct DeskContext: Sendable {
    let actor: Actor
    let store: RelaisStore
    let services: AppServices
    let requestID: String?
    /// The actor's mobile team, read at most once.
    private let team: TeamMemo

    init(actor: Actor, store: RelaisStore, services: AppServices, requestID: String? = nil) {
        self.init(actor: actor, store: store, services: services, requestID: requestID, team: TeamMemo())
    }

    fileprivate init(actor: Actor, store: RelaisStore, services: AppServices, requestID: String?, team: TeamMemo) {
        self.actor = actor
        self.store = store
        self.services = services
        self.requestID = requestID
        self.team = team
    }

    /// The current time of the stores' clock.
    var now: Date { store.now }

    /// Records an audit entry for the actor (in its own transaction).
    func audit(
        _ action: AuditAction, outcome: AuditOutcome = .success, resourceType: AuditResource? = nil,
        resourceID: String? = nil, purpose: String? = nil
    ) async throws {
        try await store.audit.append(
            AuditRecord(
                actor: actor, action: action, outcome: outcome, resourceType: resourceType, resourceID: resourceID,
                purpose: purpose, requestID: requestID))
    }

    /// The mobile team the actor belongs to, if any.
    func actorTeam() async throws -> MobileTeam? {
        if let known = team.value.withLockedValue({ $0 }) { return known }
        let found = try await store.teams.team(memberID: actor.userID)
        team.value.withLockedValue { $0 = .some(found) }
        return found
    }

    /// Whether the actor may do `permission` to a request, given how they stand to it (their team is read only when
    /// the role's grant depends on it).
    func allows(_ permission: Permission, on serviceRequest: ServiceRequestSummary) async throws -> Bool {
        var memberOf: MobileTeam?
        if AccessPolicy.dependsOnRelationship(actor, permission) { memberOf = try await actorTeam() }
        return ServiceRequest.allows(
            actor, permission, id: serviceRequest.id, organisationID: serviceRequest.organisationID,
            teamID: serviceRequest.teamID, memberOf: memberOf)
    }

    /// Whether the actor may do `permission` to a request just made (as ``allows(_:on:)-summary``).
    func allows(_ permission: Permission, on serviceRequest: ServiceRequest) async throws -> Bool {
        var memberOf: MobileTeam?
        if AccessPolicy.dependsOnRelationship(actor, permission) { memberOf = try await actorTeam() }
        return serviceRequest.allows(actor, permission, memberOf: memberOf)
    }

    /// The reader of personal information this context is, for `purpose`.
    func reader(for purpose: ReadPurpose) -> Reader {
        Reader(actor, for: purpose, requestID: requestID)
    }
}

/// A team read once and shared by the contexts of one HTTP request.
final class TeamMemo: Sendable {
    let value = NIOLockedValueBox<MobileTeam??>(nil)
}

extension Request {
    private struct TeamMemoKey: StorageKey { typealias Value = TeamMemo }

    /// The desk context of the signed-in user.
    /// - Throws: ``AccessError/signInRequired`` when nobody is signed in.
    func deskContext() throws -> DeskContext {
        guard let actor else { throw AccessError.signInRequired }
        let memo = storage[TeamMemoKey.self] ?? TeamMemo()
        storage[TeamMemoKey.self] = memo
        return DeskContext(actor: actor, store: store, services: relais, requestID: requestID, team: memo)
    }

    /// Whether the signed-in user may do `permission` to a request (see ``DeskContext/allows(_:on:)``).
    func allows(_ permission: Permission, on serviceRequest: ServiceRequestSummary) async throws -> Bool {
        guard actor != nil else { return false }
        return try await deskContext().allows(permission, on: serviceRequest)
    }
}
