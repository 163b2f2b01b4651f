import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais committees stations FILE`: imports the neighbourhood stations committees meet in.
struct CommitteesCommand: AsyncCommandGroup {
    let help = "Run the partnership committees: the neighbourhood stations they meet in."
    var commands: [String: any AnyAsyncCommand] { ["stations": StationsImportCommand()] }
}

struct StationsImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The police service's stations (GeoJSON points, as the SPVM publishes them).")
        var file: String
    }

    let help = "Replace the neighbourhood stations with those of a GeoJSON file (the SPVM's postes de quartier)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(["\(signature.file): cannot be read"])
        }
        let stations: [Station]
        do {
            stations = try StationFile.parse(data)
        } catch {
            throw CommandFailure(["\(signature.file): \(error.reason)"])
        }
        try await app.store.committees.replaceStations(stations)
        context.console.print("\(stations.count) stations imported.")
    }
}
