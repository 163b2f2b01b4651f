import ConsoleKit
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Situation table: the taxonomy's import and export", .tags(.database))
struct TableCommandTests {
    func run(_ command: some AsyncCommand, _ arguments: [String], on app: Application) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["relais"] + arguments))
        context.application = app
        try await command.run(using: &context)
    }

    func file(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + UUID().uuidString + "-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an import becomes the list in use, audited; a bad line or a version imported before changes nothing")
    func importTaxonomy() async throws {
        try await withRelaisApp { app in
            #expect(try await app.store.riskTaxonomies.current() == .relaisDefault)
            let header = RiskTaxonomy.columns.joined(separator: ",")
            let good = try file(
                "\(header)\nhousing,Logement,Housing,housing.homeless,Sans logement,Homeless\n", "rtd.csv")
            try await run(ImportTaxonomyCommand(), [good, "--version", "rtd-2024"], on: app)
            let current = try await app.store.riskTaxonomies.current()
            #expect(current.version == "rtd-2024" && current.factor("housing.homeless") != nil)
            #expect(try await app.store.audit.entries(.init(action: .riskTaxonomyImported)).count == 1)

            let again = try await #require(throws: CommandFailure.self) {
                try await run(ImportTaxonomyCommand(), [good, "--version", "rtd-2024"], on: app)
            }
            #expect(again.description.contains("imported before"))
            let duplicate = try file(
                "\(header)\nhousing,Logement,Housing,housing.a,A,A\nhousing,Logement,Housing,housing.a,B,B\n", "dup.csv"
            )
            let refused = try await #require(throws: CommandFailure.self) {
                try await run(ImportTaxonomyCommand(), [duplicate, "--version", "dup"], on: app)
            }
            #expect(refused.description.contains("line 3") && refused.description.contains("déjà plus haut"))
            #expect(try await app.store.riskTaxonomies.current().version == "rtd-2024")
            // the JSON export of the list in use reads back
            let json = try file(String(decoding: try JSONEncoder().encode(current), as: UTF8.self), "list.json")
            try await run(ImportTaxonomyCommand(), [json, "--version", "rtd-2024b"], on: app)
            #expect(try await app.store.riskTaxonomies.current().categories == current.categories)
        }
    }
}
