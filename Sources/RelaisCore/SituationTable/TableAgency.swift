import Foundation

/// An agency taking part in the table: an organisation, its sector, and the date it signed the table's
/// information-sharing agreement (without which it sees nothing of filters 3 and 4).
public struct TableAgency: Sendable, Equatable, Identifiable {
    public var id: Organisation.ID { organisationID }
    public let organisationID: Organisation.ID
    public var name: String
    public var sector: AgencySector
    public var agreementSignedOn: Date?

    public init(organisationID: Organisation.ID, name: String, sector: AgencySector, agreementSignedOn: Date?) {
        self.organisationID = organisationID
        self.name = name
        self.sector = sector
        self.agreementSignedOn = agreementSignedOn
    }

    /// Whether the agency signed the information-sharing agreement by `date`.
    public func signedAgreement(by date: Date) -> Bool {
        agreementSignedOn.map { $0 <= date } ?? false
    }
}

/// The sector an agency works in, as the provincial tracking database names them.
public enum AgencySector: String, Sendable, CaseIterable, Codable {
    case police
    case health
    case mentalHealthAddictions = "mental_health_addictions"
    case childWelfare = "child_welfare"
    case education
    case housing
    case indigenous
    case francophone
    case lgbtq
    case municipalSocialServices = "municipal_social_services"
    case justice
    case other

    public var labelKey: String { "table.sector.\(rawValue)" }
}
