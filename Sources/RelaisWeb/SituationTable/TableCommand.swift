import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais table taxonomy import|export` and `relais table purge`: the risk factors' list as data, and the
/// retention job run at once.
struct TableCommand: AsyncCommandGroup {
    let help = "Run the situation table: its risk taxonomy and the identities' retention."
    var commands: [String: any AnyAsyncCommand] {
        ["taxonomy": TaxonomyCommand(), "purge": PurgeCommand(), "recount": RecountCommand()]
    }
}

struct TaxonomyCommand: AsyncCommandGroup {
    let help = "Import or export the risk taxonomy (CSV or JSON)."
    var commands: [String: any AnyAsyncCommand] {
        ["import": ImportTaxonomyCommand(), "export": ExportTaxonomyCommand()]
    }
}

struct ImportTaxonomyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help:
                "A CSV with category_code,category_fr,category_en,factor_code,factor_fr,factor_en, or the JSON export.")
        var file: String
        @Option(name: "version", help: "A name for this version (letters, digits, - _ .), for example rtd-2024.")
        var version: String?
    }

    let help = "Make a taxonomy the one in use; nothing changes if any line is wrong."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let data = FileManager.default.contents(atPath: signature.file), data.count <= 5_000_000 else {
            throw CommandFailure(["\(signature.file): cannot be read (or larger than 5 MB)"])
        }
        let version =
            signature.version ?? URL(fileURLWithPath: signature.file).deletingPathExtension().lastPathComponent
        let catalogue = app.relais.catalogue
        let language = app.relais.config.defaultLanguage
        let taxonomy: RiskTaxonomy
        do {
            taxonomy =
                signature.file.lowercased().hasSuffix(".json")
                ? try RiskTaxonomy.parse(json: data, version: version)
                : try RiskTaxonomy.parse(csv: String(decoding: data, as: UTF8.self), version: version)
        } catch {
            throw CommandFailure(error.problems.map { "\($0.field): \(catalogue.text($0.messageKey, language))" })
        }
        let store = app.store
        do {
            try await store.transaction { tx in
                try await tx.riskTaxonomies.importTaxonomy(taxonomy)
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .riskTaxonomyImported, resourceType: .riskTaxonomy,
                        resourceID: taxonomy.version, purpose: "\(taxonomy.categories.count) categories"))
            }
        } catch StoreError.duplicate {
            throw CommandFailure(["version \(taxonomy.version) was imported before: give another --version"])
        }
        let factors = taxonomy.categories.reduce(0) { $0 + $1.factors.count }
        context.console.print(
            "\(taxonomy.version): \(taxonomy.categories.count) categories, \(factors) factors, in use")
    }
}

struct ExportTaxonomyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "format", help: "csv (default) or json.")
        var format: String?
    }

    let help = "Print the taxonomy in use."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let taxonomy = try await app.store.riskTaxonomies.current()
        switch signature.format ?? "csv" {
        case "csv": context.console.output(taxonomy.csv().consoleText(), newLine: false)
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.console.print(String(decoding: try encoder.encode(taxonomy), as: UTF8.self))
        default: throw CommandFailure(["--format must be csv or json"])
        }
    }
}

struct PurgeCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "Destroy now the identities of situations concluded longer ago than the retention period."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let count = try await TableUpkeep(
            store: app.store, settings: app.relais.table.settings, timeZone: app.relais.config.timeZone
        ).destroyDueIdentities()
        context.console.print("\(count) identities destroyed")
    }
}

struct RecountCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "Count the trends again from the situations (after writing situations outside Relais)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        try await app.store.situations.recount()
        context.console.print("trends counted again")
    }
}
