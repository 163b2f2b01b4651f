import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais territories import|serve|locate`: boundaries from GeoJSON, which of them the teams serve, and which
/// contains a point.
struct TerritoriesCommand: AsyncCommandGroup {
    let help = "Manage territories (boroughs, cities, sectors)."
    var commands: [String: any AnyAsyncCommand] {
        ["import": ImportTerritoriesCommand(), "serve": ServeTerritoriesCommand(), "locate": LocateCommand()]
    }
}

/// Reads a `--level` option.
private func level(_ text: String?) throws -> Territory.Level {
    guard let level = Territory.Level(rawValue: text ?? "") else {
        throw CommandFailure([
            "--level must be one of: \(Territory.Level.allCases.map(\.rawValue).joined(separator: ", "))"
        ])
    }
    return level
}

/// Reads a comma-separated list of codes.
private func codes(_ text: String?) -> Set<String> {
    Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
}

struct ImportTerritoriesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A GeoJSON FeatureCollection of Polygon or MultiPolygon features.")
        var file: String
        @Option(name: "level", help: "borough or sector.")
        var level: String?
        @Option(name: "code-property", help: "The feature property holding a stable code (default ABREV).")
        var codeProperty: String?
        @Option(name: "name-property", help: "The feature property holding the name (default NOM).")
        var nameProperty: String?
        @Option(name: "served", help: "Comma-separated codes the teams serve, for example VM,SO,PM,MH.")
        var served: String?
        @Option(name: "parent-property", help: "The property naming the area each lies within (a sector's city).")
        var parentProperty: String?
    }

    let help = "Import territories from GeoJSON, adding or replacing them by level and code; nothing on error."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let level = try level(signature.level)
        let served = codes(signature.served)
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(["\(signature.file): cannot be read"])
        }
        let territories: [Territory]
        do {
            territories = try GeoJSONTerritories.read(
                data, level: level, codeProperty: signature.codeProperty ?? "ABREV",
                nameProperty: signature.nameProperty ?? "NOM", served: served,
                parentProperty: signature.parentProperty)
            _ = try TerritoryIndex(territories)
        } catch {
            throw CommandFailure(["\(signature.file): \(Self.describe(error))"])
        }
        let unknown = served.subtracting(territories.map(\.code))
        guard unknown.isEmpty else {
            throw CommandFailure([
                "--served names codes that are not in the file: \(unknown.sorted().joined(separator: ", "))"
            ])
        }
        try await app.store.transaction { tx in
            for territory in territories { try await tx.territories.save(territory) }
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .territoriesImported, resourceType: .territory,
                    resourceID: "\(level.rawValue):\(territories.count)", purpose: "cli"))
        }
        context.console.print(
            "Imported \(territories.count) \(level.rawValue) territories; served: "
                + (served.isEmpty ? "none" : served.sorted().joined(separator: ", ")) + ".")
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case GeoJSONTerritoryError.notAFeatureCollection: "not a GeoJSON FeatureCollection"
        case GeoJSONTerritoryError.featureWithoutGeometry(let index): "feature \(index) has no Polygon or MultiPolygon"
        case GeoJSONTerritoryError.featureWithoutProperty(let index, let property):
            "feature \(index) has no \"\(property)\" property"
        case TerritoryIndex.GeometryError.unreadable(let code): "the geometry of \(code) cannot be read"
        default: "not valid JSON"
        }
    }
}

struct ServeTerritoriesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "codes", help: "Comma-separated codes the teams serve (all others are not served).")
        var codes: String
        @Option(name: "level", help: "borough or sector.")
        var level: String?
    }

    let help = "Set which territories of a level the teams serve."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let level = try level(signature.level)
        let wanted = codes(signature.codes)
        try await app.store.transaction { tx -> Void in
            let unknown = try await tx.territories.setServed(wanted, level: level)
            guard unknown.isEmpty else {
                throw CommandFailure(["unknown codes: \(unknown.sorted().joined(separator: ", "))"])
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .territoriesServedChanged, resourceType: .territory,
                    resourceID: level.rawValue, purpose: wanted.sorted().joined(separator: ",")))
        }
        context.console.print("Served \(level.rawValue) territories: \(wanted.sorted().joined(separator: ", ")).")
    }
}

struct LocateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "point", help: "latitude,longitude in degrees, for example 45.5088,-73.5542.")
        var point: String
        @Option(name: "level", help: "borough (default) or sector.")
        var level: String?
    }

    let help = "Say which territory contains a point, and whether it is served."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let level = try level(signature.level ?? "borough")
        let parts = signature.point.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        let point: GeoPoint
        do {
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
                throw GeoPoint.Problem.latitudeOutOfRange
            }
            point = try GeoPoint(latitude: latitude, longitude: longitude)
        } catch {
            throw CommandFailure(["expected latitude,longitude with latitude −90…90 and longitude −180…180"])
        }
        guard let match = try await app.relais.territories.locate(point, level: level, store: app.store) else {
            throw CommandFailure(["No \(level.rawValue) contains \(signature.point)."])
        }
        context.console.print("\(match.code)\t\(match.name)\t\(match.served ? "served" : "not served")")
    }
}
