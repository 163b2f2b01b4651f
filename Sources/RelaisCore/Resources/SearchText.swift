import Foundation

/// Text as search compares it: lower case, without accents, words separated by single spaces, so that
/// "hebergement" finds "Hébergement" on both engines.
public enum SearchText {
    /// Folds text for indexing and matching.
    public static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The folded words of a text, in order.
    public static func words(_ text: String) -> [String] {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }
}
