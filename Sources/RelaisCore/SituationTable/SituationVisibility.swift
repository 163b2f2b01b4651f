import Foundation

/// What one actor sees of one situation, from the access policy, the situation's stage and the agencies' agreements:
/// the de-identified description, and the identity as far as the filters allow. Pages, the API and exports ask this
/// before they read anything, so what is not visible is not sent.
public struct SituationVisibility: Sendable, Equatable {
    /// How much of the identity.
    public enum Identity: Sendable, Equatable, Comparable {
        case none
        /// The minimal fields revealed to the agencies present (filter 3).
        case minimal
        /// The whole identity: the originating agency, or an intervening one in filter 4.
        case full
    }

    /// Whether the actor sees the situation at all (its de-identified part, or its redacted remains).
    public let description: Bool
    public let identity: Identity
    /// Why the minimal identity is withheld from an agency present at the reveal, if that is the reason.
    public let withheldForAgreement: Bool

    /// Decides for `actor`. `agencies` are the table's; `present` the agencies present at the meeting the
    /// situation was decided at.
    public static func of(
        _ situation: Situation, for actor: Actor, agencies: [Organisation.ID: TableAgency],
        present: Set<Organisation.ID>, now: Date
    ) -> SituationVisibility {
        let owner = situation.originatingAgencyID
        let own = AccessPolicy.decide(actor, Permission(.read, .situation), on: .record(ownedBy: owner)).isAllowed
        let agenda =
            situation.stage.broughtToTable && AccessPolicy.decide(actor, Permission(.read, .tableAgenda)).isAllowed
        guard own || agenda else { return SituationVisibility(description: false, identity: .none) }
        guard situation.identityDestroyedAt == nil else {
            return SituationVisibility(description: true, identity: .none)
        }
        let bound = Set(agencies.values.filter { $0.signedAgreement(by: now) }.map(\.organisationID))
        let intervening =
            situation.stage == .intervening && (situation.identitySharedUntil.map { now < $0 } ?? false)
            ? Set(situation.interveningAgencyIDs).intersection(bound) : []
        let target = AccessTarget.record(ownedBy: owner, partners: [.intervening: intervening])
        if AccessPolicy.decide(actor, Permission(.read, .situationIdentity), on: target).isAllowed
            || AccessPolicy.decide(actor, Permission(.read, .sharedIdentity), on: target).isAllowed
        {
            return SituationVisibility(description: true, identity: .full)
        }
        guard situation.stage == .accepted, situation.revealedAt != nil else {
            return SituationVisibility(description: true, identity: .none)
        }
        let minimal = AccessPolicy.decide(
            actor, Permission(.read, .revealedIdentity),
            on: .record(ownedBy: owner, partners: [.present: present.intersection(bound)]))
        if minimal.isAllowed { return SituationVisibility(description: true, identity: .minimal) }
        // Present, but bound by no agreement: say so rather than show nothing without a reason.
        let unbound = AccessPolicy.decide(
            actor, Permission(.read, .revealedIdentity),
            on: .record(ownedBy: owner, partners: [.present: present])
        ).isAllowed
        return SituationVisibility(description: true, identity: .none, withheldForAgreement: unbound)
    }

    init(description: Bool, identity: Identity, withheldForAgreement: Bool = false) {
        self.description = description
        self.identity = identity
        self.withheldForAgreement = withheldForAgreement
    }
}
