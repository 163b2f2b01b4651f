import Foundation

/// A RÉSO officer: one police officer per sector, whose photo, name, cell number and sector are public, whom
/// residents call or write instead of 911 for what is not an emergency.
public struct SectorOfficer: Sendable, Equatable {
    public typealias ID = Identifier<SectorOfficer>

    public let id: ID
    /// The police service the officer belongs to.
    public var organisationID: Organisation.ID
    /// The officer's account, when they sign in (to read their messages).
    public var userID: User.ID?
    /// The name on the public card ("Agente Julie Tremblay").
    public var name: String
    /// The public cell number, ten digits.
    public var cellPhone: String
    /// The languages the officer speaks (ISO 639-1 codes of ``SpokenLanguage``), in the order shown.
    public var languages: [SpokenLanguage]
    /// The sector the officer works now, if assigned.
    public var sectorCode: String?
    /// The colleague who answers while the officer is off duty.
    public var coverID: ID?
    /// When the officer is on duty in a typical week (local time).
    public var duty: OpeningHours
    /// Bumped at each new photo (0: none yet), so a card's photo address changes when the photo does.
    public var photoVersion: Int

    public init(
        id: ID, organisationID: Organisation.ID, userID: User.ID?, name: String, cellPhone: String,
        languages: [SpokenLanguage], sectorCode: String?, coverID: ID?, duty: OpeningHours, photoVersion: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.userID = userID
        self.name = name
        self.cellPhone = cellPhone
        self.languages = languages
        self.sectorCode = sectorCode
        self.coverID = coverID
        self.duty = duty
        self.photoVersion = photoVersion
    }

    /// The cell number as a `tel:` link takes it (`+14505551234`).
    public var telephoneURI: String { "tel:+1" + cellPhone }

    /// The cell number as people read it (`450 555-1234`).
    public var cellPhoneText: String { Self.phoneText(cellPhone) }

    /// Ten digits as people read them (`450 555-1234`).
    public static func phoneText(_ number: String) -> String {
        let digits = Array(number)
        guard digits.count == 10 else { return number }
        return String(digits[0..<3]) + " " + String(digits[3..<6]) + "-" + String(digits[6..<10])
    }
}

/// A language an officer speaks, as the card lists it.
public enum SpokenLanguage: String, CaseIterable, Sendable, Codable {
    case french = "fr"
    case english = "en"
    case spanish = "es"
    case arabic = "ar"
    case haitianCreole = "ht"
    case mandarin = "zh"
    case vietnamese = "vi"
    case portuguese = "pt"
    case italian = "it"

    /// The locale catalogue key of the language's name.
    public var labelKey: String { "reso.language.\(rawValue)" }
}
