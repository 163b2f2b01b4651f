/// The JSON API's OpenAPI 3.1 document, assembled from the platform's and each enabled programme's fragment: their
/// paths and component schemas side by side. A path or a schema defined twice, or a reference to a schema no
/// fragment defines, is refused by name: the document a client reads is always whole. A platform enum marked
/// `"x-relais-extends": "<list>"` (the audit log's actions) takes the values each fragment adds under
/// `"x-relais-extensions": {"<list>": […]}`.
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
        var extensions: [String: [JSONValue]] = [:]
        for (_, fragment) in fragments {
            for (list, values) in fragment["x-relais-extensions"]?.object ?? [:] {
                extensions[list, default: []] += values.array ?? []
            }
        }
        document = extended(.object(document), with: extensions).object ?? document
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

    /// `value` with each enum marked `x-relais-extends` lengthened by the values fragments add to its list.
    static func extended(_ value: JSONValue, with extensions: [String: [JSONValue]]) -> JSONValue {
        switch value {
        case .object(var members):
            if let list = members["x-relais-extends"]?.string, let added = extensions[list],
                let values = members["enum"]?.array
            {
                members["enum"] = .array(values + added.filter { !values.contains($0) })
            }
            return .object(members.mapValues { extended($0, with: extensions) })
        case .array(let items): return .array(items.map { extended($0, with: extensions) })
        default: return value
        }
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
