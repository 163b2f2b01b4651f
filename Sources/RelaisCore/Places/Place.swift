/// A civic address point: a number on a street, where a city's address file puts it.
public struct AddressPoint: Sendable, Equatable {
    public let id: String
    public let number: String
    public let street: String
    public let unit: String
    public let city: String
    public let postcode: String
    public let point: GeoPoint

    public init(
        id: String, number: String, street: String, unit: String = "", city: String = "", postcode: String = "",
        point: GeoPoint
    ) {
        self.id = id
        self.number = number
        self.street = street
        self.unit = unit
        self.city = city
        self.postcode = postcode
        self.point = point
    }

    /// The matching key of its street (``PlaceText/streetKey(_:)``).
    public var streetKey: String { PlaceText.streetKey(street) }

    /// "1033 Rue Rachel Est", with the unit after a comma.
    public var label: String {
        let base = "\(number) \(street)"
        return unit.isEmpty ? base : "\(base), \(unit)"
    }
}

/// A named place people give as a location: a metro station, a park, a square, a public building.
public struct Landmark: Sendable, Equatable {
    /// What kind of place, for its label in a list of suggestions.
    public enum Kind: String, Sendable, CaseIterable {
        case metro
        case place
    }

    public let kind: Kind
    public let name: String
    public let point: GeoPoint

    public init(kind: Kind, name: String, point: GeoPoint) {
        self.kind = kind
        self.name = name
        self.point = point
    }
}

/// Where two streets cross ("Berri / Ontario").
public struct Corner: Sendable, Equatable {
    public let first: String
    public let second: String
    public let point: GeoPoint

    public init(first: String, second: String, point: GeoPoint) {
        self.first = first
        self.second = second
        self.point = point
    }

    /// Its streets' keys, in a stable order, so that "A / B" and "B / A" are one corner.
    public var keys: StreetPair { StreetPair(PlaceText.streetKey(first), PlaceText.streetKey(second)) }
}

/// Two street keys in alphabetical order.
public struct StreetPair: Hashable, Sendable {
    public let first: String
    public let second: String

    public init(_ a: String, _ b: String) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }
}

/// A street's drawn line (for maps without tiles), as (longitude, latitude) vertices.
public struct StreetLine: Sendable, Equatable {
    public let name: String
    public let vertices: [GeoPoint]
    /// Whether it was sketched from corners (``PlaceFiles/sketchedStreets(from:maximumGap:)``) rather than surveyed.
    public let sketched: Bool

    public init(name: String, vertices: [GeoPoint], sketched: Bool = false) {
        self.name = name
        self.vertices = vertices
        self.sketched = sketched
    }
}

/// One answer to a place lookup: what it is, how to say it, and where it is.
public struct PlaceCandidate: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case address
        case corner
        case metro
        case place
        case coordinates
    }

    public let kind: Kind
    public let label: String
    public let point: GeoPoint
    /// How well it matches the words typed (higher is better).
    public let score: Int

    public init(kind: Kind, label: String, point: GeoPoint, score: Int) {
        self.kind = kind
        self.label = label
        self.point = point
        self.score = score
    }
}
