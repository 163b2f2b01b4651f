import Foundation

/// A situation of possibly acutely elevated risk, as the table knows it: the de-identified part every stage keeps
/// until a rejection redacts it, and the process's decisions. The identity is not part of it (``SituationIdentity``).
public struct Situation: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Situation>

    public let id: ID
    /// The table's number for it, shown instead of any name (`2026-031`).
    public let reference: String
    /// The agency that opened it (filter 1).
    public let originatingAgencyID: Organisation.ID
    /// The originating agency's sector, kept after a rejection.
    public let originatingSector: AgencySector
    public let openedAt: Date
    public var stage: SituationStage
    /// The de-identified description; `nil` once a rejection redacted it.
    public var description: SituationDescription?
    /// The meeting it was brought to (filter 2).
    public var meetingID: Meeting.ID?
    public var broughtAt: Date?
    /// When the table decided whether the risk is acutely elevated.
    public var decidedAt: Date?
    public var rejectionReason: RejectionReason?
    public var leadAgencyID: Organisation.ID?
    public var assistingAgencyIDs: [Organisation.ID]
    /// Until when the intervening agencies see the full identity (filter 4).
    public var identitySharedUntil: Date?
    /// When the minimal identity was revealed to the agencies present, and at which meeting (filter 3).
    public var revealedAt: Date?
    /// The first intervention (the "door knock").
    public var firstInterventionAt: Date?
    /// The services the intervening agencies mobilized, as they reported them.
    public var servicesMobilized: String?
    /// The meeting the intervening agencies report back to.
    public var reportBackMeetingID: Meeting.ID?
    public var conclusion: Conclusion?
    public var concludedAt: Date?
    /// When the sealed identity was destroyed (after a rejection, or the retention period after the conclusion).
    public var identityDestroyedAt: Date?

    public init(
        id: ID, reference: String, originatingAgencyID: Organisation.ID, originatingSector: AgencySector,
        openedAt: Date, stage: SituationStage = .opened, description: SituationDescription?,
        meetingID: Meeting.ID? = nil, broughtAt: Date? = nil, decidedAt: Date? = nil,
        rejectionReason: RejectionReason? = nil, leadAgencyID: Organisation.ID? = nil,
        assistingAgencyIDs: [Organisation.ID] = [], identitySharedUntil: Date? = nil, revealedAt: Date? = nil,
        firstInterventionAt: Date? = nil, servicesMobilized: String? = nil, reportBackMeetingID: Meeting.ID? = nil,
        conclusion: Conclusion? = nil, concludedAt: Date? = nil, identityDestroyedAt: Date? = nil
    ) {
        self.id = id
        self.reference = reference
        self.originatingAgencyID = originatingAgencyID
        self.originatingSector = originatingSector
        self.openedAt = openedAt
        self.stage = stage
        self.description = description
        self.meetingID = meetingID
        self.broughtAt = broughtAt
        self.decidedAt = decidedAt
        self.rejectionReason = rejectionReason
        self.leadAgencyID = leadAgencyID
        self.assistingAgencyIDs = assistingAgencyIDs
        self.identitySharedUntil = identitySharedUntil
        self.revealedAt = revealedAt
        self.firstInterventionAt = firstInterventionAt
        self.servicesMobilized = servicesMobilized
        self.reportBackMeetingID = reportBackMeetingID
        self.conclusion = conclusion
        self.concludedAt = concludedAt
        self.identityDestroyedAt = identityDestroyedAt
    }

    /// Hours from the table's decision to the first intervention, when both are known (never negative).
    public var hoursToIntervention: Int? {
        guard let decidedAt, let firstInterventionAt else { return nil }
        return max(0, Int(firstInterventionAt.timeIntervalSince(decidedAt) / 3_600))
    }

    /// The lead and assisting agencies.
    public var interveningAgencyIDs: [Organisation.ID] {
        (leadAgencyID.map { [$0] } ?? []) + assistingAgencyIDs
    }
}

/// Where a situation stands in the four filters.
public enum SituationStage: String, Sendable, CaseIterable, Codable {
    /// Filter 1: known to its originating agency only.
    case opened
    /// Filter 2: on a meeting's agenda, de-identified, awaiting the table's vote.
    case onAgenda = "on_agenda"
    /// Voted below the threshold of acutely elevated risk, and redacted.
    case rejected
    /// Filter 3: accepted as acutely elevated risk; the table names who intervenes.
    case accepted
    /// Filter 4: the lead and assisting agencies intervene and report back.
    case intervening
    /// Concluded, with its outcome.
    case concluded

    /// The locale catalogue key of the stage's name.
    public var labelKey: String { "table.stage.\(rawValue)" }

    /// Whether the table has seen it (filter 2 on).
    public var broughtToTable: Bool { self != .opened }
}

/// What the table sees of a situation: never a name, a birth date or an address.
public struct SituationDescription: Sendable, Equatable, Codable {
    public var subject: SubjectType
    /// Codes of the taxonomy's risk factors, in code order.
    public var riskFactors: [String]
    public var ageCohorts: [AgeCohort]
    public var genders: [Gender]
    /// A short summary without identifying details.
    public var summary: String

    public init(
        subject: SubjectType, riskFactors: [String], ageCohorts: [AgeCohort], genders: [Gender], summary: String
    ) {
        self.subject = subject
        self.riskFactors = riskFactors
        self.ageCohorts = ageCohorts
        self.genders = genders
        self.summary = summary
    }
}

/// Who a situation is about.
public enum SubjectType: String, Sendable, CaseIterable, Codable {
    case individual, family, group, location

    public var labelKey: String { "table.subject.\(rawValue)" }
}

/// An age cohort, as the provincial tracking database counts them (never a birth date).
public enum AgeCohort: String, Sendable, CaseIterable, Codable {
    case upTo5 = "0-5"
    case from6To11 = "6-11"
    case from12To17 = "12-17"
    case from18To24 = "18-24"
    case from25To29 = "25-29"
    case from30To39 = "30-39"
    case from40To59 = "40-59"
    case from60 = "60+"

    public var labelKey: String { "table.cohort.\(rawValue)" }
}

/// A gender, as the people concerned describe it.
public enum Gender: String, Sendable, CaseIterable, Codable {
    case woman, man
    case nonBinary = "non_binary"
    case unknown

    public var labelKey: String { "table.gender.\(rawValue)" }
}

/// Why the table found a situation below the threshold.
public enum RejectionReason: String, Sendable, CaseIterable, Codable {
    /// The harm is not imminent or significant.
    case notElevated = "not_elevated"
    /// One agency can respond alone.
    case singleAgency = "single_agency"
    /// The agencies already serve the situation together.
    case alreadyServed = "already_served"
    /// Not enough information to decide; may be brought again.
    case insufficientInformation = "insufficient_information"

    public var labelKey: String { "table.rejection.\(rawValue)" }
}

/// How a situation ended.
public enum Conclusion: String, Sendable, CaseIterable, Codable {
    case riskLowered = "risk_lowered"
    case stillElevated = "still_elevated"
    case refusedServices = "refused_services"
    case movedOrUnreachable = "moved_or_unreachable"
    case connectedToServices = "connected_to_services"

    public var labelKey: String { "table.conclusion.\(rawValue)" }

    /// Whether the risk came down (the trends' "share of risk lowered").
    public var lowersRisk: Bool { self == .riskLowered || self == .connectedToServices }
}
