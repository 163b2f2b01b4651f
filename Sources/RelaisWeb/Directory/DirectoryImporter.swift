import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Reads HSDS files and writes them to the directory: all of a file set or nothing, unless asked to keep the good
/// records (`partial`). Relais's needs taxonomy is written with every import.
struct DirectoryImporter {
    let store: RelaisStore
    /// The HSDS tabular package descriptor shipped in `Resources/HSDS`, for CSV folders that come without one.
    let datapackagePath: String

    init(_ application: Application) {
        store = application.store
        datapackagePath = application.directory.resourcesDirectory + "HSDS/datapackage.json"
    }

    /// What an import did: what it wrote and what it left out.
    struct Outcome {
        let count: DirectoryStore.ImportCount
        let problems: [HSDSProblem]
        let notes: [HSDSProblem]
    }

    /// The import failed: each problem, nothing written.
    struct Rejected: Error {
        let problems: [HSDSProblem]
    }

    /// Imports a JSON file, every `.json` file of a folder, or a folder of HSDS CSV tables (the tabular form).
    func importFiles(at path: String, partial: Bool, actor: Actor?) async throws -> Outcome {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(["No such file or folder: \(path)"])
        }
        let names = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(atPath: path).sorted() : []
        if names.contains(where: { $0.hasSuffix(".csv") }) {
            return try await importTables(in: path, partial: partial, actor: actor)
        }
        var documents: [(source: String, value: JSONValue)] = []
        var problems: [HSDSProblem] = []
        let files =
            isFolder.boolValue
            ? names.filter { $0.hasSuffix(".json") && $0 != "datapackage.json" }.map {
                (path as NSString).appendingPathComponent($0)
            } : [path]
        if files.isEmpty { throw CommandFailure(["\(path) holds no HSDS JSON or CSV file."]) }
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                documents.append((name, try JSONText.parse(data)))
            } catch let error as JSONText.Malformed {
                problems.append(HSDSProblem(path: name, message: "not valid JSON (\(error))"))
            }
        }
        return try await importDocuments(documents, problems: problems, partial: partial, actor: actor)
    }

    /// Imports a Tabular Data Package: its `datapackage.json` (or HSDS's own) names the tables and their columns.
    func importTables(in folder: String, partial: Bool, actor: Actor?) async throws -> Outcome {
        let own = (folder as NSString).appendingPathComponent("datapackage.json")
        let descriptor = FileManager.default.fileExists(atPath: own) ? own : datapackagePath
        let tabular = HSDSTabular(
            datapackage: try JSONText.parse(Data(contentsOf: URL(fileURLWithPath: descriptor))))
        var files: [String: [CSV.Record]] = [:]
        var problems: [HSDSProblem] = []
        for table in tabular.tables {
            let file = (folder as NSString).appendingPathComponent(table.path)
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            do {
                files[table.path] = try CSV.parse(String(decoding: data, as: UTF8.self))
            } catch {
                problems.append(HSDSProblem(path: "\(table.path):\(error.line)", message: error.message))
            }
        }
        let nested = tabular.nest(files)
        return try await importDocuments(
            nested.documents, kinds: nested.kinds, problems: problems + nested.problems, partial: partial, actor: actor)
    }

    /// Imports documents already read.
    func importDocuments(
        _ documents: [(source: String, value: JSONValue)], kinds: [HSDSReader.Kind?] = [],
        problems earlier: [HSDSProblem] = [], partial: Bool, actor: Actor?
    ) async throws -> Outcome {
        let needs: [(source: String, value: JSONValue)] = [
            ("needs taxonomy", .array([NeedTaxonomy.taxonomy] + NeedTaxonomy.terms))
        ]
        var directory = HSDSReader(knownTerms: try await store.directory.terms()).read(
            documents + needs, kinds: kinds + Array(repeating: nil, count: documents.count - kinds.count + 1))
        directory.problems.insert(contentsOf: earlier, at: 0)
        let unknown = try await store.directory.unknownOrganizations(
            Set(directory.services.map(\.organizationID)).subtracting(directory.organizations.map(\.id)))
        if !unknown.isEmpty {
            for service in directory.services where unknown.contains(service.organizationID) {
                directory.problems.append(
                    HSDSProblem(
                        path: "service \(service.id)",
                        message: "organization \(service.organizationID) is neither in the files nor in the directory"))
            }
            directory.services.removeAll { unknown.contains($0.organizationID) }
        }
        if !directory.problems.isEmpty, !partial { throw Rejected(problems: directory.problems) }
        let count = try await store.directory.save(directory, by: actor)
        return Outcome(count: count, problems: directory.problems, notes: directory.notes)
    }
}
