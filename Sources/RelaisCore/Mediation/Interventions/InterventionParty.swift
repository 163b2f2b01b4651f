import Foundation

/// The part a person plays in a situation the team is called to.
public enum PartyRole: String, CaseIterable, Sendable, Codable {
    case vulnerablePerson = "vulnerable_person"
    case resident
    case merchant
    case organisation
    case other

    /// The locale catalogue key of the role's name.
    public var labelKey: String { "mediation.party_role.\(rawValue)" }
}

/// What identifies a party, only when the worker chooses to write it down. Sealed at rest; every read is audited.
public struct PartyIdentity: Sendable, Equatable, Codable {
    public static let maximumLength = 200

    public let name: String?
    public let phone: String?

    /// Trims both; nil when both are empty.
    /// - Throws: ``ValidationError`` naming `name` or `phone` when too long.
    public static func checked(name: String?, phone: String?) throws(ValidationError) -> PartyIdentity? {
        let name = name.trimmedNonEmpty
        let phone = phone.trimmedNonEmpty
        var problems: [FieldProblem] = []
        if (name?.count ?? 0) > maximumLength {
            problems.append(FieldProblem(field: "name", messageKey: "error.name.too_long"))
        }
        if (phone?.count ?? 0) > 40 {
            problems.append(FieldProblem(field: "phone", messageKey: "mediation.error.phone.too_long"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        guard name != nil || phone != nil else { return nil }
        return PartyIdentity(name: name, phone: phone)
    }

    public init(name: String?, phone: String?) {
        self.name = name
        self.phone = phone
    }

    /// What finds the same person in another programme's records (a blind index of it, never the value): the phone
    /// number. A name alone is too common, and a party has no birth date.
    public var keys: [PersonKey] {
        phone.flatMap(PersonIdentifiers.phoneDigits).map { [PersonKey(kind: .phone, value: $0)] } ?? []
    }
}

/// A person or group present in an intervention, known by role and order ("merchant 1"), identified only if the
/// worker added it.
public struct InterventionParty: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<InterventionParty>

    public let id: ID
    public let role: PartyRole
    /// 1 for the first party of its role, 2 for the second…
    public let number: Int
    public let identity: PartyIdentity?

    public init(id: ID, role: PartyRole, number: Int, identity: PartyIdentity?) {
        self.id = id
        self.role = role
        self.number = number
        self.identity = identity
    }
}
