/// The JSON API's OpenAPI 3.1 document, assembled from the platform's and each enabled programme's fragment: their
/// paths and component schemas side by side. A path or a schema defined twice, or a reference to a schema no
/// fragment defines, is refused by name: the document a client reads is always whole.
public enum OpenAPIDocument {
    /// Why the fragments do not make one document.
    public struct Conflict: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String

        public init(message: String) {
            self.message = message
        }

        public var description: String { message }
    }

    /// The platform's document with every fragment's paths and schemas added.
    /// - Parameter fragments: each programme's name and fragment (`paths`, `components.schemas`).
    /// - Throws: ``Conflict`` naming the duplicate path or schema, or the missing schema.
    public static func merge(platform: JSONValue, fragments: [(name: String, fragment: JSONValue)]) throws(Conflict)
        -> JSONValue
    {
        guard var document = platform.object else { throw Conflict(message: "the platform document is not an object") }
        var paths = document["paths"]?.object ?? [:]
        var components = document["components"]?.object ?? [:]
        var schemas = components["schemas"]?.object ?? [:]
        for (name, fragment) in fragments {
            for (path, operations) in fragment["paths"]?.object ?? [:] {
                guard paths[path] == nil else { throw Conflict(message: "\(name) describes \(path) again") }
                paths[path] = operations
            }
            for (schema, definition) in fragment["components"]?["schemas"]?.object ?? [:] {
                guard schemas[schema] == nil else {
                    throw Conflict(message: "\(name) defines the schema \(schema) again")
                }
                schemas[schema] = definition
            }
        }
        components["schemas"] = .object(schemas)
        document["paths"] = .object(paths)
        document["components"] = .object(components)
        let merged = JSONValue.object(document)
        if let missing = references(in: merged).first(where: { schemas[$0] == nil }) {
            throw Conflict(message: "#/components/schemas/\(missing) is referred to but not defined")
        }
        return merged
    }

    /// Every schema name referred to as `#/components/schemas/…`, sorted.
    static func references(in value: JSONValue) -> [String] {
        var found: Set<String> = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key == "$ref", let target = member.string, target.hasPrefix(prefix) {
                        found.insert(String(target.dropFirst(prefix.count)))
                    } else {
                        walk(member)
                    }
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(value)
        return found.sorted()
    }

    private static let prefix = "#/components/schemas/"
}
