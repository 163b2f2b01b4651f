import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// ÉSUP's use cases, shared by pages, the API and tests: each step reads the record, asks the rules in Core, and
/// writes the change with its audit entry in one transaction — or refuses and writes nothing.
struct ESUPDesk {
    let context: DeskContext

    var store: RelaisStore { context.store }
    var actor: Actor { context.actor }
    var timeZone: TimeZone { context.services.config.timeZone }
    /// Today, local (`yyyy-MM-dd`).
    var today: String { Evening.day(of: context.now, timeZone: timeZone) }
    /// This evening (`yyyy-MM-dd` of the day it began).
    var evening: String { Evening.of(context.now, timeZone: timeZone) }

    /// The ÉSUP team of the deployment.
    /// - Throws: ``ESUPUnavailable`` when none is set.
    func team() async throws -> Organisation.ID {
        guard let team = try await store.duos.team() else { throw ESUPUnavailable() }
        return team
    }

    /// Whether the actor is an officer or a social worker of `team`.
    func isMember(of team: Organisation.ID) -> Bool {
        actor.memberships.contains {
            $0.organisationID == team && ($0.role == .policeOfficer || $0.role == .policeSocialWorker)
        }
    }

    /// The team, when the actor is one of its members and may do `permission` to its records.
    /// - Throws: ``AccessError/forbidden`` otherwise.
    func ownTeam(_ permission: Permission) async throws -> Organisation.ID {
        let team = try await team()
        guard isMember(of: team), AccessPolicy.decide(actor, permission, on: .record(ownedBy: team)).isAllowed else {
            throw AccessError.forbidden
        }
        return team
    }

    /// The consult, for the team advising on it: its sealed parts are opened by an audited read.
    /// - Throws: ``AccessError/forbidden`` for anyone else; a missing one answers 404.
    func consult(_ id: Consult.ID, _ action: Permission.Action = .read) async throws -> Consult {
        _ = try await teamSummary(id, action)
        guard let consult = try await store.consults.consult(id, by: context.reader(for: .consultAdvice)) else {
            throw Abort(.notFound)
        }
        return consult
    }

    /// What lists show of the consult, for the team advising on it.
    func teamSummary(_ id: Consult.ID, _ action: Permission.Action = .read) async throws -> ConsultSummary {
        guard let summary = try await store.consults.summary(id) else { throw Abort(.notFound) }
        let target = AccessTarget.record(
            ownedBy: summary.requesterOrganisationID, partners: [.advising: [summary.teamID]])
        guard AccessPolicy.decide(actor, Permission(action, .consult), on: target).isAllowed else {
            throw AccessError.forbidden
        }
        return summary
    }

    // MARK: the officer's request

    /// What an officer sends.
    struct RequestForm {
        var eventNumber: String?
        var place: String?
        var situations: [String] = []
        var sceneSecured: String?
        var mode: String?
        var details: String?
        var screening: [String: String?] = [:]
        var callback: String?
    }

    /// An officer (or the communications centre) asks for the duo's help.
    func request(_ form: RequestForm) async throws -> Consult {
        guard
            let home = actor.memberships.first(where: { ESUPAccess.requesters.contains($0.role) }),
            AccessPolicy.decide(actor, Permission(.create, .consultRequest)).isAllowed
        else { throw AccessError.forbidden }
        let team = try await team()
        let request = try ConsultRules.request(
            eventNumber: form.eventNumber, place: form.place, situations: form.situations,
            sceneSecured: form.sceneSecured, mode: form.mode, details: form.details, screening: form.screening,
            callback: form.callback)
        let actor = actor
        let requestID = context.requestID
        let zone = timeZone
        let created = try await store.transaction { tx in
            let consult = try await tx.consults.request(
                request, team: team, requesterOrganisation: home.organisationID, by: actor.userID, timeZone: zone)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .consultRequested, resourceType: .consult,
                    resourceID: consult.id.description, requestID: requestID))
            try await ChangeNotices.notify(QueueSignal.channel, team, on: tx)
            return consult
        }
        await context.services.esup.queue.changed(team)
        return created
    }

    /// The actor's own request, as they follow it.
    func ownRequest(_ id: Consult.ID, _ action: Permission.Action = .read) async throws -> ConsultSummary {
        guard let summary = try await store.consults.summary(id) else { throw Abort(.notFound) }
        let target = AccessTarget.record(
            ownedBy: summary.requesterOrganisationID,
            relationships: summary.requestedBy == actor.userID ? [.requester] : [])
        guard AccessPolicy.decide(actor, Permission(action, .consultRequest), on: target).isAllowed else {
            throw AccessError.forbidden
        }
        return summary
    }

    /// The approach note of the person a consult is about, for the officer who asked: only while the plan holds
    /// and its consent (or basis) too. The plan's read is audited.
    func approachNote(for consult: ConsultSummary) async throws -> String? {
        guard let personID = consult.personID else { return nil }
        let consents = try await store.persons.consents(of: personID)
        // Nothing is opened when no consent holds: withdrawing it hides the note at the next load.
        guard ConsentRules.holding(.supportPlan, in: consents) != nil else { return nil }
        let people = [personID] + (try await store.persons.mergedInto(personID))
        let plan = try await store.supportPlans.current(for: people, by: context.reader(for: .approachNote))
        return SupportPlanRules.approachNote(plan, consents: consents, today: today)
    }

    /// The officer withdraws a request no duo has taken yet.
    func withdraw(_ id: Consult.ID) async throws {
        let summary = try await ownRequest(id, .update)
        guard summary.stage == .requested else { throw ConsultRefusal.wrongStage(summary.stage) }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.consults.withdraw(id)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .consultWithdrawn, resourceType: .consult, resourceID: id.description,
                    requestID: requestID))
            try await ChangeNotices.notify(QueueSignal.channel, summary.teamID, on: tx)
        }
        await context.services.esup.queue.changed(summary.teamID)
    }

    // MARK: the duo's work

    /// The duo the actor is on this evening.
    func ownDuo() async throws -> Duo? {
        try await store.duos.duo(of: actor.userID, evening: evening)
    }

    /// The actor's duo takes the consult.
    func accept(_ id: Consult.ID) async throws {
        let consult = try await consult(id, .update)
        guard var duo = try await ownDuo() else { throw ConsultRefusal.notOnDuo }
        var changed = consult
        try ConsultRules.accept(&changed, by: &duo, now: context.now)
        try await save(changed, from: consult.stage, action: .consultAccepted, duo: duo)
    }

    /// The duo is on scene.
    func arrive(_ id: Consult.ID) async throws {
        try await step(id) { consult, duo in
            guard var found = duo else { throw ConsultRefusal.notOnDuo }
            try ConsultRules.arrive(&consult, duo: &found, now: context.now)
            duo = found
        }
    }

    func advise(_ id: Consult.ID, advice: String?, to advisedTo: String?) async throws {
        try await step(id) { consult, _ in try ConsultRules.advise(&consult, advice: advice, to: advisedTo) }
    }

    func assess(_ id: Consult.ID, riskToSelf: String?, riskToOthers: String?, note: String?) async throws {
        try await step(id) { consult, _ in
            try ConsultRules.assess(&consult, riskToSelf: riskToSelf, riskToOthers: riskToOthers, note: note)
        }
    }

    func freeOfficers(_ id: Consult.ID) async throws {
        try await step(id) { consult, _ in try ConsultRules.freeOfficers(&consult, now: context.now) }
    }

    /// Closes the consult with its outcome; the resources must be services of the directory.
    func close(_ id: Consult.ID, outcome: String?, legalGround: String?, resources: [String]) async throws {
        var known: [String] = []
        for resource in resources.prefix(ConsultRules.maximumResources + 1) {
            let trimmed = resource.trimmed
            guard !trimmed.isEmpty else { continue }
            guard try await store.directory.service(id: trimmed) != nil else {
                throw ValidationError([FieldProblem(field: "resources", messageKey: "esup.error.unknown_resource")])
            }
            known.append(trimmed)
        }
        try await step(id, action: .consultClosed) { consult, duo in
            try ConsultRules.close(
                &consult, duo: &duo, outcome: outcome, legalGround: legalGround, resourceIDs: known, now: context.now)
        }
    }

    /// Says which person the consult is about.
    func link(_ id: Consult.ID, to personID: Person.ID) async throws {
        let consult = try await consult(id, .update)
        guard let person = try await store.persons.person(personID), person.organisationID == consult.teamID,
            person.mergedInto == nil
        else { throw ValidationError([FieldProblem(field: "personId", messageKey: "esup.error.person")]) }
        guard consult.stage == .requested || consult.stage == .accepted else {
            throw ConsultRefusal.wrongStage(consult.stage)
        }
        var changed = consult
        changed.personID = personID
        try await save(changed, from: consult.stage, action: .consultPersonLinked)
    }

    /// Runs a step of the duo on an accepted consult and saves it with the duo's new status, audited.
    private func step(
        _ id: Consult.ID, action: AuditAction = .consultUpdated, _ change: (inout Consult, inout Duo?) throws -> Void
    ) async throws {
        let consult = try await consult(id, .update)
        var duo = try await consult.duoID.asyncFlatMap { try await store.duos.duo($0) }
        var changed = consult
        try change(&changed, &duo)
        try await save(changed, from: consult.stage, action: action, duo: duo)
    }

    private func save(_ consult: Consult, from stage: ConsultStage, action: AuditAction, duo: Duo? = nil) async throws {
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.consults.save(consult, from: stage)
            if let duo { try await tx.duos.save(duo) }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: action, resourceType: .consult, resourceID: consult.id.description,
                    requestID: requestID))
            try await ChangeNotices.notify(QueueSignal.channel, consult.teamID, on: tx)
        }
        // The team's screens show the queue anew (on PostgreSQL, every instance's, through the notice).
        await context.services.esup.queue.changed(consult.teamID)
    }
}

/// No ÉSUP team is set in this deployment (`relais esup team`).
struct ESUPUnavailable: DomainError {
    var code: String { "esup.no_team" }
    var messageKey: String { "esup.error.no_team" }
    var kind: FailureKind { .conflict }
}
