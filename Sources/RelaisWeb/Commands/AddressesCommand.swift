import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais addresses import FILE`: the places address fields look up — civic address points, a GTFS `stops.txt`
/// (metro stations and corners), landmarks and street lines — each file replacing what its source held before.
struct AddressesCommand: AsyncCommandGroup {
    let help = "Manage the places address fields look up (addresses, corners, landmarks, street lines)."
    var commands: [String: any AnyAsyncCommand] {
        ["import": ImportPlacesCommand(), "list": ListPlaceImportsCommand()]
    }
}

struct ImportPlacesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file", help: "A CSV or GeoJSON of address points, a GTFS stops.txt, or GeoJSON points or lines.")
        var file: String
        @Option(name: "kind", help: "addresses, stops, landmarks or streets (default: from the file).")
        var kind: String?
        @Option(
            name: "columns",
            help: "Address columns, e.g. lon=X,lat=Y,number=CIVIQUE,street=RUE (default: OpenAddresses).")
        var columns: String?
        @Option(name: "name-property", help: "The GeoJSON property naming a landmark or a street (default: name).")
        var nameProperty: String?
        @Option(name: "landmark-kind", help: "metro or place (default: place).")
        var landmarkKind: String?
        @Option(name: "source", help: "The name this import replaces (default: the file's name).")
        var source: String?
    }

    let help = "Import places from a file, replacing those of the same source; nothing on error."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(["\(signature.file): cannot be read"])
        }
        let source = signature.source ?? URL(fileURLWithPath: signature.file).lastPathComponent
        let kind: PlaceFileKind
        if let named = signature.kind {
            guard let known = PlaceFileKind(rawValue: named) else {
                throw CommandFailure([
                    "--kind must be one of: \(PlaceFileKind.allCases.map(\.rawValue).joined(separator: ", "))"
                ])
            }
            kind = known
        } else {
            kind = PlaceFileKind.guess(path: signature.file, data: data)
        }
        guard let landmarkKind = Landmark.Kind(rawValue: signature.landmarkKind ?? "place") else {
            throw CommandFailure(["--landmark-kind must be metro or place"])
        }
        let importer = PlaceImporter(
            kind: kind, columns: signature.columns, nameProperty: signature.nameProperty, landmarkKind: landmarkKind)
        let summary: String
        do {
            summary = try await importer.run(data, source: source, store: app.store)
        } catch let error as PlaceFileError {
            throw CommandFailure(["\(signature.file): \(error)"])
        }
        context.console.print("Imported from \(source): \(summary).")
    }
}

struct ListPlaceImportsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "List the place imports, latest first."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        for entry in try await app.store.places.imports() {
            context.console.print("\(entry.importedAt)  \(entry.kind)  \(entry.rows)  \(entry.source)")
        }
    }
}
