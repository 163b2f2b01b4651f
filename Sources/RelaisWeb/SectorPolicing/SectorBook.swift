import Foundation
import RelaisCore
import RelaisPersistence

/// The sectors and officers in memory, so that "who is my officer?" answers without the database: read again when
/// this process changed an officer or a sector (``invalidate()``), or after 30 seconds (another instance, an
/// import).
actor SectorBook {
    /// One reading of the sectors and officers.
    struct Snapshot: Sendable {
        let directory: SectorDirectory
        let index: TerritoryIndex
        /// Changes with every reading whose content differs: the public pages' entity tag.
        let tag: String
        /// The sectors' boundaries as GeoJSON, for the public map.
        let boundaries: [String: String]
    }

    private var snapshot: Snapshot?
    private var readAt: ContinuousClock.Instant?

    /// The current reading.
    func current(_ store: RelaisStore) async throws -> Snapshot {
        if let snapshot, let readAt, ContinuousClock.now - readAt < .seconds(30) { return snapshot }
        let sectors = try await store.territories.all(level: .sector)
        let officers = try await store.sectorOfficers.all()
        let directory = SectorDirectory(
            sectors: sectors.map { Sector(code: $0.code, name: $0.name, city: $0.parent ?? "") }, officers: officers)
        var hasher = Hasher()
        for sector in sectors {
            hasher.combine(sector.code + sector.name + (sector.parent ?? "") + sector.geometryJSON)
        }
        for officer in officers {
            hasher.combine(officer.id.rawValue)
            hasher.combine(officer.name + officer.cellPhone + (officer.sectorCode ?? ""))
            hasher.combine(officer.languages.map(\.rawValue))
            hasher.combine(officer.coverID?.rawValue)
            hasher.combine(officer.photoVersion)
            hasher.combine(officer.duty.intervals.map { [$0.start, $0.end] })
        }
        let digest = UInt(bitPattern: hasher.finalize())
        let fresh = Snapshot(
            directory: directory, index: try TerritoryIndex(sectors),
            tag: "\"\(digest)\"",
            boundaries: Dictionary(sectors.map { ($0.code, $0.geometryJSON) }) { first, _ in first })
        snapshot = fresh
        readAt = .now
        return fresh
    }

    /// Forgets the reading, so the next one is fresh (after a change made by this process).
    func invalidate() {
        snapshot = nil
    }
}
