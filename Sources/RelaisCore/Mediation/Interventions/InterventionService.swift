import Foundation

/// A directory service a person is referred or driven to, as it was when chosen.
public struct ResourceReference: Sendable, Equatable, Codable {
    /// The HSDS service id.
    public let serviceID: String
    public let name: String
    public let address: String?

    public init(serviceID: String, name: String, address: String?) {
        self.serviceID = serviceID
        self.name = name
        self.address = address
    }
}

/// Topics of information and awareness given on scene.
public enum InformationTopic: String, CaseIterable, Sendable, Codable {
    case rightsAndResponsibilities = "rights_responsibilities"
    /// Explanations of realities (homelessness, mental health, addiction…).
    case realities
    case cohabitation
    case resources
    case safety

    /// The locale catalogue key of the topic's name.
    public var labelKey: String { "mediation.information_topic.\(rawValue)" }
}

/// What one party of a verbal agreement commits to.
public struct Commitment: Sendable, Equatable, Codable {
    public let partyID: InterventionParty.ID
    public let text: String

    public init(partyID: InterventionParty.ID, text: String) {
        self.partyID = partyID
        self.text = text
    }
}

/// A service the team gave, as the programme names them.
public enum GivenService: Sendable, Equatable {
    /// Referral or relay to a resource, with what was asked of it.
    case referral(
        resource: ResourceReference, asked: String?, partyID: InterventionParty.ID?,
        acknowledgement: ReferralAcknowledgement)
    /// A drive to a resource or an address; the team is escorting until arrival.
    case escort(destination: EscortDestination, partyID: InterventionParty.ID?, departedAt: Date, arrivedAt: Date?)
    /// Information and awareness.
    case information(topics: [InformationTopic], note: String?)
    /// A verbal agreement between parties: what each commits to, by when.
    case agreement(commitments: [Commitment], dueBy: Date?)

    /// The kind's stable name (`referral`, `escort`, `information`, `agreement`).
    public var kind: String {
        switch self {
        case .referral: "referral"
        case .escort: "escort"
        case .information: "information"
        case .agreement: "agreement"
        }
    }
}

/// Where an escort goes: a directory resource or an address typed by the worker.
public enum EscortDestination: Sendable, Equatable {
    case resource(ResourceReference)
    case address(String)

    /// What the screen shows.
    public var label: String {
        switch self {
        case .resource(let resource): resource.name
        case .address(let address): address
        }
    }
}

/// One service given, with when and by whom it was recorded.
public struct InterventionService: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<InterventionService>

    public let id: ID
    public let service: GivenService
    public let recordedAt: Date

    public init(id: ID, service: GivenService, recordedAt: Date) {
        self.id = id
        self.service = service
        self.recordedAt = recordedAt
    }
}
