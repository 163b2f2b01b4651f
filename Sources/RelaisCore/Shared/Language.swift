/// The languages of the product. French comes first: it is the default everywhere.
public enum Language: String, CaseIterable, Sendable, Codable {
    case french = "fr"
    case english = "en"

    /// The language used when nobody has chosen one.
    public static let `default`: Language = .french

    /// Reads a stored or submitted language code; anything unknown gives nil.
    public init?(code: String) {
        self.init(rawValue: code.lowercased().prefix(2).description)
    }
}
