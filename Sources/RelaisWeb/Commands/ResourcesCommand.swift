import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais resources import|import-montreal|export|link`: the resource directory in and out as HSDS 3.0, and which
/// organisation taking part looks after a directory organization's services.
struct ResourcesCommand: AsyncCommandGroup {
    let help = "Manage the resource directory (Open Referral HSDS 3.0)."
    var commands: [String: any AnyAsyncCommand] {
        [
            "import": ImportResourcesCommand(), "import-montreal": ImportMontrealCommand(),
            "export": ExportResourcesCommand(), "link": LinkResourcesCommand(),
        ]
    }
}

struct ImportResourcesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "path", help: "An HSDS JSON file, or a folder of them.")
        var path: String
        @Flag(name: "partial", help: "Import the good records even if others are bad.")
        var partial: Bool
    }

    let help = "Import HSDS 3.0 JSON; on any bad record nothing is imported unless --partial is given."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let importer = DirectoryImporter(context.application)
        try await report(
            { try await importer.importFiles(at: signature.path, partial: signature.partial, actor: nil) },
            on: context.console)
    }
}

struct ImportMontrealCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The Ville de Montréal's Lieux d'intérêt GeoJSON.")
        var file: String
    }

    let help =
        "Import community organisations, CLSCs, hospitals, clinics, police stations and courts from Montréal's "
        + "Lieux d'intérêt."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let data = try Data(contentsOf: URL(fileURLWithPath: signature.file))
        let organizations = MontrealPlaces.organizations(from: try JSONText.parse(data))
        let importer = DirectoryImporter(context.application)
        try await report(
            {
                try await importer.importDocuments(
                    [(signature.file, .array(organizations))], partial: false, actor: nil)
            },
            on: context.console)
    }
}

/// Prints what an import wrote and what it left out, or fails with every problem when it wrote nothing.
private func report(_ run: () async throws -> DirectoryImporter.Outcome, on console: any Console) async throws {
    let outcome: DirectoryImporter.Outcome
    do {
        outcome = try await run()
    } catch let rejected as DirectoryImporter.Rejected {
        throw CommandFailure(
            rejected.problems.map(\.description) + ["Nothing was imported (use --partial to import the good records)."])
    }
    for note in outcome.notes { console.warning("note: \(note)") }
    for problem in outcome.problems { console.warning("skipped: \(problem)") }
    console.print(
        "Imported \(outcome.count.organizations) organizations, \(outcome.count.services) services, "
            + "\(outcome.count.taxonomyTerms) taxonomy terms.")
}

struct ExportResourcesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "format", help: "json (the only format written so far).")
        var format: String?
        @Argument(
            name: "folder",
            help: "Where to write services.json, organizations.json, taxonomies.json and "
                + "taxonomy_terms.json.")
        var folder: String
    }

    let help = "Export the directory as HSDS 3.0: JSON (fully nested services, organizations, taxonomies) or CSV."

    func run(using context: CommandContext, signature: Signature) async throws {
        let format = signature.format ?? "json"
        guard ["json", "csv"].contains(format) else { throw CommandFailure(["--format must be json or csv."]) }
        try await context.application.autoMigrate()
        let directory = context.application.store.directory
        let everything = try await directory.everything()
        let services = everything.services
        try FileManager.default.createDirectory(atPath: signature.folder, withIntermediateDirectories: true)
        if format == "csv" {
            try writeTables(everything, to: signature.folder, application: context.application)
            context.console.print(
                "Exported \(everything.organizations.count) organizations, \(services.count) services as CSV tables "
                    + "to \(signature.folder).")
            return
        }
        for (name, items) in [
            ("services", services), ("organizations", everything.organizations),
            ("taxonomies", everything.taxonomies), ("taxonomy_terms", everything.terms),
        ] {
            let url = URL(fileURLWithPath: signature.folder).appendingPathComponent("\(name).json")
            try Data(JSONText.write(.array(items)).utf8).write(to: url)
        }
        context.console.print(
            "Exported \(everything.organizations.count) organizations, \(services.count) services, "
                + "\(everything.terms.count) taxonomy terms to \(signature.folder).")
    }
}

/// Writes HSDS's tabular form: one CSV per table of the package descriptor, and the descriptor.
private func writeTables(
    _ everything: (organizations: [JSONValue], services: [JSONValue], taxonomies: [JSONValue], terms: [JSONValue]),
    to folder: String, application: Application
) throws {
    let descriptor = URL(fileURLWithPath: application.directory.resourcesDirectory + "HSDS/datapackage.json")
    let data = try Data(contentsOf: descriptor)
    let tabular = HSDSTabular(datapackage: try JSONText.parse(data))
    let objects =
        everything.taxonomies.map { ("taxonomy", $0) } + everything.terms.map { ("taxonomy_term", $0) }
        + everything.organizations.map { ("organization", $0) } + everything.services.map { ("service", $0) }
    for (path, rows) in tabular.flatten(objects) {
        try Data(CSV.write(rows).utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(path))
    }
    try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent("datapackage.json"))
}

struct LinkResourcesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "organisation", help: "The name of an organisation taking part.")
        var organisation: String
        @Argument(name: "hsds-organization", help: "The id of a directory (HSDS) organization, or - for none.")
        var resourceOrganization: String
    }

    let help = "Let an organisation's staff update the capacity and hours of a directory organization's services."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let store = context.application.store
        guard let organisation = try await store.accounts.organisation(named: signature.organisation) else {
            throw CommandFailure(["No organisation is named \(signature.organisation)."])
        }
        let target = signature.resourceOrganization == "-" ? nil : signature.resourceOrganization
        if let target, try await store.directory.unknownOrganizations([target]).contains(target) {
            throw CommandFailure(["The directory has no organization \(target)."])
        }
        try await store.directory.link(organisation.id, to: target, by: nil)
        context.console.print(
            target.map { "\(organisation.name) now looks after the services of \($0)." }
                ?? "\(organisation.name) looks after no directory organization.")
    }
}
