/// The names a place lookup searches in memory: streets (with the spelling to show), corners and landmarks. Civic
/// numbers stay in the database; a lookup of "1033 rachel" asks it for that number on the streets matched here.
public struct PlaceCatalogue: Sendable {
    /// A street the catalogue knows, by key.
    public struct Street: Sendable, Equatable {
        public let key: String
        public let name: String
    }

    /// What a lookup found here, and what it still needs from the address points.
    public struct Lookup: Sendable, Equatable {
        public var candidates: [PlaceCandidate]
        /// The civic number to find on these streets (best first, with their scores), if the query gave one.
        public var addresses: (number: String, streets: [(street: Street, score: Int)])?

        public static func == (a: Lookup, b: Lookup) -> Bool {
            a.candidates == b.candidates && a.addresses?.number == b.addresses?.number
                && a.addresses?.streets.map(\.street) == b.addresses?.streets.map(\.street)
        }
    }

    private let streets: [Street]
    private let namesByKey: [String: String]
    private let streetBytes: [[UInt8]]
    /// Each street's words with their particles (``PlaceText/streetNameWords(_:)``).
    private let streetNameBytes: [[UInt8]]
    private let landmarks: [Landmark]
    private let landmarkBytes: [[UInt8]]
    private let corners: [StreetPair: Corner]
    private let cornersByStreet: [String: [Corner]]

    /// - Parameter streetNames: every street name known (from address points, corners and street lines); each key
    ///   shows its first spelling.
    public init(streetNames: [String], corners: [Corner], landmarks: [Landmark]) {
        var seen: [String: String] = [:]
        var order: [String] = []
        for name in streetNames + corners.flatMap({ [$0.first, $0.second] }) {
            let key = PlaceText.streetKey(name)
            guard !key.isEmpty, seen[key] == nil else { continue }
            seen[key] = name
            order.append(key)
        }
        streets = order.map { Street(key: $0, name: seen[$0] ?? $0) }
        namesByKey = seen
        streetBytes = streets.map { Array($0.key.utf8) }
        streetNameBytes = streets.map {
            Array(PlaceText.streetNameWords(PlaceText.words($0.name)).joined(separator: " ").utf8)
        }
        self.landmarks = landmarks
        landmarkBytes = landmarks.map {
            Array(PlaceText.landmarkWords(PlaceText.words($0.name)).joined(separator: " ").utf8)
        }
        var byPair: [StreetPair: Corner] = [:]
        var byStreet: [String: [Corner]] = [:]
        for corner in corners where byPair[corner.keys] == nil {
            byPair[corner.keys] = corner
            byStreet[corner.keys.first, default: []].append(corner)
            byStreet[corner.keys.second, default: []].append(corner)
        }
        self.corners = byPair
        cornersByStreet = byStreet
    }

    public var streetCount: Int { streets.count }
    public var cornerCount: Int { corners.count }
    public var landmarkCount: Int { landmarks.count }

    /// The streets best matching `words`, best first.
    public func streets(matching words: [String], limit: Int = 5) -> [(street: Street, score: Int)] {
        let match = NameMatch(PlaceText.streetWords(words))
        let withParticles = NameMatch(PlaceText.streetNameWords(words))
        var found: [(street: Street, score: Int)] = []
        for index in streets.indices {
            let score = [match.score(streetBytes[index]), withParticles.score(streetNameBytes[index])].compactMap { $0 }
                .max()
            if let score { found.append((streets[index], score)) }
        }
        return Array(
            found.sorted { $0.score != $1.score ? $0.score > $1.score : $0.street.key < $1.street.key }.prefix(limit))
    }

    /// The candidates for `query`, best first, at most `limit`; and the civic number to look up, if any.
    public func lookup(_ query: PlaceQuery, limit: Int = 8) -> Lookup {
        switch query {
        case .empty:
            return Lookup(candidates: [])
        case .coordinates(let point):
            return Lookup(candidates: [
                PlaceCandidate(kind: .coordinates, label: Self.label(point), point: point, score: 1000)
            ])
        case .address(let number, let street):
            return Lookup(candidates: [], addresses: (number, streets(matching: street)))
        case .corner(let first, let second):
            return Lookup(candidates: Array(cornerCandidates(first, second).prefix(limit)))
        case .name(let words):
            var candidates = landmarkCandidates(words)
            if let best = streets(matching: words, limit: 1).first, best.score >= 700 {
                candidates += cornersOn(best.street, score: best.score - 200)
            }
            return Lookup(candidates: Array(Self.ranked(candidates).prefix(limit)))
        }
    }

    private func cornerCandidates(_ first: [String], _ second: [String]) -> [PlaceCandidate] {
        let firstStreets = streets(matching: first)
        guard !second.isEmpty else {
            return Self.ranked(firstStreets.prefix(2).flatMap { cornersOn($0.street, score: $0.score) })
        }
        let secondStreets = streets(matching: second)
        var candidates: [PlaceCandidate] = []
        for a in firstStreets {
            for b in secondStreets where a.street.key != b.street.key {
                guard let corner = corners[StreetPair(a.street.key, b.street.key)] else { continue }
                candidates.append(
                    PlaceCandidate(
                        kind: .corner, label: "\(a.street.name) / \(b.street.name)", point: corner.point,
                        score: a.score + b.score))
            }
        }
        return Self.ranked(candidates)
    }

    private func cornersOn(_ street: Street, score: Int) -> [PlaceCandidate] {
        (cornersByStreet[street.key] ?? []).map { corner in
            let other = corner.keys.first == street.key ? corner.keys.second : corner.keys.first
            let otherName = self.name(of: other) ?? other
            return PlaceCandidate(
                kind: .corner, label: "\(street.name) / \(otherName)", point: corner.point, score: score)
        }
    }

    private func landmarkCandidates(_ words: [String]) -> [PlaceCandidate] {
        let match = NameMatch(PlaceText.landmarkWords(words))
        return landmarks.indices.compactMap { index in
            match.score(landmarkBytes[index]).map { score in
                let landmark = landmarks[index]
                return PlaceCandidate(
                    kind: landmark.kind == .metro ? .metro : .place, label: landmark.name, point: landmark.point,
                    score: score + (landmark.kind == .metro && words.contains("metro") ? 50 : 0))
            }
        }
    }

    private func name(of key: String) -> String? { namesByKey[key] }

    static func ranked(_ candidates: [PlaceCandidate]) -> [PlaceCandidate] {
        candidates.sorted { $0.score != $1.score ? $0.score > $1.score : $0.label < $1.label }
    }

    static func label(_ point: GeoPoint) -> String {
        "\(rounded(point.latitude)), \(rounded(point.longitude))"
    }

    private static func rounded(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        return "\(scaled)"
    }
}
