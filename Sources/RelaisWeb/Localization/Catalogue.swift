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

    /// Loads `fr.json` and `en.json` from a folder.
    /// - Throws: when a file is missing or is not a flat JSON object of strings.
    public static func load(from directory: String) throws -> Catalogue {
        var entries: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue).json")
            entries[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
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
