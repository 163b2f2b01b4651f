import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Records a mobile team's intervention on scene, for the phone screen and the API: parties, services given,
/// escorts (the team is "escorting" meanwhile) and the closing, which closes the request and frees the team.
///
/// Only a member of the team on scene records. Each action is checked in Core first, then written with its audit
/// entry in one transaction; boards are told when the team's status changes.
struct InterventionDesk {
    let context: DeskContext

    /// The worker's team, the request it is on scene for, and the intervention if one was started.
    struct Scene {
        let team: MobileTeam
        let serviceRequest: ServiceRequest
        let intervention: Intervention?
    }

    /// The signed-in worker's scene; reading what was recorded on it is audited with the read.
    /// - Throws: ``InterventionConflict/notOnScene`` when the team is not on scene or escorting for a request.
    func scene() async throws -> Scene {
        let (team, assignment) = try await Dispatcher(context: context).currentAssignment()
        guard let team, let assignment else { throw InterventionConflict.notOnScene }
        return try await scene(team: team, serviceRequest: assignment)
    }

    /// The scene of a team already read with its request.
    func scene(team: MobileTeam, serviceRequest: ServiceRequest) async throws -> Scene {
        guard team.status == .onScene || team.status == .escorting else { throw InterventionConflict.notOnScene }
        let intervention = try await context.store.interventions.read(
            requestID: serviceRequest.id, by: context.reader(for: .intervention))
        return Scene(team: team, serviceRequest: serviceRequest, intervention: intervention)
    }

    /// The intervention as it stands, with no party or service when none was recorded yet.
    func draft(of scene: Scene) -> Intervention {
        scene.intervention
            ?? Intervention(
                id: Intervention.ID(UUID()), requestID: scene.serviceRequest.id, teamID: scene.team.id,
                organisationID: scene.team.organisationID, startedAt: context.store.now, parties: [], services: [],
                closing: nil)
    }

    // Each write returns the intervention as it now stands.

    @discardableResult
    func addParty(role: String?, name: String?, phone: String?) async throws -> Intervention {
        let scene = try await scene()
        let role = try InterventionRules.role(role)
        let identity = try PartyIdentity.checked(name: name, phone: phone)
        return try await record(in: scene, purpose: "party") { tx, intervention in
            _ = try await tx.interventions.addParty(role: role, identity: identity, to: intervention)
        }
    }

    /// - Parameter dueBy: the day it is due by, as `YYYY-MM-DD`.
    @discardableResult
    func addAgreement(commitments: [(partyID: String, text: String?)], dueBy: String?) async throws -> Intervention {
        let scene = try await scene()
        let due = try InterventionRules.dueDay(dueBy, timeZone: context.services.config.timeZone)
        let service = try InterventionRules.agreement(
            commitments: commitments, dueBy: due, in: draft(of: scene), now: context.store.now)
        return try await add(service, in: scene)
    }

    @discardableResult
    func addInformation(topics: [String], note: String?) async throws -> Intervention {
        let scene = try await scene()
        return try await add(try InterventionRules.information(topics: topics, note: note), in: scene)
    }

    /// Refers to a directory service; the referral awaits the resource's answer when its staff use Relais.
    @discardableResult
    func refer(resourceID: String?, asked: String?, partyID: String?) async throws -> Intervention {
        let scene = try await scene()
        let target = try await target(resourceID)
        let asked = try InterventionRules.asked(asked)
        let party = try InterventionRules.party(partyID, in: draft(of: scene))
        let acknowledgement = ReferralAcknowledgement.new(
            at: context.store.now, tracked: target.steward != nil, delay: context.services.config.referralAnswerDelay)
        return try await add(
            .referral(resource: target.reference, asked: asked, partyID: party, acknowledgement: acknowledgement),
            in: scene)
    }

    /// Starts an escort to a directory service or an address: the team is "escorting" until arrival.
    @discardableResult
    func escort(resourceID: String?, address: String?, partyID: String?) async throws -> Intervention {
        let scene = try await scene()
        let resource = try await resourceID.trimmedNonEmpty.asyncFlatMap { try await target($0).reference }
        let destination = try InterventionRules.escortDestination(resource: resource, address: address)
        let party = try InterventionRules.party(partyID, in: draft(of: scene))
        guard scene.team.status == .onScene, scene.intervention?.escortUnderWay == nil else {
            throw InterventionConflict.escortUnderWay
        }
        let service = GivenService.escort(
            destination: destination, partyID: party, departedAt: context.store.now, arrivedAt: nil)
        return try await add(service, in: scene, teamStatus: .escorting)
    }

    /// The escort under way arrived: the team is on scene at the destination.
    @discardableResult
    func arrive() async throws -> Intervention {
        let scene = try await scene()
        guard let escort = scene.intervention?.escortUnderWay else { throw InterventionConflict.noEscort }
        return try await record(in: scene, purpose: "arrival", teamStatus: .onScene) { tx, _ in
            try await tx.interventions.arrive(escort.id, at: tx.now)
        }
    }

    /// Closes the intervention: the request is cleared (or re-routed to the police) and the team is available.
    @discardableResult
    func close(outcome: String?, policeAvoided: Bool, minutesOnScene: Int?) async throws -> Intervention {
        let scene = try await scene()
        let closing = try InterventionRules.closing(
            outcome: outcome, policeAvoided: policeAvoided, minutesOnScene: minutesOnScene,
            onSceneAt: scene.serviceRequest.timeline.onSceneAt, intervention: draft(of: scene),
            now: context.store.now)
        let underWay = scene.intervention?.escortUnderWay
        let actor = context.actor
        let requestID = context.requestID
        try await context.store.transaction { tx in
            let intervention = try await self.started(scene, in: tx)
            if let underWay { try await tx.interventions.arrive(underWay.id, at: closing.closedAt) }
            try await tx.interventions.close(intervention.id, with: closing, by: actor.userID)
            _ = try await tx.dispatch.changeStatus(of: scene.team, to: .available, position: nil, by: actor.userID)
            if closing.outcome == .policeNeeded {
                try await tx.serviceRequests.reroute(scene.serviceRequest.id, to: .referToPolice)
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .interventionClosed, resourceType: .intervention,
                    resourceID: intervention.id.description, purpose: closing.outcome.rawValue, requestID: requestID))
        }
        await context.services.mediation.board.publish(scene.team.organisationID, store: context.store)
        return try await recorded(scene)
    }

    // MARK: -

    /// A directory service a referral or escort names: known and active.
    private func target(_ resourceID: String?) async throws -> DirectoryStore.Target {
        let found = try await resourceID.trimmedNonEmpty.asyncFlatMap {
            try await context.store.directory.target(ofService: $0)
        }
        return try InterventionRules.resource(found, status: \.status)
    }

    private func add(_ service: GivenService, in scene: Scene, teamStatus: TeamStatus? = nil) async throws
        -> Intervention
    {
        let actor = context.actor
        return try await record(in: scene, purpose: service.kind, teamStatus: teamStatus) { tx, intervention in
            _ = try await tx.interventions.add(service, to: intervention, by: actor.userID)
        }
    }

    /// Runs `write` on the started intervention with its audit entry (and a team status change) in one
    /// transaction, and returns the intervention as it then stands.
    private func record(
        in scene: Scene, purpose: String, teamStatus: TeamStatus? = nil,
        _ write: @escaping @Sendable (RelaisStore, Intervention) async throws -> Void
    ) async throws -> Intervention {
        let actor = context.actor
        if scene.intervention?.closing != nil { throw InterventionConflict.closed }
        let requestID = context.requestID
        try await context.store.transaction { tx -> Void in
            let intervention = try await self.started(scene, in: tx)
            try await write(tx, intervention)
            if let teamStatus {
                _ = try await tx.dispatch.changeStatus(of: scene.team, to: teamStatus, position: nil, by: actor.userID)
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .interventionRecorded, resourceType: .intervention,
                    resourceID: intervention.id.description, purpose: purpose, requestID: requestID))
        }
        if teamStatus != nil {
            await context.services.mediation.board.publish(scene.team.organisationID, store: context.store)
        }
        return try await recorded(scene)
    }

    /// The scene's intervention as stored now (read again, and audited, to answer with it).
    private func recorded(_ scene: Scene) async throws -> Intervention {
        try await context.store.interventions.read(
            requestID: scene.serviceRequest.id, by: context.reader(for: .intervention)) ?? draft(of: scene)
    }

    private func started(_ scene: Scene, in tx: RelaisStore) async throws -> Intervention {
        if let intervention = scene.intervention { return intervention }
        return try await tx.interventions.start(
            requestID: scene.serviceRequest.id, teamID: scene.team.id, organisationID: scene.team.organisationID,
            at: scene.serviceRequest.timeline.onSceneAt ?? tx.now)
    }
}

extension InterventionRules {
    /// How much a service may send: an agreement holds a commitment of up to 1,000 characters per party, and an
    /// over-long one is named in the answer rather than refusing the whole body (as the intake's limit).
    static let bodyLimit = IntakeRules.bodyLimit
}
