import Foundation
import RelaisCore

/// Every string a person reads, in French and English, loaded once from `Resources/Locales/*.json`.
///
/// Values may hold positional placeholders `{0}`, `{1}`… filled by ``text(_:_:_:)``.
public struct Catalogue: Sendable {
    public let entries: [Language: [String: String]]

    public init(entries: [Language: [String: String]]) {
        self.entries = entries
    }

    /// Loads the platform's `fr.json` and `en.json` from a folder, then each programme's from its subfolder
    /// (`mediation/fr.json`…), each file a flat object of strings.
    /// - Throws: when a file is missing or malformed, or when a key is defined in two files (each programme names
    ///   its own keys: none may take another's).
    public static func load(from directory: String, programmes: [String] = []) throws -> Catalogue {
        var entries: [Language: [String: String]] = [:]
        for language in Language.allCases {
            var merged: [String: String] = [:]
            for folder in [""] + programmes.map({ $0 + "/" }) {
                let url = URL(fileURLWithPath: directory).appendingPathComponent("\(folder)\(language.rawValue).json")
                let file = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
                if let taken = file.keys.sorted().first(where: { merged[$0] != nil }) {
                    throw CatalogueConflict(key: taken, file: "\(folder)\(language.rawValue).json")
                }
                merged.merge(file) { first, _ in first }
            }
            entries[language] = merged
        }
        return Catalogue(entries: entries)
    }

    /// The text for `key` in `language`, with placeholders filled; the key itself if it is missing
    /// (a test makes sure none is).
    public func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        var value = entries[language]?[key] ?? entries[.default]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            value = value.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return value
    }
}

/// Two catalogue files define the same key.
public struct CatalogueConflict: Error, CustomStringConvertible {
    public let key: String
    public let file: String

    public var description: String { "\(file) defines \(key), which another catalogue already defines" }
}
