import Foundation

/// How an intervention ended.
public enum InterventionOutcome: String, CaseIterable, Sendable, Codable {
    case resolvedOnSite = "resolved_on_site"
    case referred
    case escorted
    case refused
    /// The situation needs the police: the request is re-routed to them.
    case policeNeeded = "police_needed"

    /// The locale catalogue key of the outcome's name.
    public var labelKey: String { "mediation.intervention_outcome.\(rawValue)" }
}

/// How an intervention was closed.
public struct InterventionClosing: Sendable, Equatable {
    public let outcome: InterventionOutcome
    /// Whether the team's presence avoided a police intervention.
    public let policeAvoided: Bool
    public let minutesOnScene: Int
    public let closedAt: Date

    public init(outcome: InterventionOutcome, policeAvoided: Bool, minutesOnScene: Int, closedAt: Date) {
        self.outcome = outcome
        self.policeAvoided = policeAvoided
        self.minutesOnScene = minutesOnScene
        self.closedAt = closedAt
    }
}

/// What a mobile team did on scene for one request: the parties, the services given and the outcome. The
/// programme does no follow-up: once closed, only referrals awaiting the resource's answer stay open.
public struct Intervention: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Intervention>

    public let id: ID
    public let requestID: ServiceRequest.ID
    public let teamID: MobileTeam.ID
    public let organisationID: Organisation.ID
    public let startedAt: Date
    public let parties: [InterventionParty]
    public let services: [InterventionService]
    public let closing: InterventionClosing?

    public init(
        id: ID, requestID: ServiceRequest.ID, teamID: MobileTeam.ID, organisationID: Organisation.ID,
        startedAt: Date, parties: [InterventionParty], services: [InterventionService], closing: InterventionClosing?
    ) {
        self.id = id
        self.requestID = requestID
        self.teamID = teamID
        self.organisationID = organisationID
        self.startedAt = startedAt
        self.parties = parties
        self.services = services
        self.closing = closing
    }

    /// The escort under way (departed, not arrived), if any.
    public var escortUnderWay: InterventionService? {
        services.last {
            if case .escort(_, _, _, nil) = $0.service { true } else { false }
        }
    }

    /// Whether any party carries identifying details (reading them is audited).
    public var holdsIdentity: Bool { parties.contains { $0.identity != nil } }

    /// The number the next party of `role` gets.
    public func nextNumber(for role: PartyRole) -> Int { parties.filter { $0.role == role }.count + 1 }
}
