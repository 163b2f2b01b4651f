import Foundation

/// A committee of the partnership structure: a partnership committee of a community or group, the expert committee,
/// the strategic committee, or a local partnership. Its kind carries its rules (terms, meetings).
public struct Committee: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Committee>

    public let id: ID
    /// The police service whose structure it belongs to.
    public let organisationID: Organisation.ID
    /// Its short name in addresses (`aines`).
    public let code: String
    public var kind: CommitteeKind
    public var nameFrench: String
    public var nameEnglish: String
    public var mandateFrench: String
    public var mandateEnglish: String
    /// The community or group it speaks for (`nil` for the strategic committee and local partnerships).
    public var community: Community?
    public var themes: [CommitteeTheme]
    /// The region it meets in (`Nord`, `Sud`…), free text.
    public var region: String
    /// The neighbourhood stations it meets in, by number.
    public var stations: [String]
    /// How many members it seats.
    public var seats: Int

    public init(
        id: ID, organisationID: Organisation.ID, code: String, kind: CommitteeKind, nameFrench: String,
        nameEnglish: String, mandateFrench: String, mandateEnglish: String, community: Community?,
        themes: [CommitteeTheme], region: String, stations: [String], seats: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.code = code
        self.kind = kind
        self.nameFrench = nameFrench
        self.nameEnglish = nameEnglish
        self.mandateFrench = mandateFrench
        self.mandateEnglish = mandateEnglish
        self.community = community
        self.themes = themes
        self.region = region
        self.stations = stations
        self.seats = seats
    }

    /// Its name in `language`.
    public func name(_ language: Language) -> String { language == .english ? nameEnglish : nameFrench }

    /// Its mandate in `language`.
    public func mandate(_ language: Language) -> String { language == .english ? mandateEnglish : mandateFrench }

    /// The meetings' series of its calendar (`committee:<id>`).
    public var series: String { "committee:" + id.description }
}

/// What a committee is, and so which term and meeting rules apply to it.
public enum CommitteeKind: String, Sendable, CaseIterable, Codable {
    case partnership
    case expert
    case strategic
    case local

    public var labelKey: String { "committees.kind.\(rawValue)" }

    /// Its members' terms.
    public var terms: TermRules {
        switch self {
        case .partnership, .strategic, .local: TermRules(years: 3, maximumTerms: 2)
        case .expert: TermRules(years: 3, maximumTerms: nil)
        }
    }

    /// How often it meets.
    public var frequency: FrequencyRules {
        switch self {
        case .partnership, .expert: FrequencyRules(minimum: 4, maximum: nil, joint: 0)
        case .strategic: FrequencyRules(minimum: 4, maximum: 6, joint: 2)
        case .local: FrequencyRules(minimum: 0, maximum: nil, joint: 0)
        }
    }

    /// Whether it names two delegates a year to meet the strategic committee.
    public var namesDelegates: Bool { self == .partnership || self == .expert }
}

/// The themes a committee is asked to consider; concerns and agenda items are tagged with them.
public enum CommitteeTheme: String, Sendable, CaseIterable, Codable {
    case security
    case perception
    case relations
    case solutions

    public var labelKey: String { "committees.theme.\(rawValue)" }
}

/// The communities and groups the partnership committees speak for; a concern is tagged with one.
public enum Community: String, Sendable, CaseIterable, Codable {
    case seniors
    case arab
    case asian
    case latino
    case black
    case youth
    case everyone

    public var labelKey: String { "committees.community.\(rawValue)" }
}

/// A member's place on a committee.
public enum CommitteePosition: String, Sendable, CaseIterable, Codable {
    case chair
    case member
    case policeLiaison = "police_liaison"

    public var labelKey: String { "committees.position.\(rawValue)" }
}

/// Whether a member serves for the police service or as a civilian (a delegates' pair has one of each).
public enum MemberSide: String, Sendable, CaseIterable, Codable {
    case police
    case civilian

    public var labelKey: String { "committees.side.\(rawValue)" }
}
