import Foundation

/// Who a situation is about, sealed at rest and visible only as the four filters allow: the people (names, date of
/// birth) and the address or place.
public struct SituationIdentity: Sendable, Equatable, Codable {
    /// One person concerned.
    public struct Person: Sendable, Equatable, Codable {
        public var firstName: String
        public var lastName: String?
        /// `YYYY-MM-DD`.
        public var birthDate: String?

        public init(firstName: String, lastName: String?, birthDate: String?) {
            self.firstName = firstName
            self.lastName = lastName
            self.birthDate = birthDate
        }

        /// Age in whole years on `date` (in `timeZone`), when the birth date is known.
        public func age(on date: Date, timeZone: TimeZone) -> Int? {
            guard let birthDate, let born = SituationRules.day(birthDate, timeZone: timeZone) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar.dateComponents([.year], from: born, to: date).year
        }
    }

    public var people: [Person]
    /// An address or a place (for a location, the only identity).
    public var place: String?

    public init(people: [Person], place: String?) {
        self.people = people
        self.place = place
    }

    /// The minimal set the table reveals in filter 3: what `fields` name, person by person.
    public func minimal(_ fields: Set<IdentityField>, on date: Date, timeZone: TimeZone) -> [RevealedPerson] {
        people.map { person in
            RevealedPerson(
                firstName: fields.contains(.firstName) ? person.firstName : nil,
                lastName: fields.contains(.lastName) ? person.lastName : nil,
                age: fields.contains(.age) ? person.age(on: date, timeZone: timeZone) : nil)
        }
    }
}

/// An identity field the table may reveal in filter 3 (`RELAIS_TABLE_REVEAL_FIELDS`, first name and age by default).
public enum IdentityField: String, Sendable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case age

    /// Reads the setting: field names separated by commas.
    public static func fields(setting: String) -> Set<IdentityField>? {
        let names = setting.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let fields = names.compactMap(IdentityField.init(rawValue:))
        return fields.isEmpty || fields.count != names.count ? nil : Set(fields)
    }
}

/// What the representatives present see of one person in filter 3.
public struct RevealedPerson: Sendable, Equatable, Codable {
    public let firstName: String?
    public let lastName: String?
    public let age: Int?

    public init(firstName: String?, lastName: String?, age: Int?) {
        self.firstName = firstName
        self.lastName = lastName
        self.age = age
    }
}
