import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Takes a request, from the intake page or the API: validate, screen, locate and triage, then write it and its
/// audit entries in one transaction, and tell the boards.
struct IntakeDesk {
    let context: DeskContext

    /// What a submission made.
    enum Outcome {
        case created(ServiceRequest)
        /// A retry with an idempotency key already used by this user: the request it made first.
        case replayed(ServiceRequestStore.Replay)
    }

    /// - Throws: ``ValidationError`` naming every field at fault (nothing is written).
    func submit(_ form: IntakeForm, idempotency: (key: String, fingerprint: String)? = nil) async throws -> Outcome {
        let actor = context.actor
        let store = context.store
        if let idempotency,
            let replay = try await store.serviceRequests.replay(
                key: idempotency.key, createdBy: actor.userID, fingerprint: idempotency.fingerprint)
        {
            return .replayed(replay)
        }
        let policy = context.services.mediation.triage
        let admitted: IntakeForm
        do {
            admitted = try IntakeChannel.of(actor).admit(form)
        } catch let refusal as IntakeRefusal {
            try await context.audit(
                .accessDenied, outcome: .denied, resourceType: .serviceRequest, purpose: "triage_override")
            throw refusal
        }
        let intake = try IntakeRules.validate(admitted, situations: Set(policy.situationWeights.keys))
        let territory = try await context.services.territories.locate(intake.point, level: .borough, store: store)
        let owner = try await owningOrganisation(for: actor, territory: territory, store: store)
        let triaged = policy.decide(
            TriageInput(
                screening: intake.screening, territory: territory, situation: intake.situation,
                peopleCount: intake.peopleCount, vulnerabilities: intake.vulnerabilities))
        let requestID = context.requestID
        let board = context.services.mediation.board
        let new = store.serviceRequests.prepare(
            intake, territory: territory, triaged: triaged, organisationID: owner, createdBy: actor.userID,
            idempotency: idempotency)
        let created: ServiceRequest
        do {
            created = try await store.groupedTransaction { tx in
                let created = try await tx.serviceRequests.create(new)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .serviceRequestCreated, resourceType: .serviceRequest,
                        resourceID: created.id.description, purpose: created.outcome.code, requestID: requestID))
                if intake.override != nil {
                    // The reason stays sealed on the request; the log says who changed what.
                    try await tx.audit.append(
                        AuditRecord(
                            actor: actor, action: .triageOverridden, resourceType: .serviceRequest,
                            resourceID: created.id.description,
                            purpose: "\(triaged.code) → \(created.outcome.code)", requestID: requestID))
                }
                if created.outcome.isQueued { try await board.announce(owner, in: tx) }
                return created
            }
        } catch StoreError.duplicate(field: "idempotency_key") {
            // The same key arrived twice at once: the other attempt won; answer with its request.
            guard let idempotency,
                let replay = try await store.serviceRequests.replay(
                    key: idempotency.key, createdBy: actor.userID, fingerprint: idempotency.fingerprint)
            else { throw StoreError.duplicate(field: "idempotency_key") }
            return .replayed(replay)
        }
        if created.outcome.isQueued { await board.publishAnnounced(owner) }
        return .created(created)
    }

    /// The organisation that will own the request: the caller's, when it runs a mobile team (the first such of their
    /// memberships that takes requests); otherwise the mobile-team
    /// organisation that serves the point's borough (``ServingOrganisation``).
    private func owningOrganisation(for actor: Actor, territory: TerritoryIndex.Match?, store: RelaisStore)
        async throws -> Organisation.ID
    {
        for own in actor.organisations(for: Permission(.create, .serviceRequest))
        where try await store.accounts.organisationKind(own) == .mobileTeam {
            return own
        }
        let candidates = try await store.accounts.organisations().filter { $0.kind == .mobileTeam }
            .sorted { $0.name < $1.name }.map(\.id)
        let now = store.now
        let shifts =
            try await territory.asyncFlatMap { match in
                try await store.teams.shifts(
                    inTerritory: match.code,
                    overlapping: DateInterval(start: now.addingTimeInterval(-7 * 86_400), duration: 14 * 86_400))
            } ?? []
        guard let owner = ServingOrganisation.choose(among: candidates, shifts: shifts, at: now) else {
            throw ValidationError([
                FieldProblem(field: "organisation", messageKey: "mediation.error.organisation.mobile_team")
            ])
        }
        return owner
    }
}

extension IntakeRules {
    /// How much an intake may send: room for an over-long description (so that the answer names the field at fault
    /// instead of refusing the whole body), far below anything that could hurt the server.
    static let bodyLimit = HTTPBodyStreamStrategy.collect(maxSize: "256kb")
}
