import Foundation

/// Text as search compares it: lower case, without accents, words separated by single spaces, so that
/// "hebergement" finds "Hébergement" on both engines.
public enum SearchText {
    /// Folds text for indexing and matching.
    public static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The folded words of a text, in order. ASCII is folded in place; other characters through a table built
    /// once for the Latin letters, and through Foundation for the rest.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: word.append(Unicode.Scalar(UInt8(value + 0x20)))
                case 0x61...0x7A, 0x30...0x39: word.append(scalar)
                default: endWord()
                }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // a combining accent
            } else if let folded = Int(value) < latin.count ? latin[Int(value)] : fold(scalar) {
                word.append(contentsOf: folded.unicodeScalars)
            } else {
                endWord()
            }
        }
        endWord()
        return words
    }

    /// The folded form of each scalar below U+0250 (Latin-1 and the Latin extensions), nil for separators.
    private static let latin: [String?] = (0..<0x250).map { value in
        Unicode.Scalar(UInt32(value)).flatMap(fold)
    }

    private static func fold(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        let folded = String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        return folded.isEmpty ? nil : String(String.UnicodeScalarView(folded))
    }
}
