import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What a resource's staff do in Relais, for the API and their page: report capacity and hours of the services
/// their organisation looks after, and answer the referrals made to them. Every change is audited.
struct ResourceDesk {
    static let update = Permission(.update, .resourceDirectory)

    let context: DeskContext

    /// The service with this id, if the actor's organisation looks after it (or the actor may update the whole
    /// directory); 404 when it does not exist, 403 when it is another organisation's.
    func stewardedService(_ id: String) async throws -> (String, Actor) {
        let actor = context.actor
        let steward = try await context.store.directory.steward(ofService: id)
        guard steward.exists else { throw Abort(.notFound) }
        let decision =
            steward.owner.map { AccessPolicy.decide(actor, Self.update, on: .record(ownedBy: $0)) }
            ?? AccessPolicy.decide(actor, Self.update)
        guard decision.isAllowed, steward.owner != nil || decision == .allowed(.everywhere) else {
            throw AccessError.forbidden
        }
        return (id, actor)
    }

    /// Records how many places a service (checked by ``stewardedService(_:)``) has free and taken now.
    func setCapacity(ofService id: String, by actor: Actor, available: Int, occupied: Int?) async throws
        -> ResourceCapacity
    {
        let capacity = try ResourceCapacity(available: available, occupied: occupied)
        try await context.store.directory.setCapacity(capacity, ofService: id, by: actor)
        return capacity
    }

    /// The referrals to the actor's organisation's services, newest first (reading what was asked is audited).
    func referrals(limit: Int) async throws -> [InterventionStore.Referral] {
        try await context.store.interventions.referrals(
            toServices: try await stewardedServiceIDs(), limit: limit, by: context.reader(for: .referrals))
    }

    /// The teams driving someone to the actor's services in the last twelve hours: coming, or arrived.
    func escorts() async throws -> [InterventionStore.Escort] {
        let store = context.store
        return try await store.interventions.escorts(
            toServices: try await stewardedServiceIDs(), since: store.now.addingTimeInterval(-12 * 3600))
    }

    /// How many referrals to the actor's services await an answer.
    func awaitingReferrals() async throws -> Int {
        try await context.store.interventions.awaitingReferrals(toServices: try await stewardedServiceIDs())
    }

    private func stewardedServiceIDs() async throws -> [String] {
        var services: [DirectoryStore.StewardedService] = []
        for organisation in context.actor.organisations(for: Permission(.update, .resourceDirectory)) {
            services += try await context.store.directory.services(stewardedBy: organisation)
        }
        return services.map(\.id)
    }

    /// The receiving resource accepts or declines a referral awaiting its answer.
    /// - Throws: 404 for a referral that does not exist or that another organisation's resource received (the same
    ///   answer, so that a probe learns nothing; both audited), ``ValidationError`` for another answer,
    ///   ``ReferralConflict`` when it was already answered.
    func answer(_ referralID: String?, with text: String?) async throws -> InterventionStore.Referral {
        let actor = context.actor
        let store = context.store
        let id = referralID.flatMap(InterventionService.ID.init)
        // Whose it is, from the service it went to, before anything about the person is read.
        let target = try await id.asyncFlatMap { try await store.interventions.referralTarget($0) }
        let steward = try await target.asyncFlatMap { try await store.directory.steward(ofService: $0).owner }
        guard let id, let steward, AccessPolicy.decide(actor, Self.update, on: .record(ownedBy: steward)).isAllowed,
            let referral = try await store.interventions.referral(id, by: context.reader(for: .referrals))
        else {
            try await context.audit(
                .accessDenied, outcome: .denied, resourceType: .referral,
                resourceID: referralID.map { String($0.prefix(64)) },
                purpose: "referral_answer")
            throw Abort(.notFound)
        }
        guard let answer = text.flatMap(ReferralAnswer.init(rawValue:)) else {
            throw ValidationError([FieldProblem(field: "answer", messageKey: "mediation.error.referral_answer.unknown")]
            )
        }
        let answered = try referral.acknowledgement.answered(answer, at: store.now)
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.interventions.answer(id, with: answered, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .referralAnswered, resourceType: .referral, resourceID: id.description,
                    purpose: answer.rawValue, requestID: requestID))
        }
        return referral.with(answered)
    }
}
