/// An organisation taking part in the programmes; every user belongs to one.
public struct Organisation: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Organisation>

    /// What sort of organisation this is.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Runs the deployment itself.
        case operator_ = "operator"
        /// Runs a civilian mobile mediation team.
        case mobileTeam = "mobile_team"
        /// A police service.
        case policeService = "police_service"
        /// A health and social services centre.
        case healthAndSocialServices = "health_social_services"
        /// A community organisation.
        case communityOrganisation = "community_organisation"
        /// A city, borough or municipal service.
        case municipality
        /// Another agency (education, housing, justice…), for example at a situation table.
        case agency

        /// The locale catalogue key of the kind's name.
        public var labelKey: String { "organisation_kind.\(rawValue)" }
    }

    public let id: ID
    public var name: String
    public var kind: Kind

    public init(id: ID, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
