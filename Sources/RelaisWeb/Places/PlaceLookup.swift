import Foundation
import RelaisCore
import RelaisPersistence

/// The application's place lookup: the catalogue of names in memory, read again when an import (by this process,
/// another instance or `relais addresses import`) has run since; civic numbers from the database.
public actor PlaceLookup {
    /// A candidate with the territory that holds it.
    public struct Suggestion: Sendable, Equatable {
        public let candidate: PlaceCandidate
        public let territory: TerritoryIndex.Match?
    }

    private var catalogue: PlaceCatalogue?
    private var generation = -1
    private var baseMap: (generation: Int, territories: Int, builtAt: ContinuousClock.Instant, tag: String, body: Data)?

    public init() {}

    /// The best places for `text`, at most `limit`, each with its territory (borough).
    public func suggest(_ text: String, limit: Int, store: RelaisStore, territories: TerritoryLookup) async throws
        -> [Suggestion]
    {
        let candidates = try await candidates(text, limit: limit, store: store)
        var suggestions: [Suggestion] = []
        for candidate in candidates {
            let territory = try await territories.locate(candidate.point, level: .borough, store: store)
            suggestions.append(Suggestion(candidate: candidate, territory: territory))
        }
        return suggestions
    }

    /// The best places for `text`, at most `limit`, without their territory.
    public func candidates(_ text: String, limit: Int, store: RelaisStore) async throws -> [PlaceCandidate] {
        let query = PlaceQuery(text)
        if query == .empty { return [] }
        return try await store.places.suggest(query, in: try await current(store), limit: limit)
    }

    /// The base map's entity tag and JSON, built by `make` when places were imported, or territories changed, since.
    public func baseMap(store: RelaisStore, make: @Sendable () async throws -> Data) async throws -> (String, Data) {
        let latest = try await store.places.generation()
        let territories = try await store.territories.all(level: .borough).count
        if let baseMap, baseMap.generation == latest, baseMap.territories == territories,
            ContinuousClock.now - baseMap.builtAt < .seconds(60)
        {
            return (baseMap.tag, baseMap.body)
        }
        let body = try await make()
        let tag = "\"\(latest)-\(territories)-\(body.count)\""
        baseMap = (latest, territories, .now, tag, body)
        return (tag, body)
    }

    /// The catalogue, read again if an import ran since it was.
    private func current(_ store: RelaisStore) async throws -> PlaceCatalogue {
        let latest = try await store.places.generation()
        if let catalogue, latest == generation { return catalogue }
        let fresh = try await store.places.catalogue()
        catalogue = fresh
        generation = latest
        return fresh
    }
}
