import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The situation table's use cases, shared by pages, the API and tests: each step reads the situation, asks the
/// rules in Core, and writes the change with its audit entry in one transaction — or refuses and writes nothing.
struct TableDesk {
    let context: DeskContext

    var store: RelaisStore { context.store }
    var actor: Actor { context.actor }
    var settings: TableSettings { context.services.table.settings }
    var timeZone: TimeZone { context.services.config.timeZone }

    /// The agency the actor represents at the table (their first representative membership in a table agency).
    func ownAgency(among agencies: [Organisation.ID: TableAgency]) -> TableAgency? {
        actor.memberships.lazy.filter { $0.role == .agencyRepresentative }
            .compactMap { agencies[$0.organisationID] }.first
    }

    /// What the actor sees of `situation`, given the agencies present at the meeting it was decided at (read when
    /// the caller does not know them).
    func visibility(
        of situation: Situation, agencies: [Organisation.ID: TableAgency], present known: Set<Organisation.ID>? = nil
    ) async throws -> SituationVisibility {
        var present = known ?? []
        if known == nil, let meetingID = situation.meetingID {
            present = try await store.meetings.attendance(meetingID)
        }
        return SituationVisibility.of(situation, for: actor, agencies: agencies, present: present, now: context.now)
    }

    // MARK: filter 1

    /// The originating agency's form.
    struct Opening {
        var subject: String?
        var riskFactors: [String] = []
        var ageCohorts: [String] = []
        var genders: [String] = []
        var summary: String?
        var people: [(firstName: String?, lastName: String?, birthDate: String?)] = []
        var place: String?
    }

    /// Opens a situation for the actor's agency.
    func open(_ form: Opening) async throws -> Situation {
        let agencies = try await store.tableAgencies.byOrganisation()
        guard let agency = ownAgency(among: agencies),
            AccessPolicy.decide(actor, Permission(.create, .situation), on: .record(ownedBy: agency.organisationID))
                .isAllowed
        else { throw AccessError.forbidden }
        let taxonomy = try await store.riskTaxonomies.current()
        var problems: [FieldProblem] = []
        var description: SituationDescription?
        var identity: SituationIdentity?
        do {
            description = try SituationRules.description(
                subject: form.subject, riskFactors: form.riskFactors, ageCohorts: form.ageCohorts,
                genders: form.genders, summary: form.summary, taxonomy: taxonomy)
        } catch { problems += error.problems }
        do {
            identity = try SituationRules.identity(
                people: form.people, place: form.place, subject: form.subject.flatMap(SubjectType.init(rawValue:)),
                timeZone: timeZone, now: context.now)
        } catch { problems += error.problems }
        guard problems.isEmpty, let description, let identity else { throw ValidationError(problems) }
        let actor = actor
        let requestID = context.requestID
        return try await store.transaction { tx in
            let situation = try await tx.situations.open(
                description, identity: identity, agency: agency, by: actor.userID, taxonomy: taxonomy,
                timeZone: timeZone)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .situationOpened, resourceType: .situation,
                    resourceID: situation.id.description, requestID: requestID))
            return situation
        }
    }

    /// Brings the agency's situation to a meeting (filter 2).
    func bring(_ id: Situation.ID, to meetingID: Meeting.ID?) async throws {
        try await change(id, action: .situationBrought) { situation, tx in
            guard let meeting = try await meetingID.asyncFlatMap({ try await tx.meetings.meeting($0) }),
                meeting.series == TableSettings.series
            else {
                throw ValidationError([FieldProblem(field: "meetingId", messageKey: "table.error.meeting")])
            }
            guard
                AccessPolicy.decide(
                    actor, Permission(.update, .situation), on: .record(ownedBy: situation.originatingAgencyID)
                ).isAllowed
            else { throw SituationRefusal.notOriginatingAgency }
            try SituationRules.bring(&situation, to: meeting, by: situation.originatingAgencyID, now: tx.now)
            return meeting.id.description
        }
    }

    // MARK: filter 2

    /// The actor's agency votes.
    func vote(_ id: Situation.ID, meetsThreshold: Bool) async throws {
        let agencies = try await store.tableAgencies.byOrganisation()
        guard let agency = ownAgency(among: agencies),
            AccessPolicy.decide(actor, Permission(.create, .tableVote)).isAllowed
        else { throw AccessError.forbidden }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            guard let situation = try await tx.situations.situation(id), situation.stage.broughtToTable else {
                throw Abort(.notFound)
            }
            let present = try await situation.meetingID.asyncFlatMap { try await tx.meetings.attendance($0) } ?? []
            try SituationRules.vote(
                on: situation, by: agency.organisationID, present: present, votes: try await tx.situations.votes(id))
            try await tx.situations.vote(
                id, agency: agency.organisationID, meetsThreshold: meetsThreshold, by: actor.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .situationVoted, resourceType: .situation, resourceID: id.description,
                    purpose: "\(agency.name): \(meetsThreshold ? "yes" : "no")", requestID: requestID))
        }
    }

    /// The chair records the table's decision.
    /// - Returns: whether the situation was accepted.
    func decide(_ id: Situation.ID, reason: String?) async throws -> Bool {
        try chair(Permission(.update, .tableAgenda))
        let rule = settings.voteRule
        let decided = try await change(id, action: nil) { situation, tx in
            let present = try await situation.meetingID.asyncFlatMap { try await tx.meetings.attendance($0) } ?? []
            let votes = try await tx.situations.votes(situation.id)
            _ = try SituationRules.decide(
                &situation, rule: rule, present: present, votes: votes,
                reason: reason.flatMap(RejectionReason.init(rawValue:)), now: tx.now)
            return situation.rejectionReason?.rawValue
        } audit: { situation in
            situation.stage == .accepted ? .situationAccepted : .situationRejected
        }
        return decided.stage == .accepted
    }

    // MARK: filter 3

    /// The chair reveals the minimal identity to the agencies present.
    func reveal(_ id: Situation.ID) async throws {
        try chair(Permission(.update, .tableAgenda))
        try await change(id, action: .minimalIdentityRevealed) { situation, tx in
            try SituationRules.reveal(&situation, now: tx.now)
            return settings.revealFields.map(\.rawValue).sorted().joined(separator: ",")
        }
    }

    /// The chair names the lead and the assisting agencies (filter 4 starts).
    func name(_ id: Situation.ID, lead: Organisation.ID?, assisting: [Organisation.ID]) async throws {
        try chair(Permission(.update, .tableAgenda))
        guard let lead else {
            throw ValidationError([FieldProblem(field: "lead", messageKey: "table.error.lead_required")])
        }
        let sharingDays = settings.sharingDays
        try await change(id, action: .interveningAgenciesNamed) { situation, tx in
            let present = try await situation.meetingID.asyncFlatMap { try await tx.meetings.attendance($0) } ?? []
            try SituationRules.name(
                lead: lead, assisting: assisting, in: &situation, present: present,
                agencies: try await tx.tableAgencies.byOrganisation(), sharingDays: sharingDays, now: tx.now)
            return ([lead] + situation.assistingAgencyIDs).map(\.description).joined(separator: ",")
        }
    }

    // MARK: filter 4

    /// An intervening agency reports back.
    func report(
        _ id: Situation.ID, firstInterventionOn day: String?, services: String?, reportBackTo meetingID: Meeting.ID?
    ) async throws {
        let agencies = try await store.tableAgencies.byOrganisation()
        let timeZone = timeZone
        try await change(id, action: .interventionReported) { situation, tx in
            let target = AccessTarget.record(
                ownedBy: situation.originatingAgencyID, partners: [.intervening: Set(situation.interveningAgencyIDs)])
            guard let agency = ownAgency(among: agencies),
                situation.interveningAgencyIDs.contains(agency.organisationID),
                AccessPolicy.decide(actor, Permission(.create, .interventionReport), on: target).isAllowed
            else { throw SituationRefusal.identityUnavailable }
            var first: Date?
            if let day = day.trimmedNonEmpty {
                guard let parsed = SituationRules.day(day, timeZone: timeZone) else {
                    throw ValidationError([
                        FieldProblem(field: "firstInterventionAt", messageKey: "table.error.intervention_date")
                    ])
                }
                first = parsed
            }
            let meeting = try await meetingID.asyncFlatMap { try await tx.meetings.meeting($0) }
            try SituationRules.report(
                on: &situation, by: agency.organisationID, firstInterventionAt: first.map { min($0, tx.now) },
                services: services, reportBackTo: meeting, now: tx.now)
            return agency.name
        }
    }

    /// The chair concludes a situation.
    func conclude(_ id: Situation.ID, conclusion: String?, on day: String?) async throws {
        try chair(Permission(.update, .tableAgenda))
        guard let conclusion = conclusion.flatMap(Conclusion.init(rawValue:)) else {
            throw ValidationError([FieldProblem(field: "conclusion", messageKey: "table.error.conclusion")])
        }
        // A day typed is a day read (noon, at most now); none typed is today; anything else is refused.
        var date: Date?
        if let typed = day.trimmedNonEmpty {
            guard let parsed = SituationRules.day(typed, timeZone: timeZone) else {
                throw ValidationError([FieldProblem(field: "concludedOn", messageKey: "table.error.conclusion_date")])
            }
            date = parsed
        }
        try await change(id, action: .situationConcluded) { [date] situation, tx in
            try SituationRules.conclude(
                &situation, with: conclusion, on: min(date ?? tx.now, tx.now), now: tx.now)
            return conclusion.rawValue
        }
    }

    // MARK: meetings

    /// The chair records which agencies are present; only the table's agencies count, and a closed meeting keeps
    /// its attendance.
    func recordAttendance(_ meetingID: Meeting.ID, present: [Organisation.ID]) async throws {
        try chair(Permission(.update, .tableMeeting))
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            guard let meeting = try await tx.meetings.meeting(meetingID), meeting.series == TableSettings.series else {
                throw Abort(.notFound)
            }
            guard meeting.isOpen(at: tx.now) else { throw SituationRefusal.meetingClosed }
            let agencies = try await tx.tableAgencies.byOrganisation()
            let known = Set(present.filter { agencies[$0] != nil })
            try await tx.meetings.recordAttendance(meetingID, present: known)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .attendanceRecorded, resourceType: .tableMeeting,
                    resourceID: meetingID.description, purpose: "\(known.count)", requestID: requestID))
        }
    }

    /// The chair calls an emergency meeting.
    func callEmergencyMeeting(startsAt: Date?) async throws -> Meeting {
        try chair(Permission(.create, .tableMeeting))
        guard let start = startsAt, start > context.now.addingTimeInterval(-3_600),
            start < context.now.addingTimeInterval(60 * 86_400)
        else { throw ValidationError([FieldProblem(field: "startsAt", messageKey: "table.error.meeting_time")]) }
        let actor = actor
        let requestID = context.requestID
        let settings = settings
        return try await store.transaction { tx in
            let meeting = try await tx.meetings.create(
                series: TableSettings.series, kind: .emergency,
                interval: DateInterval(start: start, duration: Double(settings.schedule.minutes) * 60),
                location: settings.location)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .meetingScheduled, resourceType: .tableMeeting,
                    resourceID: meeting.id.description, purpose: "emergency", requestID: requestID))
            return meeting
        }
    }

    /// The chair cancels a meeting that has nothing on its agenda; calendars apply it (its sequence goes up).
    func cancel(_ meetingID: Meeting.ID) async throws {
        try chair(Permission(.update, .tableMeeting))
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            guard let meeting = try await tx.meetings.meeting(meetingID), meeting.series == TableSettings.series else {
                throw Abort(.notFound)
            }
            guard try await tx.situations.agenda(meetingID).isEmpty else { throw SituationRefusal.agendaNotEmpty }
            guard try await tx.meetings.cancel(meetingID) else { throw SituationRefusal.meetingClosed }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .meetingCancelled, resourceType: .tableMeeting,
                    resourceID: meetingID.description, requestID: requestID))
        }
    }

    /// The chair closes a meeting: its attendance no longer changes.
    func close(_ meetingID: Meeting.ID) async throws {
        try chair(Permission(.update, .tableMeeting))
        guard try await store.meetings.close(meetingID) else { throw SituationRefusal.meetingClosed }
    }

    // MARK: reading identity

    /// The identity the actor may see, read and audited for them; `nil` when they may see none.
    func identity(of situation: Situation, seen visibility: SituationVisibility) async throws -> SituationIdentity? {
        let purpose: ReadPurpose
        switch visibility.identity {
        case .none: return nil
        case .minimal: purpose = .tableReveal
        case .full:
            purpose =
                AccessPolicy.decide(
                    actor, Permission(.read, .situationIdentity), on: .record(ownedBy: situation.originatingAgencyID)
                ).isAllowed ? .originatingAgency : .interveningAgency
        }
        return try await store.situations.identity(of: situation.id, by: context.reader(for: purpose))
    }

    // MARK: plumbing

    private func chair(_ permission: Permission) throws {
        guard AccessPolicy.decide(actor, permission).isAllowed else { throw AccessError.forbidden }
    }

    /// Reads the situation, lets `step` move it, saves it from the stage it was read at and appends the audit entry
    /// (its purpose what `step` returns), in one transaction.
    @discardableResult
    private func change(
        _ id: Situation.ID, action: AuditAction?,
        _ step: @escaping @Sendable (inout Situation, RelaisStore) async throws -> String?,
        audit: @escaping @Sendable (Situation) -> AuditAction = { _ in .situationBrought }
    ) async throws -> Situation {
        let actor = actor
        let requestID = context.requestID
        return try await store.transaction { tx in
            guard var situation = try await tx.situations.situation(id) else { throw Abort(.notFound) }
            let before = situation.stage
            let purpose = try await step(&situation, tx)
            try await tx.situations.save(situation, from: before)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: action ?? audit(situation), resourceType: .situation,
                    resourceID: id.description, purpose: purpose, requestID: requestID))
            return situation
        }
    }
}
