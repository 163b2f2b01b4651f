import Foundation
import RelaisCore
import Vapor

/// What the public pages show of an officer and of a sector's answer, in the reader's language.
struct OfficerCard: Encodable {
    let name: String
    let initials: String
    let phoneText: String
    let telephoneURI: String
    let languages: String
    /// The photo at the card's size and twice it, when there is one.
    let photo: String?
    let photoLarge: String?
    let sector: String?

    init(_ officer: SectorOfficer, sector: Sector?, catalogue: Catalogue, language: Language) {
        name = officer.name
        initials = String(
            officer.name.split(separator: " ").suffix(2).compactMap(\.first).map(String.init).joined())
        phoneText = officer.cellPhoneText
        telephoneURI = officer.telephoneURI
        languages = officer.languages.map { catalogue.text($0.labelKey, language) }.joined(separator: ", ")
        photo = officer.photoVersion > 0 ? OfficerCard.photoPath(officer, size: "card") : nil
        photoLarge = officer.photoVersion > 0 ? OfficerCard.photoPath(officer, size: "large") : nil
        self.sector = sector.map { "\($0.name) (\($0.city))" }
    }

    /// The photo's address: its version in the path, so it can be cached for good.
    static func photoPath(_ officer: SectorOfficer, size: String) -> String {
        "/reso/photos/\(officer.id)/\(officer.photoVersion)/\(size).jpg"
    }
}

/// A sector's answer as the card page shows it.
struct SectorAnswerContent: Encodable {
    let code: String
    let name: String
    let city: String
    let officer: OfficerCard?
    let hasOfficer: Bool
    let onDuty: Bool
    let cover: OfficerCard?
    let hasCover: Bool
    let duty: [String]
    let hasDuty: Bool
    let messagePath: String
    let fictional: Bool
    /// The city's coming public meetings, and its feed.
    let meetings: [PublicMeetingsController.Row]
    let hasMeetings: Bool
    let meetingsFeed: String

    init(
        _ answer: SectorAnswer, directory: SectorDirectory, catalogue: Catalogue, language: Language, fictional: Bool,
        point: GeoPoint?, meetings: [PublicMeetingsController.Row]
    ) {
        code = answer.sector.code
        name = answer.sector.name
        city = answer.sector.city
        officer = answer.officer.map { OfficerCard($0, sector: nil, catalogue: catalogue, language: language) }
        hasOfficer = answer.officer != nil
        onDuty = answer.onDuty
        cover = answer.cover.map {
            OfficerCard(
                $0, sector: $0.sectorCode.flatMap { directory.sector($0) }, catalogue: catalogue, language: language)
        }
        hasCover = answer.cover != nil
        duty = answer.officer.map { Self.dutyLines($0.duty, catalogue: catalogue, language: language) } ?? []
        hasDuty = !duty.isEmpty
        messagePath =
            "/reso/secteurs/\(answer.sector.code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")/message"
        self.fictional = fictional
        self.meetings = Array(meetings.prefix(3))
        hasMeetings = !meetings.isEmpty
        meetingsFeed = PublicMeetingsController.feedPath(answer.sector.city)
    }

    /// "Monday 08:00–16:00" lines of a weekly duty.
    static func dutyLines(_ duty: OpeningHours, catalogue: Catalogue, language: Language) -> [String] {
        OfficerRules.rows(duty).compactMap { row in
            guard let day = row.day, let start = row.start, let end = row.end else { return nil }
            return catalogue.text("reso.weekday.\(day)", language) + " " + start + "–" + end
        }
    }
}
