import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The officer's work log: contacts with businesses, residents, vulnerable people and families, and visits.
extension ResoDesk {
    /// How far back the log page reads.
    static let logDays = 30

    /// The officer's own card, when they work a sector and may keep a log there.
    func loggingOfficer(_ action: Permission.Action) async throws -> SectorOfficer {
        guard let officer = try await ownOfficer(), let sector = officer.sectorCode else { throw AccessError.forbidden }
        let target = AccessTarget.record(ownedBy: officer.organisationID, relationships: [.sectorHolder])
        guard AccessPolicy.decide(actor, Permission(action, .sectorContact), on: target).isAllowed, !sector.isEmpty
        else { throw AccessError.forbidden }
        return officer
    }

    /// What the log form sends.
    struct ContactForm {
        var kind: String?
        var place: String?
        var note: String?
        var latitude: String?
        var longitude: String?
        var minutesAgo: String?
        var problem: String?
        /// The person it is about, if the officer names them: found again by their blind indexes within the
        /// service, or recorded.
        var givenName: String?
        var familyName: String?
        var birthDate: String?
        var phone: String?

        var namesPerson: Bool {
            [givenName, familyName, birthDate, phone].contains { $0.trimmedNonEmpty != nil }
        }
    }

    /// Writes an entry in the officer's sector, linked to one of its open problems if asked.
    func recordContact(_ form: ContactForm) async throws {
        let officer = try await loggingOfficer(.create)
        let now = context.now
        let minutes = form.minutesAgo.trimmedNonEmpty.flatMap { $0.count <= 5 ? Int($0) : nil } ?? 0
        let entry = try ContactRules.entry(
            kind: form.kind, place: form.place, note: form.note, latitude: form.latitude, longitude: form.longitude,
            at: now.addingTimeInterval(-Double(max(0, minutes)) * 60), now: now)
        var problem: SectorProblem.ID?
        if let id = form.problem.trimmedNonEmpty.flatMap(SectorProblem.ID.init) {
            let found = try await problemSummary(id, .update)
            guard found.sectorCode == officer.sectorCode else { throw ProblemRefusal.otherSector }
            guard found.stage != .closed else { throw ProblemRefusal.closed }
            problem = id
        }
        let identifiers = try personIdentifiers(form, kind: entry.kind, now: now)
        let service = officer.organisationID
        let actor = actor
        let requestID = context.requestID
        let reader = context.reader(for: .workLog)
        var personID: Person.ID?
        if let identifiers {
            personID = try await store.persons.find(identifiers.keys, in: service, by: reader).first?.person.id
        }
        let found = personID
        let contact = SectorContact(
            id: .init(UUID()), organisationID: service, sectorCode: officer.sectorCode ?? "",
            officerUserID: actor.userID, kind: entry.kind, at: now.addingTimeInterval(-Double(max(0, minutes)) * 60),
            place: entry.place, cell: entry.cell, note: entry.note, problemID: problem, personID: found)
        try await store.transaction { tx in
            var contact = contact
            if let identifiers, found == nil {
                let person = try await tx.persons.record(
                    identifiers, organisation: service, programme: ResoProgramme.programmeID, by: actor.userID)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .personRecorded, resourceType: .person,
                        resourceID: person.id.description, requestID: requestID))
                contact = SectorContact(
                    id: contact.id, organisationID: contact.organisationID, sectorCode: contact.sectorCode,
                    officerUserID: contact.officerUserID, kind: contact.kind, at: contact.at, place: contact.place,
                    cell: contact.cell, note: contact.note, problemID: contact.problemID, personID: person.id)
            }
            try await tx.sectorContacts.record(contact)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .sectorContactRecorded, resourceType: .sectorContact,
                    resourceID: contact.id.description, purpose: contact.kind.rawValue, requestID: requestID))
        }
    }

    /// The identifiers of the person an entry names, checked (only a resident, a vulnerable person or a family).
    private func personIdentifiers(_ form: ContactForm, kind: ContactKind, now: Date) throws -> PersonIdentifiers? {
        guard form.namesPerson else { return nil }
        guard kind == .vulnerablePerson || kind == .family || kind == .resident else {
            throw ValidationError([FieldProblem(field: "givenName", messageKey: "reso.error.contact_person_kind")])
        }
        return try PersonIdentifiers.checked(
            givenName: form.givenName, familyName: form.familyName, birthDate: form.birthDate, phone: form.phone,
            today: Evening.day(of: now, timeZone: context.services.config.timeZone))
    }

    /// The officer's entries of the last ``logDays`` days: an audited read.
    func workLog() async throws -> [SectorContact] {
        _ = try await loggingOfficer(.read)
        return try await store.sectorContacts.log(
            of: actor.userID, since: context.now.addingTimeInterval(-Double(Self.logDays) * 86_400),
            by: context.reader(for: .workLog))
    }
}
