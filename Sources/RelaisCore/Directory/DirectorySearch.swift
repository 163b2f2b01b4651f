import Foundation

/// What a worker asks the directory: words, a need, open now, near a point, a language.
public struct DirectorySearch: Sendable, Equatable {
    /// Folded words that must all begin a word of the service's text (stop words removed).
    public var words: [String]
    public var need: Need?
    /// Only services open at this moment (in the deployment's time zone).
    public var openAt: Date?
    /// When the search is made: each result says whether it is open then.
    public var now: Date
    /// Nearest first from this point.
    public var near: GeoPoint?
    /// A two-letter language code.
    public var language: String?
    public var limit: Int
    public var offset: Int

    public static let maximumLimit = 100
    /// How far a search pages (a worker never reads past it; it keeps `offset + limit` far from overflowing).
    public static let maximumOffset = 100_000
    private static let stopWords: Set<String> = [
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "un", "une",
        "and", "for", "in", "of", "the",
    ]
    private static let openNowPhrases = [["ouvert", "maintenant"], ["ouverts", "maintenant"], ["open", "now"]]

    /// Reads what was typed; "ouvert maintenant" or "open now" in the text asks for open services.
    public init(
        text: String?, need: Need? = nil, openAt: Date? = nil, now: Date, near: GeoPoint? = nil,
        language: String? = nil, limit: Int = 20, offset: Int = 0
    ) {
        var words = SearchText.words(text ?? "")
        var openAt = openAt
        for phrase in Self.openNowPhrases {
            if let start = words.indices.first(where: { Array(words[$0...].prefix(phrase.count)) == phrase }) {
                words.removeSubrange(start..<(start + phrase.count))
                openAt = openAt ?? now
            }
        }
        self.words = words.filter { !Self.stopWords.contains($0) }
        self.need = need
        self.openAt = openAt
        self.now = now
        self.near = near
        self.language = language.map { String($0.lowercased().prefix(2)) }
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = min(max(offset, 0), Self.maximumOffset)
    }
}

/// One service found, with what a worker needs to choose it.
public struct DirectoryHit: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let organizationName: String
    public let description: String
    /// Name and description in other languages, when the source gave them.
    public let translations: ResourceTranslations
    public let needs: [Need]
    public let languages: [String]
    public let address: String?
    public let phone: String?
    public let latitude: Double?
    public let longitude: Double?
    /// Kilometres from the search's point, when it had one.
    public let distanceKilometres: Double?
    public let openNow: Bool
    public let capacityAvailable: Int?
    public let capacityTotal: Int?
    public let capacityUpdatedAt: Date?

    public init(
        id: String, name: String, organizationName: String, description: String,
        translations: ResourceTranslations = ResourceTranslations(), needs: [Need], languages: [String],
        address: String?, phone: String?, latitude: Double?, longitude: Double?, distanceKilometres: Double?,
        openNow: Bool, capacityAvailable: Int?, capacityTotal: Int?, capacityUpdatedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.organizationName = organizationName
        self.description = description
        self.translations = translations
        self.needs = needs
        self.languages = languages
        self.address = address
        self.phone = phone
        self.latitude = latitude
        self.longitude = longitude
        self.distanceKilometres = distanceKilometres
        self.openNow = openNow
        self.capacityAvailable = capacityAvailable
        self.capacityTotal = capacityTotal
        self.capacityUpdatedAt = capacityUpdatedAt
    }
}
