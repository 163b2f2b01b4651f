/// Place names as lookup compares them: folded words (``SearchText``), abbreviations spelt out, and for streets the
/// words every street has ("rue", "boulevard", "de la", "Est") left out, so that "boul. St-Laurent", "Saint-Laurent"
/// and "Boulevard Saint-Laurent" have one key.
public enum PlaceText {
    /// The folded words of a name or a query, abbreviations spelt out.
    public static func words(_ text: String) -> [String] {
        let folded = SearchText.words(text)
        return folded.enumerated().map { index, word in
            if word == "st", index == folded.count - 1, index > 0 { return "street" }
            return abbreviations[word] ?? word
        }
    }

    /// A street's key: its words without the generic type (at the start or, in English, the end), particles and a
    /// final direction. A name made only of such words keeps them.
    public static func streetKey(_ name: String) -> String {
        streetWords(words(name)).joined(separator: " ")
    }

    /// The significant words of a street name already split by ``words(_:)``.
    public static func streetWords(_ words: [String]) -> [String] {
        let kept = streetNameWords(words)
        let significant = kept.filter { !particles.contains($0) }
        return significant.isEmpty ? kept : significant
    }

    /// A street name's words without its generic type and direction, particles kept ("rose de lima"): what a typo
    /// in a particle ("Rose-dee-Lima") is compared with.
    public static func streetNameWords(_ words: [String]) -> [String] {
        var kept = words
        while kept.count > 1, let first = kept.first, genericStreetWords.contains(first) { kept.removeFirst() }
        while kept.count > 1, let last = kept.last, genericStreetWords.contains(last) || directions.contains(last) {
            kept.removeLast()
        }
        return kept
    }

    /// A landmark's key: its words without those that only say it is a station.
    public static func landmarkWords(_ words: [String]) -> [String] {
        let kept = words.filter { !stationWords.contains($0) && !particles.contains($0) }
        return kept.isEmpty ? words : kept
    }

    static let abbreviations: [String: String] = [
        "st": "saint", "ste": "sainte", "boul": "boulevard", "bd": "boulevard", "blvd": "boulevard",
        "av": "avenue", "ave": "avenue", "ch": "chemin", "pl": "place", "rte": "route", "mtl": "montreal",
    ]
    static let genericStreetWords: Set<String> = [
        "rue", "avenue", "boulevard", "chemin", "ruelle", "route", "terrasse", "montee", "allee", "rang", "street",
        "road",
    ]
    static let directions: Set<String> = ["est", "ouest", "nord", "sud", "east", "west", "north", "south", "e", "o"]
    static let particles: Set<String> = ["de", "du", "des", "la", "le", "les", "l", "d", "of", "the"]
    static let stationWords: Set<String> = ["station", "metro", "subway", "gare"]
}
