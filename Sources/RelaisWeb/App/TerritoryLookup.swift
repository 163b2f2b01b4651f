import RelaisCore
import RelaisPersistence

/// The application's point → territory index, built from the database on first use and rebuilt when it is
/// older than a minute, so that an import by `relais territories import` reaches running instances.
public actor TerritoryLookup {
    private var index: TerritoryIndex?
    private var builtAt: ContinuousClock.Instant?
    private let maximumAge: Duration

    public init(maximumAge: Duration = .seconds(60)) {
        self.maximumAge = maximumAge
    }

    /// The territory of `level` containing `point`, if any.
    public func locate(_ point: GeoPoint, level: Territory.Level, store: RelaisStore) async throws
        -> TerritoryIndex.Match?
    {
        try await current(store).locate(point, level: level)
    }

    /// Forgets the index, so the next lookup rebuilds it (after a change made by this process).
    public func invalidate() {
        index = nil
    }

    private func current(_ store: RelaisStore) async throws -> TerritoryIndex {
        if let index, let builtAt, ContinuousClock.now - builtAt < maximumAge { return index }
        let fresh = try TerritoryIndex(try await store.territories.all())
        index = fresh
        builtAt = .now
        return fresh
    }
}
