import Foundation
import RelaisCore
import RelaisPersistence

/// Reads HSDS files and writes them to the directory: all of a file set or nothing, unless asked to keep the good
/// records (`partial`). Relais's needs taxonomy is written with every import.
struct DirectoryImporter {
    let store: RelaisStore

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

    /// Imports a JSON file, or every `.json` file of a folder.
    func importFiles(at path: String, partial: Bool, actor: Actor?) async throws -> Outcome {
        var documents: [(source: String, value: JSONValue)] = []
        var problems: [HSDSProblem] = []
        for file in try Self.files(at: path) {
            let name = URL(fileURLWithPath: file).lastPathComponent
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                documents.append((name, try JSONDecoder().decode(JSONValue.self, from: data)))
            } catch let error as DecodingError {
                problems.append(HSDSProblem(path: name, message: "not valid JSON (\(Self.describe(error)))"))
            }
        }
        return try await importDocuments(documents, problems: problems, partial: partial, actor: actor)
    }

    /// Imports documents already read.
    func importDocuments(
        _ documents: [(source: String, value: JSONValue)], problems earlier: [HSDSProblem] = [], partial: Bool,
        actor: Actor?
    ) async throws -> Outcome {
        var directory = HSDSReader(knownTerms: try await store.directory.terms()).read(
            documents + [("needs", .array([NeedTaxonomy.taxonomy] + NeedTaxonomy.terms))])
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

    private static func files(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(["No such file or folder: \(path)"])
        }
        guard isFolder.boolValue else { return [path] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        let files = names.filter { $0.hasSuffix(".json") && $0 != "datapackage.json" }
        if files.isEmpty {
            throw CommandFailure(["\(path) holds no HSDS JSON file (the tabular CSV form is not read yet)."])
        }
        return files.map { (path as NSString).appendingPathComponent($0) }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                ?? context.debugDescription
        default: String(describing: error)
        }
    }
}
