import Foundation

/// An entry of a RÉSO officer's work log: a contact with a business, a resident, a vulnerable person or a family,
/// or a visit of a place — where (sealed; its grid cell in clear, for the repeat places), what was said or done
/// (sealed), the problem it belongs to and the person it is about (a pseudonymous record), if any.
public struct SectorContact: Sendable, Equatable {
    public typealias ID = Identifier<SectorContact>

    public let id: ID
    public let organisationID: Organisation.ID
    public let sectorCode: String
    public let officerUserID: User.ID
    public let kind: ContactKind
    public let at: Date
    public let place: String
    public let cell: GridCell?
    public let note: String
    public let problemID: SectorProblem.ID?
    /// The person it is about, when the officer named them (pseudonymous: the record's reference only).
    public let personID: Person.ID?

    public init(
        id: ID, organisationID: Organisation.ID, sectorCode: String, officerUserID: User.ID, kind: ContactKind,
        at: Date, place: String, cell: GridCell?, note: String, problemID: SectorProblem.ID?, personID: Person.ID? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.sectorCode = sectorCode
        self.officerUserID = officerUserID
        self.kind = kind
        self.at = at
        self.place = place
        self.cell = cell
        self.note = note
        self.problemID = problemID
        self.personID = personID
    }
}

/// Whom or what a work-log entry is about.
public enum ContactKind: String, CaseIterable, Sendable, Codable {
    case business
    case resident
    case vulnerablePerson = "vulnerable_person"
    case family
    case visit

    public var labelKey: String { "reso.contact.\(rawValue)" }
}

/// What a work-log entry needs: a kind, a place, a note of at most 4,000 characters, a time not in the future and
/// at most a week back, a point if one was given.
public enum ContactRules {
    public static let maximumDaysBack = 7

    /// - Throws: ``ValidationError`` naming `kind`, `place`, `note`, `at`.
    public static func entry(
        kind: String?, place: String?, note: String?, latitude: String?, longitude: String?, at: Date, now: Date
    ) throws(ValidationError) -> (kind: ContactKind, place: String, note: String, cell: GridCell?) {
        var problems: [FieldProblem] = []
        let kind = kind.flatMap(ContactKind.init(rawValue:))
        if kind == nil { problems.append(FieldProblem(field: "kind", messageKey: "reso.error.contact_kind")) }
        let place = place.trimmedNonEmpty
        if place == nil || place!.count > MessageRules.maximumPlaceLength {
            problems.append(FieldProblem(field: "place", messageKey: "reso.error.place"))
        }
        let note = note.trimmedNonEmpty ?? ""
        if note.count > MessageRules.maximumStepLength {
            problems.append(FieldProblem(field: "note", messageKey: "reso.error.too_long"))
        }
        if at > now.addingTimeInterval(60) || at < now.addingTimeInterval(-Double(maximumDaysBack) * 86_400) {
            problems.append(FieldProblem(field: "at", messageKey: "reso.error.contact_at"))
        }
        var cell: GridCell?
        if let latitudeText = latitude.trimmedNonEmpty, let longitudeText = longitude.trimmedNonEmpty {
            if latitudeText.count < 24, longitudeText.count < 24, let lat = Double(latitudeText),
                let lon = Double(longitudeText), (try? GeoPoint(latitude: lat, longitude: lon)) != nil
            {
                cell = GridCell(latitude: lat, longitude: lon)
            } else {
                problems.append(FieldProblem(field: "place", messageKey: "reso.error.place"))
            }
        }
        guard problems.isEmpty, let kind, let place else { throw ValidationError(problems) }
        return (kind, place, note, cell)
    }
}
