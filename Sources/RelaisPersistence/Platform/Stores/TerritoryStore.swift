import Fluent
import Foundation
import RelaisCore

/// Territories (boroughs, cities, sectors) and whether the deployment serves them.
public struct TerritoryStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// Adds or replaces the territory with this level and code.
    public func save(_ territory: Territory) async throws {
        let existing = try await TerritoryRecord.query(on: database)
            .filter(\.$level == territory.level.rawValue).filter(\.$code == territory.code).first()
        let record = existing ?? TerritoryRecord()
        if existing == nil { record.id = UUID() }
        record.level = territory.level.rawValue
        record.code = territory.code
        record.name = territory.name
        record.geometry = territory.geometryJSON
        record.served = territory.served
        record.parent = territory.parent
        try await record.save(on: database)
    }

    /// Marks exactly `codes` as served among the territories of `level`; returns the codes that matched none.
    @discardableResult
    public func setServed(_ codes: Set<String>, level: Territory.Level) async throws -> Set<String> {
        let known = Set(try await TerritoryRecord.query(on: database).filter(\.$level == level.rawValue).all(\.$code))
        try await TerritoryRecord.query(on: database).filter(\.$level == level.rawValue)
            .set(\.$served, to: false).update()
        let served = codes.intersection(known)
        if !served.isEmpty {
            try await TerritoryRecord.query(on: database).filter(\.$level == level.rawValue)
                .filter(\.$code ~~ Array(served)).set(\.$served, to: true).update()
        }
        return codes.subtracting(known)
    }

    /// Every territory, of every level.
    public func all() async throws -> [Territory] {
        try await TerritoryRecord.query(on: database).sort(\.$level).sort(\.$name).all().map(Self.territory)
    }

    /// The territories of a level, by name.
    public func all(level: Territory.Level) async throws -> [Territory] {
        try await TerritoryRecord.query(on: database).filter(\.$level == level.rawValue).sort(\.$name).all()
            .map(Self.territory)
    }

    private static func territory(_ record: TerritoryRecord) -> Territory {
        Territory(
            level: Territory.Level(rawValue: record.level) ?? .borough, code: record.code, name: record.name,
            geometryJSON: record.geometry, served: record.served,
            parent: record.parent)
    }
}
