import Foundation

/// The four filters as rules: each step checks the situation's stage and who takes it, and changes the situation
/// only when every check passes. Nothing here reads or writes a database.
public enum SituationRules {
    public static let maximumSummary = 600
    public static let maximumName = 100
    public static let maximumPlace = 200
    public static let maximumPeople = 12
    public static let maximumServices = 1_000
    /// How long the intervening agencies see the full identity, by default.
    public static let defaultSharingDays = 60
    /// How long the sealed identity is kept after the conclusion, by default.
    public static let defaultRetentionDays = 90

    // MARK: filter 1

    /// The de-identified description the originating agency writes.
    public static func description(
        subject: String?, riskFactors: [String], ageCohorts: [String], genders: [String], summary: String?,
        taxonomy: RiskTaxonomy
    ) throws(ValidationError) -> SituationDescription {
        var problems: [FieldProblem] = []
        let subject = subject.flatMap(SubjectType.init(rawValue:))
        if subject == nil { problems.append(FieldProblem(field: "subject", messageKey: "table.error.subject")) }
        let factors = unique(riskFactors)
        if factors.isEmpty || factors.contains(where: { taxonomy.factor($0) == nil }) {
            problems.append(FieldProblem(field: "riskFactors", messageKey: "table.error.risk_factors"))
        }
        let cohorts = unique(ageCohorts).compactMap(AgeCohort.init(rawValue:))
        if cohorts.count != unique(ageCohorts).count || (cohorts.isEmpty && subject != .location) {
            problems.append(FieldProblem(field: "ageCohorts", messageKey: "table.error.age_cohorts"))
        }
        let genderCodes = unique(genders)
        let genders = genderCodes.compactMap(Gender.init(rawValue:))
        if genders.count != genderCodes.count {
            problems.append(FieldProblem(field: "genders", messageKey: "table.error.genders"))
        }
        let summary = summary.trimmedNonEmpty
        if summary == nil || summary!.count > maximumSummary {
            problems.append(FieldProblem(field: "summary", messageKey: "table.error.summary"))
        }
        guard problems.isEmpty, let subject, let summary else { throw ValidationError(problems) }
        return SituationDescription(
            subject: subject, riskFactors: factors.sorted(),
            ageCohorts: AgeCohort.allCases.filter(cohorts.contains), genders: Gender.allCases.filter(genders.contains),
            summary: summary)
    }

    /// The identity the originating agency records, sealed: at least one person, or a place for a location.
    public static func identity(
        people: [(firstName: String?, lastName: String?, birthDate: String?)], place: String?,
        subject: SubjectType?, timeZone: TimeZone, now: Date
    ) throws(ValidationError) -> SituationIdentity {
        var problems: [FieldProblem] = []
        var found: [SituationIdentity.Person] = []
        for (index, person) in people.prefix(maximumPeople).enumerated() {
            let first = person.firstName.trimmedNonEmpty
            let last = person.lastName.trimmedNonEmpty
            let born = person.birthDate.trimmedNonEmpty
            if first == nil && last == nil && born == nil { continue }
            guard let first, first.count <= maximumName, (last?.count ?? 0) <= maximumName else {
                problems.append(FieldProblem(field: "people[\(index)].firstName", messageKey: "table.error.first_name"))
                continue
            }
            if let born, (day(born, timeZone: timeZone).map { $0 > now } ?? true) {
                problems.append(FieldProblem(field: "people[\(index)].birthDate", messageKey: "table.error.birth_date"))
                continue
            }
            found.append(SituationIdentity.Person(firstName: first, lastName: last, birthDate: born))
        }
        let place = place.trimmedNonEmpty
        if (place?.count ?? 0) > maximumPlace {
            problems.append(FieldProblem(field: "place", messageKey: "table.error.place"))
        }
        if found.isEmpty && (subject != .location || place == nil) && problems.isEmpty {
            problems.append(
                FieldProblem(
                    field: subject == .location ? "place" : "people[0].firstName",
                    messageKey: subject == .location ? "table.error.place" : "table.error.person_required"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        return SituationIdentity(people: found, place: place)
    }

    /// The originating agency brings its situation to a meeting that has not yet been held.
    public static func bring(
        _ situation: inout Situation, to meeting: Meeting, by agency: Organisation.ID, now: Date
    ) throws(SituationRefusal) {
        guard agency == situation.originatingAgencyID else { throw .notOriginatingAgency }
        guard situation.stage == .opened else { throw .wrongStage(situation.stage) }
        guard meeting.isOpen(at: now) else { throw .meetingClosed }
        situation.stage = .onAgenda
        situation.meetingID = meeting.id
        situation.broughtAt = now
    }

    // MARK: filter 2

    /// Checks one agency's vote: present at the meeting, once, before the decision.
    public static func vote(
        on situation: Situation, by agency: Organisation.ID, present: Set<Organisation.ID>,
        votes: [Organisation.ID: Bool]
    ) throws(SituationRefusal) {
        if situation.decidedAt != nil { throw .alreadyDecided }
        guard situation.stage == .onAgenda else { throw .wrongStage(situation.stage) }
        guard present.contains(agency) else { throw .agencyNotPresent }
        guard votes[agency] == nil else { throw .alreadyVoted }
    }

    /// The table's decision once every agency present has voted: accepted (filter 3) or rejected, which redacts the
    /// description at once (only the date, the originating sector and the reason remain).
    /// - Returns: whether the situation was accepted.
    public static func decide(
        _ situation: inout Situation, rule: VoteRule, present: Set<Organisation.ID>, votes: [Organisation.ID: Bool],
        reason: RejectionReason?, now: Date
    ) throws -> Bool {
        if situation.decidedAt != nil { throw SituationRefusal.alreadyDecided }
        guard situation.stage == .onAgenda else { throw SituationRefusal.wrongStage(situation.stage) }
        let counted = votes.filter { present.contains($0.key) }
        guard !present.isEmpty, present.allSatisfy({ counted[$0] != nil }) else {
            throw SituationRefusal.votesMissing
        }
        situation.decidedAt = now
        if rule.accepts(counted) {
            situation.stage = .accepted
            return true
        }
        guard let reason else {
            throw ValidationError([FieldProblem(field: "reason", messageKey: "table.error.rejection_reason")])
        }
        situation.stage = .rejected
        situation.rejectionReason = reason
        situation.description = nil
        situation.identityDestroyedAt = now
        return false
    }

    // MARK: filter 3

    /// The table reveals the minimal identity to the agencies present (with a signed agreement).
    public static func reveal(_ situation: inout Situation, now: Date) throws(SituationRefusal) {
        guard situation.stage == .accepted else { throw .wrongStage(situation.stage) }
        situation.revealedAt = now
    }

    /// The table names the lead and the assisting agencies, each present and bound by the agreement; the full
    /// identity is shared with them for `sharingDays` (filter 4).
    public static func name(
        lead: Organisation.ID, assisting: [Organisation.ID], in situation: inout Situation,
        present: Set<Organisation.ID>, agencies: [Organisation.ID: TableAgency], sharingDays: Int, now: Date
    ) throws {
        guard situation.stage == .accepted else { throw SituationRefusal.wrongStage(situation.stage) }
        let assisting = unique(assisting).filter { $0 != lead }
        guard !assisting.isEmpty else {
            throw ValidationError([FieldProblem(field: "assisting", messageKey: "table.error.assisting_required")])
        }
        for agency in [lead] + assisting {
            guard present.contains(agency) else { throw SituationRefusal.agencyNotAtTable }
            guard agencies[agency]?.signedAgreement(by: now) == true else { throw SituationRefusal.noAgreement }
        }
        situation.leadAgencyID = lead
        situation.assistingAgencyIDs = assisting
        situation.stage = .intervening
        situation.identitySharedUntil = now.addingTimeInterval(Double(sharingDays) * 86_400)
    }

    // MARK: filter 4

    /// An intervening agency reports what was done: the first intervention and the services mobilized, and the
    /// meeting it reports back to.
    public static func report(
        on situation: inout Situation, by agency: Organisation.ID, firstInterventionAt: Date?, services: String?,
        reportBackTo meeting: Meeting?, now: Date
    ) throws {
        guard situation.stage == .intervening else { throw SituationRefusal.wrongStage(situation.stage) }
        guard situation.interveningAgencyIDs.contains(agency) else { throw SituationRefusal.identityUnavailable }
        let services = services.trimmedNonEmpty
        var problems: [FieldProblem] = []
        if let first = firstInterventionAt,
            first > now || first < (situation.decidedAt ?? situation.openedAt).addingTimeInterval(-86_400)
        {
            problems.append(FieldProblem(field: "firstInterventionAt", messageKey: "table.error.intervention_date"))
        }
        if services == nil || services!.count > maximumServices {
            problems.append(FieldProblem(field: "services", messageKey: "table.error.services"))
        }
        if let meeting, !meeting.isOpen(at: now) {
            problems.append(FieldProblem(field: "meetingId", messageKey: "table.error.meeting"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        situation.firstInterventionAt = firstInterventionAt ?? situation.firstInterventionAt
        situation.servicesMobilized = services
        situation.reportBackMeetingID = meeting?.id ?? situation.reportBackMeetingID
    }

    /// The table concludes a situation in filter 4; identity sharing ends, and the sealed identity is destroyed after
    /// the retention period (``identityDue(_:retentionDays:now:)``).
    public static func conclude(
        _ situation: inout Situation, with conclusion: Conclusion, on date: Date, now: Date
    ) throws {
        guard situation.stage == .intervening else { throw SituationRefusal.wrongStage(situation.stage) }
        guard date <= now, date >= (situation.decidedAt ?? situation.openedAt).addingTimeInterval(-86_400) else {
            throw ValidationError([FieldProblem(field: "concludedOn", messageKey: "table.error.conclusion_date")])
        }
        situation.stage = .concluded
        situation.conclusion = conclusion
        situation.concludedAt = date
        situation.identitySharedUntil = min(situation.identitySharedUntil ?? now, now)
    }

    /// Whether a concluded situation's sealed identity is due for destruction.
    public static func identityDue(_ situation: Situation, retentionDays: Int, now: Date) -> Bool {
        guard situation.identityDestroyedAt == nil, situation.stage == .concluded, let concluded = situation.concludedAt
        else { return false }
        return now >= concluded.addingTimeInterval(Double(retentionDays) * 86_400)
    }

    /// A day typed as `YYYY-MM-DD`, at noon in `timeZone`.
    public static func day(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count <= 4 }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3, (1900...2100).contains(numbers[0]), (1...12).contains(numbers[1]),
            (1...31).contains(numbers[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard
            let date = calendar.date(
                from: DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: 12)),
            calendar.component(.day, from: date) == numbers[2]
        else { return nil }
        return date
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }
}
