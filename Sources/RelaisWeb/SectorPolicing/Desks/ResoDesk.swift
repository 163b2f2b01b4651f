import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// RÉSO's use cases for its staff, shared by pages, the API and tests: an officer's messages and their follow-up,
/// and the supervisor's keeping of the officers. Each step checks access, asks the rules in Core and writes the
/// change with its audit entry in one transaction — or refuses and writes nothing.
struct ResoDesk {
    let context: DeskContext

    var store: RelaisStore { context.store }
    var actor: Actor { context.actor }
    var services: ResoServices { context.services.reso }

    /// The officer record of the signed-in person, if they are one.
    func ownOfficer() async throws -> SectorOfficer? {
        try await store.sectorOfficers.officer(user: actor.userID)
    }

    /// The police services the actor supervises.
    var supervised: [Organisation.ID] {
        actor.memberships.filter { $0.role == .sectorSupervisor }.map(\.organisationID)
    }

    // MARK: messages

    /// The messages the actor answers: an officer's own (and those sent on to them), a supervisor's whole service.
    func inbox() async throws -> [MessageSummary] {
        guard AccessPolicy.decide(actor, Permission(.read, .residentMessage)).isAllowed else {
            throw AccessError.forbidden
        }
        var found: [MessageSummary] = []
        for service in supervised { found += try await store.residentMessages.ofService(service) }
        if let officer = try await ownOfficer() {
            found += try await store.residentMessages.answeredBy(officer.id)
        }
        var seen = Set<ResidentMessage.ID>()
        return found.filter { seen.insert($0.id).inserted }.sorted { lhs, rhs in
            (lhs.status == .new ? 0 : 1, rhs.receivedAt) < (rhs.status == .new ? 0 : 1, lhs.receivedAt)
        }
    }

    /// What lists show of a message, for one who may do `action` to it.
    /// - Throws: ``AccessError/forbidden`` for anyone else; a missing one answers 404.
    func summary(_ id: ResidentMessage.ID, _ action: Permission.Action = .read) async throws -> MessageSummary {
        guard let summary = try await store.residentMessages.summary(id) else { throw Abort(.notFound) }
        var relationships: Set<Relationship> = []
        if AccessPolicy.dependsOnRelationship(actor, Permission(action, .residentMessage)),
            let officer = try await ownOfficer(), summary.isAnswered(by: officer.id)
        {
            relationships.insert(.answering)
        }
        let target = AccessTarget.record(ownedBy: summary.organisationID, relationships: relationships)
        guard AccessPolicy.decide(actor, Permission(action, .residentMessage), on: target).isAllowed else {
            throw AccessError.forbidden
        }
        return summary
    }

    /// The message with what the resident wrote and its follow-up: an audited read.
    func message(_ id: ResidentMessage.ID) async throws -> (message: ResidentMessage, steps: [MessageStep]) {
        _ = try await summary(id)
        guard let found = try await store.residentMessages.message(id, by: context.reader(for: .residentMessage))
        else { throw Abort(.notFound) }
        return found
    }

    /// A step of the follow-up; an answer by e-mail leaves through the outbox in the same transaction.
    func followUp(_ id: ResidentMessage.ID, kind: MessageStep.Kind, text: String?) async throws {
        _ = try await summary(id, .update)
        guard
            var message = try await store.residentMessages.message(id, by: context.reader(for: .residentMessage))?
                .message
        else { throw Abort(.notFound) }
        let previous = message.status
        let step = try MessageRules.step(kind, text: text, on: &message, by: actor.userID, now: context.now)
        let mail = kind == .emailed ? ResoMail(context.services).answer(message, text: step.text) : nil
        let changed = message
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.residentMessages.record(step, on: changed, from: previous)
            if let mail { _ = try await tx.outbox.enqueue(mail, purpose: "reso_answer") }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .residentMessageFollowedUp, resourceType: .residentMessage,
                    resourceID: changed.id.description, purpose: kind.rawValue, requestID: requestID))
        }
    }

    // MARK: officers (supervisors)

    /// The service whose officers the actor keeps.
    /// - Throws: ``AccessError/forbidden`` when they keep none.
    func keptService(_ action: Permission.Action = .update) throws -> Organisation.ID {
        guard let service = supervised.first,
            AccessPolicy.decide(actor, Permission(action, .sectorOfficer), on: .record(ownedBy: service)).isAllowed
        else { throw AccessError.forbidden }
        return service
    }

    /// An officer of the actor's service, for one who keeps them.
    func keptOfficer(_ id: SectorOfficer.ID) async throws -> SectorOfficer {
        let service = try keptService()
        guard let officer = try await store.sectorOfficers.officer(id), officer.organisationID == service else {
            throw Abort(.notFound)
        }
        return officer
    }

    /// What the officer form sends.
    struct OfficerForm {
        var name: String?
        var cellPhone: String?
        var languages: [String] = []
        var userID: String?
        var sectorCode: String?
        var coverID: String?
        var duty: [OfficerRules.DutyRow] = []
    }

    /// Adds an officer to the actor's service, or saves one: card, account, duty, colleague who covers, sector.
    func saveOfficer(_ id: SectorOfficer.ID?, _ form: OfficerForm) async throws -> SectorOfficer {
        let service = try keptService(id == nil ? .create : .update)
        var problems: [FieldProblem] = []
        var card: (name: String, cellPhone: String, languages: [SpokenLanguage])?
        var checkedDuty = OpeningHours(intervals: [])
        do { card = try OfficerRules.card(name: form.name, cellPhone: form.cellPhone, languages: form.languages) } catch
        {
            problems += error.problems
        }
        do { checkedDuty = try OfficerRules.duty(form.duty) } catch { problems += error.problems }
        let snapshot = try await services.book.current(store)
        let sector = form.sectorCode.trimmedNonEmpty
        if let sector, snapshot.directory.sector(sector) == nil {
            problems.append(FieldProblem(field: "sectorCode", messageKey: "reso.error.sector"))
        }
        let members = try await store.accounts.members(of: service)
        let user = form.userID.trimmedNonEmpty.flatMap(User.ID.init)
        if form.userID.trimmedNonEmpty != nil,
            !members.contains(where: { $0.user == user && $0.role == .sectorOfficer })
        {
            problems.append(FieldProblem(field: "userID", messageKey: "reso.error.account"))
        }
        let cover = form.coverID.trimmedNonEmpty.flatMap(SectorOfficer.ID.init)
        if form.coverID.trimmedNonEmpty != nil,
            cover == id || snapshot.directory.officer(cover!)?.organisationID != service
        {
            problems.append(FieldProblem(field: "coverID", messageKey: "reso.error.cover"))
        }
        guard problems.isEmpty, let card else { throw ValidationError(problems) }
        let duty = checkedDuty
        let actor = actor
        let requestID = context.requestID
        let saved = try await store.transaction { tx -> SectorOfficer in
            var officer: SectorOfficer
            if let id {
                guard let existing = try await tx.sectorOfficers.officer(id), existing.organisationID == service else {
                    throw Abort(.notFound)
                }
                officer = existing
                officer.name = card.name
                officer.cellPhone = card.cellPhone
                officer.languages = card.languages
                officer.duty = duty
                officer.userID = user
            } else {
                officer = try await tx.sectorOfficers.add(
                    organisation: service, user: user, name: card.name, cellPhone: card.cellPhone,
                    languages: card.languages, duty: duty)
            }
            officer.coverID = cover
            try await tx.sectorOfficers.save(officer)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .sectorOfficerSaved, resourceType: .sectorOfficer,
                    resourceID: officer.id.description, requestID: requestID))
            if officer.sectorCode != sector {
                try await tx.sectorOfficers.assign(officer.id, to: sector)
                officer.sectorCode = sector
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .sectorOfficerAssigned, resourceType: .sectorOfficer,
                        resourceID: officer.id.description, purpose: sector ?? "none", requestID: requestID))
            }
            return officer
        }
        await services.book.invalidate()
        return saved
    }

    /// Replaces an officer's photo with the upload, checked and re-encoded (``OfficerPhoto``).
    func setPhoto(_ id: SectorOfficer.ID, upload: [UInt8]) async throws {
        let officer = try await keptOfficer(id)
        let sizes: [String: [UInt8]]
        do { sizes = try OfficerPhoto.prepare(upload) } catch {
            throw ValidationError([FieldProblem(field: "photo", messageKey: error.messageKey)])
        }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            _ = try await tx.sectorOfficers.setPhoto(officer.id, sizes: sizes)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .sectorOfficerPhotoChanged, resourceType: .sectorOfficer,
                    resourceID: officer.id.description, requestID: requestID))
        }
        await services.book.invalidate()
    }
}
