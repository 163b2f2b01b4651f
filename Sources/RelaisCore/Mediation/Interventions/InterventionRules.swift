import Foundation

/// Checks what a worker records on scene, before anything is written. Each check names the fields at fault with
/// catalogue keys; nothing is half-written.
public enum InterventionRules {
    public static let maximumText = 1_000
    public static let maximumMinutesOnScene = 24 * 60

    /// A party's role.
    public static func role(_ text: String?) throws(ValidationError) -> PartyRole {
        guard let role = text.flatMap(PartyRole.init(rawValue:)) else {
            throw ValidationError([FieldProblem(field: "role", messageKey: "mediation.error.party_role.unknown")])
        }
        return role
    }

    /// A verbal agreement: at least two of the intervention's parties, each with what it commits to.
    /// - Parameter commitments: party id (as sent) → commitment text, for the parties chosen.
    public static func agreement(
        commitments: [(partyID: String, text: String?)], dueBy: Date?, in intervention: Intervention, now: Date
    ) throws(ValidationError) -> GivenService {
        var problems: [FieldProblem] = []
        var checked: [Commitment] = []
        for (index, commitment) in commitments.enumerated() {
            guard let id = InterventionParty.ID(commitment.partyID),
                intervention.parties.contains(where: { $0.id == id }), !checked.contains(where: { $0.partyID == id })
            else {
                problems.append(
                    FieldProblem(field: "commitments[\(index)].partyId", messageKey: "mediation.error.party.unknown"))
                continue
            }
            guard let text = commitment.text.trimmedNonEmpty, text.count <= maximumText else {
                problems.append(
                    FieldProblem(field: "commitments[\(index)].text", messageKey: "mediation.error.commitment.required")
                )
                continue
            }
            checked.append(Commitment(partyID: id, text: text))
        }
        if commitments.count < 2 {
            problems.append(
                FieldProblem(field: "commitments", messageKey: "mediation.error.agreement.parties_required"))
        }
        if let dueBy, dueBy < now.addingTimeInterval(-86_400) {
            problems.append(FieldProblem(field: "dueBy", messageKey: "mediation.error.agreement.due_in_past"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        return .agreement(commitments: checked, dueBy: dueBy)
    }

    /// An agreement's "by when", typed as a day (`YYYY-MM-DD`): the end of that day in the deployment's time zone.
    public static func dueDay(_ text: String?, timeZone: TimeZone) throws(ValidationError) -> Date? {
        guard let text = text.trimmedNonEmpty else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard parts.count == 3, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]),
            (1...31).contains(parts[2]),
            let date = calendar.date(
                from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 23, minute: 59)),
            calendar.component(.day, from: date) == parts[2]
        else { throw ValidationError([FieldProblem(field: "dueBy", messageKey: "mediation.error.date.invalid")]) }
        return date
    }

    /// Information given: at least one topic.
    public static func information(topics: [String], note: String?) throws(ValidationError) -> GivenService {
        var problems: [FieldProblem] = []
        let known = topics.compactMap(InformationTopic.init(rawValue:))
        if known.isEmpty || known.count != topics.count {
            problems.append(FieldProblem(field: "topics", messageKey: "mediation.error.information.topics_required"))
        }
        let note = note.trimmedNonEmpty
        if (note?.count ?? 0) > maximumText {
            problems.append(FieldProblem(field: "note", messageKey: "mediation.error.text.too_long"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        var unique: [InformationTopic] = []
        for topic in known where !unique.contains(topic) { unique.append(topic) }
        return .information(topics: unique, note: note)
    }

    /// A resource a referral or escort names: it must exist and be active (HSDS status `active`).
    public static func resource<Resource>(
        _ found: Resource?, status: (Resource) -> String, field: String = "resourceId"
    ) throws(ValidationError) -> Resource {
        guard let found else {
            throw ValidationError([FieldProblem(field: field, messageKey: "mediation.error.resource.unknown")])
        }
        guard status(found) == "active" else {
            throw ValidationError([FieldProblem(field: field, messageKey: "mediation.error.resource.closed")])
        }
        return found
    }

    /// Who a service concerns, if anyone: one of the intervention's parties.
    public static func party(_ text: String?, in intervention: Intervention) throws(ValidationError)
        -> InterventionParty.ID?
    {
        guard let text = text.trimmedNonEmpty else { return nil }
        guard let id = InterventionParty.ID(text), intervention.parties.contains(where: { $0.id == id }) else {
            throw ValidationError([FieldProblem(field: "partyId", messageKey: "mediation.error.party.unknown")])
        }
        return id
    }

    /// What was asked of a referral's resource (optional).
    public static func asked(_ text: String?) throws(ValidationError) -> String? {
        let asked = text.trimmedNonEmpty
        if (asked?.count ?? 0) > maximumText {
            throw ValidationError([FieldProblem(field: "asked", messageKey: "mediation.error.text.too_long")])
        }
        return asked
    }

    /// An escort's destination: a resource or an address; neither is refused.
    public static func escortDestination(resource: ResourceReference?, address: String?) throws(ValidationError)
        -> EscortDestination
    {
        if let resource { return .resource(resource) }
        guard let address = address.trimmedNonEmpty else {
            throw ValidationError([
                FieldProblem(field: "destination", messageKey: "mediation.error.escort.destination_required")
            ])
        }
        guard address.count <= 300 else {
            throw ValidationError([FieldProblem(field: "destination", messageKey: "mediation.error.text.too_long")])
        }
        return .address(address)
    }

    /// The closing: an outcome consistent with the services given, and the time on scene (computed from arrival on
    /// scene unless the worker gives it).
    public static func closing(
        outcome text: String?, policeAvoided: Bool, minutesOnScene: Int?, onSceneAt: Date?,
        intervention: Intervention, now: Date
    ) throws(ValidationError) -> InterventionClosing {
        var problems: [FieldProblem] = []
        let outcome = text.flatMap(InterventionOutcome.init(rawValue:))
        let kinds = Set(intervention.services.map(\.service.kind))
        switch outcome {
        case nil: problems.append(FieldProblem(field: "outcome", messageKey: "mediation.error.outcome.unknown"))
        case .referred? where !kinds.contains("referral"):
            problems.append(FieldProblem(field: "outcome", messageKey: "mediation.error.outcome.no_referral"))
        case .escorted? where !kinds.contains("escort"):
            problems.append(FieldProblem(field: "outcome", messageKey: "mediation.error.outcome.no_escort"))
        case .policeNeeded? where policeAvoided:
            problems.append(FieldProblem(field: "policeAvoided", messageKey: "mediation.error.outcome.police_avoided"))
        default: break
        }
        let computed = onSceneAt.map { max(0, Int((now.timeIntervalSince($0) / 60).rounded())) } ?? 0
        let minutes = minutesOnScene ?? computed
        if !(0...maximumMinutesOnScene).contains(minutes) {
            problems.append(FieldProblem(field: "minutesOnScene", messageKey: "mediation.error.minutes_on_scene.range"))
        }
        guard problems.isEmpty, let outcome else { throw ValidationError(problems) }
        return InterventionClosing(
            outcome: outcome, policeAvoided: policeAvoided, minutesOnScene: minutes, closedAt: now)
    }
}
