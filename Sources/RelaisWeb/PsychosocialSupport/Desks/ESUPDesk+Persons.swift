import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The team's persons: "have we met this person?", the record, consent, the support plan, merging, the
/// cross-programme count and the person's own record of reads.
extension ESUPDesk {
    /// What a search sends: a full name with a birth date, or a phone number.
    struct Search {
        var givenName: String?
        var familyName: String?
        var birthDate: String?
        var phone: String?
    }

    /// The keys of a search.
    /// - Throws: ``ValidationError`` when it has neither a full name with a birth date nor a phone number.
    func keys(of search: Search) throws -> [PersonKey] {
        let phone = search.phone.trimmedNonEmpty
        let named =
            search.givenName.trimmedNonEmpty != nil && search.familyName.trimmedNonEmpty != nil
            && search.birthDate.trimmedNonEmpty != nil
        guard named || phone != nil else {
            throw ValidationError([FieldProblem(field: "search", messageKey: "esup.error.search")])
        }
        let identifiers = try PersonIdentifiers.checked(
            givenName: named ? search.givenName : "-", familyName: named ? search.familyName : "-",
            birthDate: named ? search.birthDate : nil, phone: phone, today: today)
        return identifiers.keys
    }

    /// The team's persons a search finds (each read audited).
    func find(_ search: Search) async throws -> [OpenedPerson] {
        let team = try await ownTeam(Permission(.read, .person))
        return try await store.persons.find(try keys(of: search), in: team, by: context.reader(for: .personFollowUp))
    }

    /// Records a person the team met.
    func record(_ search: Search) async throws -> Person {
        let team = try await ownTeam(Permission(.create, .person))
        let identifiers = try PersonIdentifiers.checked(
            givenName: search.givenName, familyName: search.familyName, birthDate: search.birthDate,
            phone: search.phone, today: today)
        let actor = actor
        let requestID = context.requestID
        return try await store.transaction { tx in
            let person = try await tx.persons.record(
                identifiers, organisation: team, programme: ESUPProgramme.programmeID, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .personRecorded, resourceType: .person, resourceID: person.id.description,
                    requestID: requestID))
            return person
        }
    }

    /// The team's person, opened (the read audited).
    func person(_ id: Person.ID) async throws -> OpenedPerson {
        let team = try await ownTeam(Permission(.read, .person))
        guard let person = try await store.persons.person(id), person.organisationID == team,
            let opened = try await store.persons.opened(id, by: context.reader(for: .personFollowUp))
        else { throw Abort(.notFound) }
        return opened
    }

    /// The counts other programmes hold of the person, where an agreement with their organisation exists; showing
    /// them is audited.
    func crossCounts(_ opened: OpenedPerson) async throws -> [CrossProgrammeCount] {
        let team = opened.person.organisationID
        let counts = CrossProgrammeCount.crossing(
            try await store.persons.matches(opened.identifiers.keys, outside: team), to: team,
            agreements: try await store.sharingAgreements.all())
        if !counts.isEmpty {
            try await context.audit(
                .crossProgrammeCountShown, resourceType: .person, resourceID: opened.person.id.description)
        }
        return counts
    }

    // MARK: consent and the plan

    func recordConsent(_ id: Person.ID, purpose: String?, basis: String?, note: String?) async throws {
        let team = try await ownTeam(Permission(.update, .person))
        guard let person = try await store.persons.person(id), person.organisationID == team else {
            throw Abort(.notFound)
        }
        let (purpose, basis, note) = try ConsentRules.checked(purpose: purpose, basis: basis, note: note)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            _ = try await tx.persons.recordConsent(id, purpose: purpose, basis: basis, note: note, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .consentRecorded, resourceType: .person, resourceID: id.description,
                    purpose: purpose.rawValue, requestID: requestID))
        }
    }

    /// Withdraws the person's consent for `purpose`: what rested on it is hidden at once (the approach note).
    func withdrawConsent(_ id: Person.ID, purpose: String?) async throws {
        let team = try await ownTeam(Permission(.update, .person))
        guard let person = try await store.persons.person(id), person.organisationID == team else {
            throw Abort(.notFound)
        }
        guard let purpose = purpose.flatMap(ConsentPurpose.init(rawValue:)) else {
            throw ValidationError([FieldProblem(field: "purpose", messageKey: "person.error.purpose")])
        }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            guard try await tx.persons.withdrawConsent(id, purpose: purpose, by: actor.userID) > 0 else {
                throw PersonRefusal.noConsentOrBasis(purpose)
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .consentWithdrawn, resourceType: .person, resourceID: id.description,
                    purpose: purpose.rawValue, requestID: requestID))
        }
    }

    /// What a plan form sends.
    struct PlanForm {
        var whatHelps: String?
        var toAvoid: String?
        var peopleToCall: String?
        var preferredResources: String?
        var approachNote: String?
        var reviewOn: String?
    }

    /// Writes the person's support plan: refused without a consent or a documented basis.
    func writePlan(_ id: Person.ID, _ form: PlanForm) async throws {
        let team = try await ownTeam(Permission(.create, .supportPlan))
        guard let person = try await store.persons.person(id), person.organisationID == team,
            person.mergedInto == nil
        else { throw Abort(.notFound) }
        let latest = Evening.day(
            of: context.now.addingTimeInterval(Double(SupportPlanRules.maximumDaysToReview) * 86_400),
            timeZone: timeZone)
        let content = try SupportPlanRules.checked(
            whatHelps: form.whatHelps, toAvoid: form.toAvoid, peopleToCall: form.peopleToCall,
            preferredResources: form.preferredResources, approachNote: form.approachNote, reviewOn: form.reviewOn,
            consents: try await store.persons.consents(of: id), today: today, latestReview: latest)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            let plan = try await tx.supportPlans.write(content, for: id, team: team, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .supportPlanWritten, resourceType: .supportPlan,
                    resourceID: plan.id.description, requestID: requestID))
        }
    }

    // MARK: merging

    /// Folds the record `mergedReference` names into `id`, with the reason the comparison gave.
    func merge(into id: Person.ID, mergedReference: String?, reason: String?) async throws {
        let (survivor, merged, reason) = try await mergeable(into: id, mergedReference: mergedReference, reason: reason)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            let merge = try await tx.persons.merge(merged.id, into: survivor.id, reason: reason, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .personMerged, resourceType: .person, resourceID: survivor.id.description,
                    purpose: merge.id.description, requestID: requestID))
        }
    }

    /// The two records a merge would fold together, both opened (each read audited) for the team member to compare
    /// side by side before confirming, with the reason checked.
    /// - Throws: what ``merge(into:mergedReference:reason:)`` would refuse, before anything is shown.
    func mergeReview(into id: Person.ID, mergedReference: String?, reason: String?) async throws -> (
        survivor: OpenedPerson, merged: OpenedPerson, reason: String
    ) {
        let (survivor, merged, reason) = try await mergeable(into: id, mergedReference: mergedReference, reason: reason)
        return (try await person(survivor.id), try await person(merged.id), reason)
    }

    private func mergeable(into id: Person.ID, mergedReference: String?, reason: String?) async throws -> (
        Person, Person, String
    ) {
        let team = try await ownTeam(Permission(.update, .person))
        guard let survivor = try await store.persons.person(id), survivor.organisationID == team else {
            throw Abort(.notFound)
        }
        guard let reference = mergedReference.trimmedNonEmpty?.uppercased(),
            let merged = try await store.persons.person(reference: reference), merged.organisationID == team
        else { throw ValidationError([FieldProblem(field: "merged", messageKey: "esup.error.merge_reference")]) }
        return (survivor, merged, try PersonMergeRules.check(survivor: survivor, merged: merged, reason: reason))
    }

    /// Undoes a merge into `id`.
    func undoMerge(_ mergeID: PersonMerge.ID, of id: Person.ID) async throws {
        let team = try await ownTeam(Permission(.update, .person))
        guard let survivor = try await store.persons.person(id), survivor.organisationID == team,
            try await store.persons.survivor(ofMerge: mergeID) == id
        else { throw Abort(.notFound) }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.persons.undoMerge(mergeID, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .personMergeUndone, resourceType: .person, resourceID: id.description,
                    purpose: mergeID.description, requestID: requestID))
        }
    }

    /// The person's record of reads, for their access request: who read it, when, and why (Law 25, s. 27).
    func readsOf(_ id: Person.ID) async throws -> [AuditEntry] {
        let opened = try await person(id)
        try await context.audit(
            .personalInformationRead, resourceType: .person, resourceID: id.description,
            purpose: ReadPurpose.accessRequest.rawValue)
        return try await store.audit.entries(
            .init(resourceType: AuditResource.person.rawValue, resourceID: opened.person.id.description, limit: 5_000))
    }

    // MARK: tasks

    func addTask(consult: Consult.ID?, person: Person.ID?, what: String?, assignee: String?, dueOn: String?)
        async throws
    {
        let team = try await ownTeam(Permission(.update, .supportPlan))
        let members = try await store.accounts.members(of: team).map(\.user)
        let (what, assigneeID, due) = try FollowUpTask.checked(
            what: what, assignee: assignee.flatMap(User.ID.init), among: members, dueOn: dueOn, today: today)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            let task = try await tx.supportPlans.addTask(
                team: team, consult: consult, person: person, what: what, assignee: assigneeID, dueOn: due)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .followUpTaskChanged, resourceType: .supportPlan,
                    resourceID: task.id.description, requestID: requestID))
        }
    }

    func completeTask(_ id: FollowUpTask.ID) async throws {
        let team = try await ownTeam(Permission(.update, .supportPlan))
        guard try await store.supportPlans.team(ofTask: id) == team else { throw Abort(.notFound) }
        try await store.supportPlans.complete(id)
        try await context.audit(.followUpTaskChanged, resourceType: .supportPlan, resourceID: id.description)
    }

    // MARK: duos

    /// Forms a duo for this evening from two members of the team.
    func formDuo(callSign: String?, officer: String?, socialWorker: String?) async throws {
        let team = try await ownTeam(Permission(.create, .duo))
        func membership(_ text: String?, _ role: Role) async throws -> (User.ID, Membership)? {
            guard let id = text.flatMap(User.ID.init), let user = try await store.accounts.user(id) else { return nil }
            return user.memberships.first { $0.organisationID == team && $0.role == role }.map { (id, $0) }
        }
        let officerMember = try await membership(officer, .policeOfficer)
        let workerMember = try await membership(socialWorker, .policeSocialWorker)
        let callSign = try Evening.checkDuo(
            callSign: callSign, officer: officerMember?.1, socialWorker: workerMember?.1, teamID: team)
        guard let officerMember, let workerMember else { throw ValidationError([]) }
        let duo = try await store.duos.form(
            team: team, evening: evening, callSign: callSign, officer: officerMember.0, socialWorker: workerMember.0)
        try await context.audit(.duoFormed, resourceType: .duo, resourceID: duo.id.description)
    }

    /// Sets the status of the actor's duo.
    func setStatus(_ status: String?) async throws {
        _ = try await ownTeam(Permission(.update, .duo))
        guard var duo = try await ownDuo() else { throw ConsultRefusal.notOnDuo }
        guard let status = status.flatMap(DuoStatus.init(rawValue:)) else {
            throw ValidationError([FieldProblem(field: "status", messageKey: "esup.error.status")])
        }
        duo.status = status
        duo.statusSince = context.now
        try await store.duos.save(duo)
        try await context.audit(.duoStatusChanged, resourceType: .duo, resourceID: duo.id.description)
    }
}
