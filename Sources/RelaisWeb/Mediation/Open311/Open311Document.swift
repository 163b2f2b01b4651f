import Foundation
import Vapor

/// A GeoReport v2 response, written once and rendered as XML or as JSON by the Spark convention (the mapping the
/// specification uses: a list element becomes an array, its items' element name disappears).
indirect enum Open311Value: Sendable {
    case text(String?)
    case number(Double?)
    case integer(Int?)
    case bool(Bool)
    /// Named fields, in order.
    case object([(String, Open311Value)])
    /// Repeated `element`s.
    case list(element: String, [Open311Value])

    /// The JSON value.
    var json: Any {
        switch self {
        case .text(let text): text.map { $0 as Any } ?? NSNull()
        case .number(let number): number.map { $0 as Any } ?? NSNull()
        case .integer(let integer): integer.map { $0 as Any } ?? NSNull()
        case .bool(let flag): flag
        case .object(let fields): Dictionary(fields.map { ($0.0, $0.1.json) }, uniquingKeysWith: { first, _ in first })
        case .list(_, let items): items.map(\.json)
        }
    }

    /// The XML content of an element holding this value.
    func xml(indent: String) -> String {
        switch self {
        case .text(let text): text.map(Self.escape) ?? ""
        case .number(let number): number.map { String($0) } ?? ""
        case .integer(let integer): integer.map(String.init) ?? ""
        case .bool(let flag): flag ? "true" : "false"
        case .object(let fields):
            "\n" + fields.map { Self.element($0.0, $0.1, indent: indent + "  ") }.joined() + indent
        case .list(let element, let items):
            "\n" + items.map { Self.element(element, $0, indent: indent + "  ") }.joined() + indent
        }
    }

    static func element(_ name: String, _ value: Open311Value, indent: String) -> String {
        "\(indent)<\(name)>\(value.xml(indent: indent))</\(name)>\n"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\u{9}", "\u{A}", "\u{D}": escaped.unicodeScalars.append(character)
            case _ where character.value < 0x20: break  // not allowed in XML 1.0
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

/// The two formats of GeoReport v2, chosen by the resource's extension (`services.xml`, `services.json`).
enum Open311Format: String, Sendable {
    case json
    case xml

    /// Splits `name.format` into the name and its format.
    static func split(_ component: String) -> (name: String, format: Open311Format)? {
        guard let dot = component.lastIndex(of: "."),
            let format = Open311Format(rawValue: String(component[component.index(after: dot)...]).lowercased())
        else { return nil }
        return (String(component[..<dot]), format)
    }

    /// The format of a request's path (`.xml` or `.json` at the end), JSON when it has none.
    static func of(path: String) -> Open311Format {
        path.lowercased().hasSuffix(".xml") ? .xml : .json
    }

    /// A response with `root` holding `value`, in this format, UTF-8.
    func response(root: String, _ value: Open311Value, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status)
        switch self {
        case .json:
            let data =
                (try? JSONSerialization.data(
                    withJSONObject: value.json, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data("[]".utf8)
            response.body = .init(data: data)
            response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        case .xml:
            let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + Open311Value.element(root, value, indent: "")
            response.body = .init(string: text)
            response.headers.replaceOrAdd(name: .contentType, value: "text/xml; charset=utf-8")
        }
        return response
    }
}
