import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension Dispatcher {
    /// Closes a waiting request without sending a team — cancelled, no team, or a duplicate of another request of
    /// the same organisation (named by its reference, the first characters of its number) — with its reason; the
    /// board is told.
    /// - Throws: ``ValidationError`` naming each bad field, ``RequestClosureRefusal`` when it is no longer waiting.
    func close(_ summary: ServiceRequestSummary, kind: String?, reason: String?, duplicateOf reference: String?)
        async throws
    {
        let named = (reference ?? "").trimmed
        let duplicate = named.isEmpty ? nil : try await requestNamed(named, in: summary.organisationID)
        let closure = try RequestClosureRules.closure(
            status: summary.status, kind: kind, reason: reason,
            duplicateOf: duplicate == summary.id ? nil : duplicate, duplicateNamed: !named.isEmpty)
        let actor = context.actor
        let requestID = context.requestID
        let store = context.store
        try await store.transaction { tx in
            try await tx.serviceRequests.close(summary.id, closure)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .serviceRequestClosed, resourceType: .serviceRequest,
                    resourceID: summary.id.description, purpose: closure.kind.rawValue, requestID: requestID))
        }
        await context.services.mediation.board.publish(summary.organisationID, store: store)
    }

    /// Adds a note or a logged call-back to a request (sealed, audited).
    func note(_ summary: ServiceRequestSummary, kind: String?, text: String?) async throws {
        let store = context.store
        let note = try RequestClosureRules.note(kind: kind, text: text, at: store.now, by: context.actor.userID)
        let actor = context.actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.serviceRequests.addNote(note, to: summary.id)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .serviceRequestNoted, resourceType: .serviceRequest,
                    resourceID: summary.id.description, purpose: note.kind.rawValue, requestID: requestID))
        }
    }

    /// The request of `organisation` whose number starts with `reference` (at least 8 characters), if exactly one.
    private func requestNamed(_ reference: String, in organisation: Organisation.ID) async throws -> ServiceRequest.ID?
    {
        let prefix = reference.lowercased().filter { $0.isHexDigit || $0 == "-" }
        guard prefix.count >= 8, prefix.count <= 36 else { return nil }
        return try await context.store.serviceRequests.find(prefix: prefix, organisationID: organisation)
    }
}
