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
        try await record.save(on: database)
    }

    /// The territories of a level, by name.
    public func all(level: Territory.Level) async throws -> [Territory] {
        try await TerritoryRecord.query(on: database).filter(\.$level == level.rawValue).sort(\.$name).all().map {
            Territory(
                level: Territory.Level(rawValue: $0.level) ?? level, code: $0.code, name: $0.name,
                geometryJSON: $0.geometry, served: $0.served)
        }
    }
}
