import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais reso demand FILE`: calls for service per sector, for planning sectors.
struct ResoCommand: AsyncCommandGroup {
    let help = "Run sector social policing (RÉSO): demand per sector."
    var commands: [String: any AnyAsyncCommand] { ["demand": ResoDemandCommand()] }
}

struct ResoDemandCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A CSV of calls for service with a latitude and a longitude column.")
        var file: String
        @Option(name: "latitude-column", help: "The latitude column's name (default latitude).")
        var latitudeColumn: String?
        @Option(name: "longitude-column", help: "The longitude column's name (default longitude).")
        var longitudeColumn: String?
    }

    let help = "Count calls for service by the sector holding each point (for planning sectors); nothing is stored."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(["\(signature.file): cannot be read"])
        }
        let snapshot = try await app.relais.reso.book.current(app.store)
        let demand: SectorDemand
        do {
            demand = try SectorDemand.count(
                csv: String(decoding: data, as: UTF8.self), latitudeColumn: signature.latitudeColumn ?? "latitude",
                longitudeColumn: signature.longitudeColumn ?? "longitude"
            ) { snapshot.index.locate($0, level: .sector)?.code }
        } catch .malformed(let line) {
            throw CommandFailure(["\(signature.file): not CSV from line \(line)"])
        } catch .missingColumn(let name) {
            throw CommandFailure(["\(signature.file): no \"\(name)\" column"])
        }
        let total = demand.bySector.values.reduce(0, +)
        context.console.print("sector\tcity\tcalls\tshare")
        for sector in snapshot.directory.sectors {
            let calls = demand.bySector[sector.code] ?? 0
            let share = total > 0 ? String(format: "%.1f %%", Double(calls) * 100 / Double(total)) : "—"
            context.console.print("\(sector.code)\t\(sector.city)\t\(calls)\t\(share)")
        }
        context.console.print(
            "In sectors: \(total); outside every sector: \(demand.outside); unreadable points: "
                + "\(demand.unreadableLines.count)"
                + (demand.unreadableLines.isEmpty
                    ? "." : " (lines \(demand.unreadableLines.prefix(10).map(String.init).joined(separator: ", ")))."))
    }
}
