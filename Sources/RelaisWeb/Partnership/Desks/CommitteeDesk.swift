import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The partnership committees' use cases for coordinators and members, shared by pages and tests. Each step checks
/// access, asks the rules in Core and writes the change with its audit entry in one transaction — or refuses and
/// writes nothing.
struct CommitteeDesk {
    let context: DeskContext

    var store: RelaisStore { context.store }
    var actor: Actor { context.actor }
    var timeZone: TimeZone { context.services.config.timeZone }
    var today: String { Evening.day(of: context.now, timeZone: timeZone) }

    /// The police services whose structure the actor coordinates.
    var coordinated: [Organisation.ID] {
        actor.memberships.filter { $0.role == .committeeCoordinator }.map(\.organisationID)
    }

    /// Whether the actor coordinates `committee`'s structure.
    func coordinates(_ committee: Committee) -> Bool { coordinated.contains(committee.organisationID) }

    /// The member record of the signed-in person, if they are one: linked to their account, or found by the
    /// account's e-mail among their organisations' members (an account made after the member was added) and linked.
    func ownMember() async throws -> CommitteeMember? {
        if let member = try await store.committees.member(user: actor.userID) { return member }
        guard actor.holds(.committeeMember), let user = try await store.accounts.user(actor.userID) else { return nil }
        for organisation in Set(actor.memberships.map(\.organisationID)) {
            if let member = try await store.committees.member(email: user.email, organisation: organisation) {
                try await store.committees.link(member.id, to: user.id)
                return member
            }
        }
        return nil
    }

    /// The committees the actor sees: a coordinator's whole structure, a member's own committees.
    func committees() async throws -> [Committee] {
        var found = coordinated.isEmpty ? [] : try await store.committees.committees(organisations: coordinated)
        if let member = try await ownMember() {
            let seats = Set(
                try await store.committees.mandates(member: member.id).filter { $0.isActive(on: today) }
                    .map(\.committeeID))
            for committee in try await store.committees.committees() where seats.contains(committee.id) {
                if !found.contains(where: { $0.id == committee.id }) { found.append(committee) }
            }
        }
        guard !found.isEmpty || AccessPolicy.decide(actor, Permission(.read, .committee)).isAllowed else {
            throw AccessError.forbidden
        }
        return found
    }

    /// The committees whose concerns and actions the actor follows: their own, and for a coordinator or a member
    /// of a strategic committee, every committee of that structure (the strategic committee sees them all).
    func followed() async throws -> [Committee] {
        let own = try await committees()
        let structures = Set(own.filter { $0.kind == .strategic }.map(\.organisationID))
        guard !structures.isEmpty else { return own }
        let all = try await store.committees.committees(organisations: Array(structures))
        return own + all.filter { committee in !own.contains { $0.id == committee.id } }
    }

    /// The committee with `code`, for one who may do `action` to it.
    /// - Throws: ``AccessError/forbidden`` for anyone else; a missing one answers 404.
    func committee(code: String, _ action: Permission.Action = .read) async throws -> Committee {
        guard let committee = try await store.committees.committee(code: code) else { throw Abort(.notFound) }
        try await check(committee, action)
        return committee
    }

    /// The committee with `id`, for one who may do `action` to it.
    func committee(_ id: Committee.ID, _ action: Permission.Action = .read) async throws -> Committee {
        guard let committee = try await store.committees.committee(id) else { throw Abort(.notFound) }
        try await check(committee, action)
        return committee
    }

    private func check(_ committee: Committee, _ action: Permission.Action) async throws {
        var relationships: Set<Relationship> = []
        if AccessPolicy.dependsOnRelationship(actor, Permission(action, .committee)),
            let member = try await ownMember(),
            try await store.committees.mandates(committees: [committee.id])
                .contains(where: { $0.memberID == member.id && $0.isActive(on: today) })
        {
            relationships.insert(.seated)
        }
        let target = AccessTarget.record(ownedBy: committee.organisationID, relationships: relationships)
        guard AccessPolicy.decide(actor, Permission(action, .committee), on: target).isAllowed else {
            throw AccessError.forbidden
        }
    }

    /// Members' identities are read by coordinators only.
    func requireCoordinator(_ committee: Committee) throws {
        guard coordinates(committee),
            AccessPolicy.decide(
                actor, Permission(.update, .committeeMember),
                on: .record(ownedBy: committee.organisationID, relationships: [])
            ).isAllowed
        else { throw AccessError.forbidden }
    }

    // MARK: members and terms

    /// Adds a member (or finds the service's member with that e-mail) and gives them a first term on `committee`.
    func appoint(
        to committee: Committee, identity: MemberIdentity, origin: String, side: MemberSide, language: Language,
        position: CommitteePosition, startsOn: String
    ) async throws {
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            var member = try await tx.committees.member(email: identity.email, organisation: committee.organisationID)
            if member == nil {
                member = try await tx.committees.addMember(
                    organisation: committee.organisationID, identity: identity, origin: origin, side: side,
                    language: language, user: try await tx.accounts.credentials(email: identity.email)?.user.id)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .committeeMemberAdded, resourceType: .committeeMember,
                        resourceID: member?.id.description, requestID: requestID))
            }
            guard let member else { return }
            let mandate = try MandateRules.appoint(
                member: member.id, to: committee, position: position, startsOn: startsOn,
                mandates: try await tx.committees.mandates(committees: [committee.id]))
            try await tx.committees.insert(mandate)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMandateGiven, resourceType: .committeeMember,
                    resourceID: member.id.description, purpose: "term_\(mandate.number)", requestID: requestID))
        }
    }

    /// Renews a mandate for the next term.
    func renew(_ id: Mandate.ID, of committee: Committee) async throws {
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            let mandates = try await tx.committees.mandates(committees: [committee.id])
            guard let mandate = mandates.first(where: { $0.id == id }) else { throw Abort(.notFound) }
            let next = try MandateRules.renew(mandate, of: committee, mandates: mandates)
            try await tx.committees.insert(next)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMandateGiven, resourceType: .committeeMember,
                    resourceID: mandate.memberID.description, purpose: "term_\(next.number)", requestID: requestID))
        }
    }

    /// Ends a running mandate today (a resignation).
    func end(_ id: Mandate.ID, of committee: Committee) async throws {
        try requireCoordinator(committee)
        guard let mandate = try await store.committees.mandate(id), mandate.committeeID == committee.id else {
            throw Abort(.notFound)
        }
        let actor = actor
        let requestID = context.requestID
        let day = today
        try await store.transaction { tx in
            guard try await tx.committees.end(id, on: day) else { return }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMandateEnded, resourceType: .committeeMember,
                    resourceID: mandate.memberID.description, requestID: requestID))
        }
    }

    /// The committee's members with their identity: an audited read, for coordinators.
    func members(of committee: Committee, ids: [CommitteeMember.ID]) async throws -> [CommitteeMember] {
        try requireCoordinator(committee)
        return try await store.committees.members(ids, by: context.reader(for: .committeeMembers))
    }
}
