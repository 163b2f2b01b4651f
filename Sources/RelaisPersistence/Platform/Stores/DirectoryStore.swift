import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// The resource directory: HSDS organizations, services and taxonomies, and the search workers use on scene.
public struct DirectoryStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    static func translationsText(_ translations: ResourceTranslations) -> String {
        String(decoding: (try? JSONEncoder().encode(translations)) ?? Data(), as: UTF8.self)
    }

    static func translations(_ text: String) -> ResourceTranslations {
        (try? JSONDecoder().decode(ResourceTranslations.self, from: Data(text.utf8))) ?? ResourceTranslations()
    }

    static func text(_ value: JSONValue) -> String {
        JSONText.write(value)
    }

    static func json(_ row: any SQLRow) throws -> JSONValue {
        try JSONText.parse(try row.decode(column: "document", as: String.self).utf8)
    }

    /// Services' documents with their organizations', read by ``nested(_:)``.
    static let nestedServices = """
        SELECT d.document, o.document AS organization FROM resource_services s
        JOIN resource_service_documents d ON d.service_id = s.id
        JOIN resource_organizations o ON o.id = s.organization_id
        """

    /// A service's document with its organization's one-to-one fields nested, as HSDS publishes it.
    static func nested(_ row: any SQLRow) throws -> JSONValue {
        guard case .object(var members) = try json(row) else { return .null }
        let organization = try JSONText.parse(try row.decode(column: "organization", as: String.self).utf8)
        members["organization"] = .object((organization.object ?? [:]).filter { $0.value.array == nil })
        return .object(members)
    }

    static func spaced(_ words: [String]) -> String { " " + words.sorted().joined(separator: " ") + " " }

    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}

extension Array {
    /// The array cut into pieces of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
