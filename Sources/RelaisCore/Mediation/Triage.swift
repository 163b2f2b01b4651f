import Foundation

/// How urgently the mobile team should go, highest first.
public enum Priority: Int, CaseIterable, Sendable, Codable, Comparable {
    case urgent = 1
    case high = 2
    case normal = 3

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The locale catalogue key of the priority's name.
    public var labelKey: String { "mediation.priority.\(rawValue)" }
}

/// Where a request goes after screening.
public enum TriageOutcome: Sendable, Equatable {
    /// Tell the caller to call 911 now; the request is kept as redirected and never queued.
    case call911
    /// A crime in progress: refer to the police.
    case referToPolice
    /// The place is outside the served territories: say so, and suggest 311 or the right resource.
    case outOfTerritory
    /// Queue for the mobile team.
    case queue(Priority)

    /// A stable code for storage and the API: `call_911`, `police`, `out_of_territory` or `queued`.
    public var code: String {
        switch self {
        case .call911: "call_911"
        case .referToPolice: "police"
        case .outOfTerritory: "out_of_territory"
        case .queue: "queued"
        }
    }

    /// The priority, when queued.
    public var priority: Priority? {
        if case .queue(let priority) = self { priority } else { nil }
    }

    /// The outcome with this code (and priority, for `queued`).
    public init?(code: String, priority: Priority?) {
        switch (code, priority) {
        case ("call_911", _): self = .call911
        case ("police", _): self = .referToPolice
        case ("out_of_territory", _): self = .outOfTerritory
        case ("queued", let priority?): self = .queue(priority)
        default: return nil
        }
    }

    /// The locale catalogue key of what to tell the caller or do next.
    public var instructionKey: String { "mediation.triage.\(code)" }

    /// Whether the mobile team will take it.
    public var isQueued: Bool {
        if case .queue = self { true } else { false }
    }
}

/// What triage knows about a request.
public struct TriageInput: Sendable, Equatable {
    public var screening: SafetyScreening
    /// The territory containing the place, if any, and whether it is served.
    public var territory: TerritoryIndex.Match?
    /// The situation's code in the configurable list (for example `person_in_distress`).
    public var situation: String
    public var peopleCount: Int
    /// Vulnerability flags ticked (for example `minor`, `elderly`, `mental_health`).
    public var vulnerabilities: Set<String>

    public init(
        screening: SafetyScreening, territory: TerritoryIndex.Match?, situation: String, peopleCount: Int,
        vulnerabilities: Set<String>
    ) {
        self.screening = screening
        self.territory = territory
        self.situation = situation
        self.peopleCount = peopleCount
        self.vulnerabilities = vulnerabilities
    }
}

/// The triage rules, with the deployment's weights per situation.
///
/// In order: immediate danger to life, a weapon or a medical emergency → 911; a crime in progress → police; a
/// place outside the served territories → out of territory; otherwise the mobile team, with a priority from the
/// situation's weight (0–2), plus one when someone vulnerable is there, plus one for a group of five or more:
/// 3 or more is urgent, 2 high, otherwise normal.
public struct TriagePolicy: Sendable, Equatable {
    /// Weight of each situation code; codes not listed weigh 0.
    public var situationWeights: [String: Int]
    /// From how many people a situation counts as a group.
    public var groupSize: Int

    public init(situationWeights: [String: Int] = TriagePolicy.defaultWeights, groupSize: Int = 5) {
        self.situationWeights = situationWeights
        self.groupSize = groupSize
    }

    /// The situations of the ÉMMIS programme and their weights.
    public static let defaultWeights: [String: Int] = [
        "person_in_distress": 2, "conflict_between_people": 2, "intoxication": 1, "cohabitation_public_space": 1,
        "encampment": 1, "noise": 0, "loitering": 0,
    ]

    public func decide(_ input: TriageInput) -> TriageOutcome {
        let screening = input.screening
        if screening.immediateDangerToLife || screening.weapon || screening.medicalEmergency { return .call911 }
        if screening.crimeInProgress { return .referToPolice }
        guard let territory = input.territory, territory.served else { return .outOfTerritory }
        var score = min(2, max(0, situationWeights[input.situation] ?? 0))
        if !input.vulnerabilities.isEmpty { score += 1 }
        if input.peopleCount >= groupSize { score += 1 }
        switch score {
        case 3...: return .queue(.urgent)
        case 2: return .queue(.high)
        default: return .queue(.normal)
        }
    }
}

/// A coordinator's decision to override triage, which must say why (it is audited).
public struct TriageOverride: Sendable, Equatable {
    public let outcome: TriageOutcome
    public let reason: String

    public static let maximumReason = 500

    /// - Throws: ``ValidationError`` for `overrideReason` when it is blank or longer than ``maximumReason``.
    public init(outcome: TriageOutcome, reason: String) throws(ValidationError) {
        let trimmed = reason.trimmed
        guard !trimmed.isEmpty else {
            throw ValidationError([
                FieldProblem(field: "overrideReason", messageKey: "mediation.error.override_reason.required")
            ])
        }
        guard trimmed.count <= Self.maximumReason else {
            throw ValidationError([
                FieldProblem(field: "overrideReason", messageKey: "mediation.error.override_reason.too_long")
            ])
        }
        self.outcome = outcome
        self.reason = trimmed
    }
}

extension TriagePolicy {
    /// Where a "yes" to one safety question sends a call whatever else it says (`call911` or `referToPolice`), so
    /// that the intake form can say so as soon as it is ticked. `question` is the form's field name.
    public func outcomeOfYes(to question: String) -> TriageOutcome {
        var screening = SafetyScreening.clear
        switch question {
        case "immediateDangerToLife": screening.immediateDangerToLife = true
        case "weapon": screening.weapon = true
        case "crimeInProgress": screening.crimeInProgress = true
        case "medicalEmergency": screening.medicalEmergency = true
        default: break
        }
        return decide(
            TriageInput(screening: screening, territory: nil, situation: "", peopleCount: 1, vulnerabilities: []))
    }
}
