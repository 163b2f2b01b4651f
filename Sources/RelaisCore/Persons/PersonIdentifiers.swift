import Foundation

/// What identifies a person, as a team wrote it down: sealed at rest, read only through an audited store call, and
/// found again through blind indexes of its ``keys``, never by a readable identity in the database.
public struct PersonIdentifiers: Sendable, Equatable, Codable {
    public static let maximumLength = 120

    public let givenName: String
    public let familyName: String
    /// `yyyy-MM-dd`, when known.
    public let birthDate: String?
    public let phone: String?

    public init(givenName: String, familyName: String, birthDate: String?, phone: String?) {
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.phone = phone
    }

    /// The identifiers a form sent, trimmed: a given and a family name are needed, a birth date must be a real day
    /// in the past, a phone number must have 10 or 11 digits.
    /// - Throws: ``ValidationError`` naming each wrong field.
    public static func checked(
        givenName: String?, familyName: String?, birthDate: String?, phone: String?, today: String
    ) throws(ValidationError) -> PersonIdentifiers {
        var problems: [FieldProblem] = []
        let given = givenName.trimmedNonEmpty
        let family = familyName.trimmedNonEmpty
        if given == nil { problems.append(FieldProblem(field: "givenName", messageKey: "person.error.given_name")) }
        if family == nil { problems.append(FieldProblem(field: "familyName", messageKey: "person.error.family_name")) }
        if (given?.count ?? 0) > maximumLength || (family?.count ?? 0) > maximumLength {
            problems.append(FieldProblem(field: "familyName", messageKey: "error.name.too_long"))
        }
        let birth = birthDate.trimmedNonEmpty
        if let birth, !(Self.isDay(birth) && birth <= today && birth >= "1900-01-01") {
            problems.append(FieldProblem(field: "birthDate", messageKey: "person.error.birth_date"))
        }
        let phoneText = phone.trimmedNonEmpty
        if let phoneText, Self.phoneDigits(phoneText) == nil {
            problems.append(FieldProblem(field: "phone", messageKey: "person.error.phone"))
        }
        guard problems.isEmpty, let given, let family else { throw ValidationError(problems) }
        return PersonIdentifiers(givenName: given, familyName: family, birthDate: birth, phone: phoneText)
    }

    /// The values whose blind indexes find this person again: the full name with the birth date, and the phone
    /// number. A name alone is too common to say two records are one person.
    public var keys: [PersonKey] {
        var keys: [PersonKey] = []
        if let birthDate {
            keys.append(
                PersonKey(kind: .nameAndBirthDate, value: Self.folded(givenName + " " + familyName) + "|" + birthDate))
        }
        if let digits = phone.flatMap(Self.phoneDigits) { keys.append(PersonKey(kind: .phone, value: digits)) }
        return keys
    }

    /// The display name.
    public var fullName: String { givenName + " " + familyName }

    /// Lower case, accents removed, hyphens and runs of spaces made one space: "Marie-Ève  TREMBLAY" and
    /// "marie eve tremblay" are the same name.
    public static func folded(_ name: String) -> String {
        let plain = name.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_CA"))
        return plain.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "\t" })
            .joined(separator: " ")
    }

    /// The ten digits of a North American number (a leading 1 dropped), or nil when it has not 10 or 11 digits.
    public static func phoneDigits(_ text: String) -> String? {
        guard text.count <= 40 else { return nil }
        var digits = text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)
        if digits.count == 11, digits.first == "1" { digits.removeFirst() }
        return digits.count == 10 ? String(digits) : nil
    }

    /// Whether `text` is a real calendar day written `yyyy-MM-dd`.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// One value a person is found by, before it is made a blind index (``FieldCipher/blindIndex(_:)``).
public struct PersonKey: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case nameAndBirthDate = "name_birth"
        case phone
    }

    public let kind: Kind
    public let value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The text whose blind index is stored: the kind keeps a phone number from matching a name.
    public var indexed: String { kind.rawValue + ":" + value }
}
