import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// The directory as HSDS documents, for the public API and exports.
extension DirectoryStore {

    /// A page of HSDS objects and how many there are in all.
    public struct Page: Sendable {
        public let total: Int
        public let items: [JSONValue]
    }

    /// A service as HSDS's fully nested document, with its organization.
    public func service(id: String) async throws -> JSONValue? {
        guard
            let row = try await sql.raw(
                "\(unsafeRaw: Self.nestedServices) WHERE s.id = \(bind: id)"
            ).first()
        else { return nil }
        return try Self.nested(row)
    }

    /// Services by name, optionally only those matching words, a taxonomy term, an organization or changed since.
    public func services(
        words: [String], termID: String?, organizationID: String?, modifiedAfter: Date?, limit: Int, offset: Int
    ) async throws -> Page {
        var conditions: [SQLQueryString] = ["1 = 1"]
        for word in words { conditions.append("s.search_text LIKE \(bind: "% \(word)%")") }
        if let termID {
            conditions.append(
                """
                s.id IN (SELECT service_id FROM resource_service_documents \
                WHERE document LIKE \(bind: "%\"taxonomy_term_id\":\"\(termID)\"%"))
                """)
        }
        if let organizationID { conditions.append("s.organization_id = \(bind: organizationID)") }
        if let modifiedAfter { conditions.append("s.updated_at > \(bind: modifiedAfter)") }
        let filter = conditions.joined(separator: " AND ")
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM resource_services s WHERE \(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw(
            """
            \(unsafeRaw: Self.nestedServices) WHERE \(filter)
            ORDER BY s.name, s.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return Page(total: total, items: try rows.map(Self.nested))
    }

    /// An organization's HSDS document with its services' ids and names.
    public func organization(id: String) async throws -> JSONValue? {
        guard let row = try await sql.raw("SELECT document FROM resource_organizations WHERE id = \(bind: id)").first()
        else { return nil }
        guard case .object(var members) = try Self.json(row) else { return nil }
        let services = try await sql.raw(
            "SELECT id, name, status FROM resource_services WHERE organization_id = \(bind: id) ORDER BY name"
        ).all()
        members["services"] = .array(
            try services.map { service in
                .object([
                    "id": .string(try service.decode(column: "id", as: String.self)),
                    "name": .string(try service.decode(column: "name", as: String.self)),
                    "status": .string(try service.decode(column: "status", as: String.self)),
                ])
            })
        return .object(members)
    }

    /// Organizations by name, optionally only those whose name has every word.
    public func organizations(words: [String], limit: Int, offset: Int) async throws -> Page {
        try await page(table: "resource_organizations", words: words, limit: limit, offset: offset)
    }

    /// Taxonomies by name.
    public func taxonomies(words: [String], limit: Int, offset: Int) async throws -> Page {
        try await page(table: "resource_taxonomies", words: words, limit: limit, offset: offset)
    }

    /// Taxonomy terms by name, optionally of one taxonomy, of one parent or only the top ones.
    public func taxonomyTerms(
        words: [String], taxonomyID: String?, parentID: String?, topOnly: Bool, limit: Int, offset: Int
    ) async throws -> Page {
        var extra: [SQLQueryString] = []
        if let taxonomyID { extra.append("taxonomy_id = \(bind: taxonomyID)") }
        if let parentID { extra.append("parent_id = \(bind: parentID)") }
        if topOnly { extra.append("parent_id IS NULL") }
        return try await page(
            table: "resource_taxonomy_terms", words: words, extra: extra, limit: limit, offset: offset)
    }

    /// One HSDS object of a table by id.
    public func document(table: Table, id: String) async throws -> JSONValue? {
        try await sql.raw("SELECT document FROM \(unsafeRaw: table.rawValue) WHERE id = \(bind: id)").first()
            .map(Self.json)
    }

    /// The tables that hold plain HSDS documents.
    public enum Table: String, Sendable {
        case taxonomies = "resource_taxonomies"
        case taxonomyTerms = "resource_taxonomy_terms"
    }

    /// Every organization, service (fully nested, with its organization) and taxonomy, for an export.
    public func everything() async throws -> (
        organizations: [JSONValue], services: [JSONValue], taxonomies: [JSONValue], terms: [JSONValue]
    ) {
        let sql = try self.sql
        func documents(_ table: String) async throws -> [JSONValue] {
            try await sql.raw("SELECT document FROM \(unsafeRaw: table) ORDER BY id").all().map(Self.json)
        }
        let services = try await sql.raw(
            """
            \(unsafeRaw: Self.nestedServices) ORDER BY s.id
            """
        ).all().map(Self.nested)
        return (
            try await documents("resource_organizations"), services,
            try await documents("resource_taxonomies"), try await documents("resource_taxonomy_terms")
        )
    }

    func page(
        table: String, words: [String], extra: [SQLQueryString] = [], limit: Int, offset: Int
    ) async throws -> Page {
        let sql = try self.sql
        var conditions: [SQLQueryString] = ["1 = 1"] + extra
        for word in words { conditions.append("LOWER(name) LIKE \(bind: "%\(word)%")") }
        let filter = conditions.joined(separator: " AND ")
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(filter)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw(
            """
            SELECT document FROM \(unsafeRaw: table) WHERE \(filter) ORDER BY name, id
            LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return Page(total: total, items: try rows.map(Self.json))
    }
}
