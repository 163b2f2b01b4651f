import Foundation
import NIOConcurrencyHelpers
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

/// Counts what one key (a network address, a device) did in a sliding window, in memory: enough to stop a burst
/// from one place without an outside service. Each instance counts its own.
final class RateGate: Sendable {
    private let times = NIOLockedValueBox<[String: [Date]]>([:])
    /// Keys kept at most; past it the oldest window is forgotten whole (a flood of new keys cannot grow memory).
    private let capacity = 20_000

    /// The recent times of `key` within `window` before `now`.
    func recent(_ key: String, window: TimeInterval, now: Date) -> [Date] {
        times.withLockedValue { $0[key]?.filter { $0 > now.addingTimeInterval(-window) } ?? [] }
    }

    /// Records that `key` acted at `now`, forgetting its times older than `window`.
    func record(_ key: String, window: TimeInterval, now: Date) {
        times.withLockedValue { table in
            if table.count >= capacity, table[key] == nil { table.removeAll(keepingCapacity: true) }
            var kept = table[key]?.filter { $0 > now.addingTimeInterval(-window) } ?? []
            kept.append(now)
            table[key] = kept
        }
    }
}
