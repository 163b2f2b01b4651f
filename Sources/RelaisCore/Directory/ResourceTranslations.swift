/// A resource's name and description in other languages, in Relais's extension of HSDS: a `translations` property
/// on a service, `{"en": {"name": "…", "description": "…"}}`. HSDS 3.0 has no property for translations and allows
/// a publication its own where none fits; the document keeps it, so it round-trips.
public struct ResourceTranslations: Sendable, Equatable, Codable {
    /// One language's text.
    public struct Text: Sendable, Equatable, Codable {
        public let name: String?
        public let description: String?
    }

    /// By lower-case ISO 639-1 code.
    public let byLanguage: [String: Text]

    public init(byLanguage: [String: Text] = [:]) {
        self.byLanguage = byLanguage
    }

    /// Reads `translations`; each malformed entry is a problem at its path (`….translations.en.name`).
    public init(_ value: JSONValue?, path: String, problems: inout [HSDSProblem]) {
        guard let value else {
            self.init()
            return
        }
        guard let languages = value.object else {
            problems.append(HSDSProblem(path: path, message: "must be an object of languages"))
            self.init()
            return
        }
        var read: [String: Text] = [:]
        for (code, entry) in languages {
            let at = "\(path).\(code)"
            guard code.count == 2, code.allSatisfy({ $0.isLetter && $0.isLowercase }), let fields = entry.object else {
                problems.append(
                    HSDSProblem(path: at, message: "must be a two-letter language with name and description"))
                continue
            }
            var text: [String: String] = [:]
            for field in ["name", "description"] {
                guard let member = fields[field] else { continue }
                guard let string = member.string else {
                    problems.append(HSDSProblem(path: "\(at).\(field)", message: "must be text"))
                    continue
                }
                text[field] = string
            }
            read[code] = Text(name: text["name"], description: text["description"])
        }
        self.init(byLanguage: read)
    }

    /// Every translated text, for search.
    public var words: [String] {
        byLanguage.keys.sorted().flatMap { [byLanguage[$0]?.name, byLanguage[$0]?.description].compactMap { $0 } }
    }

    /// The name in `language`, if translated.
    public func name(in language: Language) -> String? { byLanguage[language.rawValue]?.name }

    /// The description in `language`, if translated.
    public func description(in language: Language) -> String? { byLanguage[language.rawValue]?.description }
}
