import Foundation

/// What someone typed in an address field, read as one of the ways people give a place.
public enum PlaceQuery: Sendable, Equatable {
    /// Nothing to look up.
    case empty
    /// Coordinates typed as "45.5153, -73.5611" (or with decimal commas: "45,5153 -73,5611").
    case coordinates(GeoPoint)
    /// A civic number and the words of a street ("1033 rachel").
    case address(number: String, street: [String])
    /// Two streets ("coin Berri et Ontario", "Berri / Ontario"); the second may still be being typed (empty).
    case corner([String], [String])
    /// A name: a landmark, or a street alone.
    case name([String])

    /// The longest text read; longer input is cut there (an address field holds a line, not a page).
    public static let maximumLength = 200

    /// Reads a query.
    public init(_ raw: String) {
        let text = String(raw.prefix(Self.maximumLength))
        if let point = Self.coordinates(in: text) {
            self = .coordinates(point)
            return
        }
        for separator in ["/", "&", "@"] where text.contains(separator) {
            let parts = text.split(separator: Character(separator), maxSplits: 1, omittingEmptySubsequences: false)
            let first = Self.withoutLeadingFillers(PlaceText.words(String(parts[0])))
            let second = parts.count > 1 ? PlaceText.words(String(parts[1])) : []
            self = first.isEmpty ? .name(second) : .corner(first, second)
            return
        }
        let words = PlaceText.words(text)
        let hadCornerWord = words.first.map(Self.cornerWords.contains) ?? false
        let body = Self.withoutLeadingFillers(words)
        if body.isEmpty {
            self = .empty
        } else if let split = body.indices.dropFirst().first(where: { Self.conjunctions.contains(body[$0]) }) {
            self = .corner(Array(body[..<split]), Array(body[(split + 1)...]))
        } else if hadCornerWord {
            self = .corner(body, [])
        } else if let number = Self.civicNumber(body[0]), body.count > 1 {
            self = .address(number: number, street: Array(body.dropFirst()))
        } else {
            self = .name(body)
        }
    }

    static let cornerWords: Set<String> = ["coin", "angle", "intersection", "corner", "croisement"]
    static let fillers: Set<String> = cornerWords.union(["of", "de", "des", "du", "a", "l", "the", "rues", "streets"])
    static let conjunctions: Set<String> = ["et", "and", "at", "x"]

    private static func withoutLeadingFillers(_ words: [String]) -> [String] {
        Array(words.drop(while: fillers.contains))
    }

    /// The digits of a civic number ("1033", "1033a" → "1033a"), or nil when the word does not start with one.
    private static func civicNumber(_ word: String) -> String? {
        guard let first = word.unicodeScalars.first, ("0"..."9").contains(first), word.count <= 10 else { return nil }
        return word
    }

    /// Two numbers alone, in range, separated by a comma, a semicolon or spaces.
    private static func coordinates(in text: String) -> GeoPoint? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ "0123456789.,;- +".unicodeScalars.contains($0) })
        else { return nil }
        var parts = trimmed.split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
        parts = parts.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
        if parts.count == 1 { parts = parts[0].split(separator: ",").map(String.init) }
        guard parts.count == 2,
            let latitude = Double(parts[0].replacingOccurrences(of: ",", with: ".")),
            let longitude = Double(parts[1].replacingOccurrences(of: ",", with: "."))
        else { return nil }
        return try? GeoPoint(latitude: latitude, longitude: longitude)
    }
}
