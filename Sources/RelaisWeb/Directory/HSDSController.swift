import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The Open Referral HSDS 3.0 read API under `/hsds` for partner systems: the directory describes public services,
/// so it is public, like a city's open data; capacity and referrals stay in the staff API.
struct HSDSController {
    static let defaultPageSize = 50
    static let maximumPageSize = 500

    func register(on routes: any RoutesBuilder) {
        let hsds = routes.grouped("hsds")
        hsds.on(.GET, access: .public, use: root)
        hsds.on(.GET, "services", access: .public, use: services)
        hsds.on(.GET, "services", ":id", access: .public, use: service)
        hsds.on(.GET, "organizations", access: .public, use: organizations)
        hsds.on(.GET, "organizations", ":id", access: .public, use: organization)
        hsds.on(.GET, "taxonomies", access: .public, use: taxonomies)
        hsds.on(.GET, "taxonomies", ":id", access: .public, use: taxonomy)
        hsds.on(.GET, "taxonomy_terms", access: .public, use: taxonomyTerms)
        hsds.on(.GET, "taxonomy_terms", ":id", access: .public, use: taxonomyTerm)
    }

    @Sendable func root(_ request: Request) async throws -> Response {
        try Self.json(
            .object([
                "version": .string("3.0"), "profile": .string("https://openreferral.org/"),
                "openapi_url": .string(
                    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"),
            ]))
    }

    @Sendable func services(_ request: Request) async throws -> Response {
        let paging = try Self.paging(request)
        let modifiedAfter = try request.query.get(String?.self, at: "modified_after").map { text in
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw Abort(.badRequest, reason: "modified_after must be an ISO 8601 date and time")
            }
            return date
        }
        let page = try await request.store.directory.services(
            words: SearchText.words(try request.query.get(String?.self, at: "search") ?? ""),
            termID: try request.query.get(String?.self, at: "taxonomy_term_id"),
            organizationID: try request.query.get(String?.self, at: "organization_id"), modifiedAfter: modifiedAfter,
            limit: paging.size, offset: paging.offset)
        let full = try request.query.get(Bool?.self, at: "full") ?? false
        let minimal = try request.query.get(Bool?.self, at: "minimal") ?? false
        let items = page.items.map { service -> JSONValue in
            // HSDS describes `minimal` as ids and modification dates, and its schema requires a service's id, name
            // and status in every listing: those, and nothing else.
            if minimal {
                return .object(
                    (service.object ?? [:]).filter { ["id", "name", "status", "last_modified"].contains($0.key) })
            }
            return full ? service : Self.oneToOne(service)
        }
        return try Self.json(Self.page(paging, total: page.total, items: items))
    }

    @Sendable func service(_ request: Request) async throws -> Response {
        guard let service = try await request.store.directory.service(id: request.parameters.get("id") ?? "") else {
            throw Abort(.notFound)
        }
        return try Self.json(service)
    }

    @Sendable func organizations(_ request: Request) async throws -> Response {
        let paging = try Self.paging(request)
        let page = try await request.store.directory.organizations(
            words: SearchText.words(try request.query.get(String?.self, at: "search") ?? ""), limit: paging.size,
            offset: paging.offset)
        let full = try request.query.get(Bool?.self, at: "full") ?? false
        return try Self.json(
            Self.page(paging, total: page.total, items: full ? page.items : page.items.map(Self.oneToOne)))
    }

    @Sendable func organization(_ request: Request) async throws -> Response {
        guard let organization = try await request.store.directory.organization(id: request.parameters.get("id") ?? "")
        else { throw Abort(.notFound) }
        return try Self.json(organization)
    }

    @Sendable func taxonomies(_ request: Request) async throws -> Response {
        let paging = try Self.paging(request)
        let page = try await request.store.directory.taxonomies(
            words: SearchText.words(try request.query.get(String?.self, at: "search") ?? ""), limit: paging.size,
            offset: paging.offset)
        return try Self.json(Self.page(paging, total: page.total, items: page.items))
    }

    @Sendable func taxonomy(_ request: Request) async throws -> Response {
        try await document(request, table: .taxonomies)
    }

    @Sendable func taxonomyTerms(_ request: Request) async throws -> Response {
        let paging = try Self.paging(request)
        let page = try await request.store.directory.taxonomyTerms(
            words: SearchText.words(try request.query.get(String?.self, at: "search") ?? ""),
            taxonomyID: try request.query.get(String?.self, at: "taxonomy_id"),
            parentID: try request.query.get(String?.self, at: "parent_id"),
            topOnly: try request.query.get(Bool?.self, at: "top_only") ?? false, limit: paging.size,
            offset: paging.offset)
        return try Self.json(Self.page(paging, total: page.total, items: page.items))
    }

    @Sendable func taxonomyTerm(_ request: Request) async throws -> Response {
        try await document(request, table: .taxonomyTerms)
    }

    private func document(_ request: Request, table: DirectoryStore.Table) async throws -> Response {
        guard
            let document = try await request.store.directory.document(
                table: table, id: request.parameters.get("id") ?? "")
        else { throw Abort(.notFound) }
        return try Self.json(document)
    }

    /// `page` (from 1) and `per_page` of a listing.
    private static func paging(_ request: Request) throws -> Paging {
        do {
            return try Paging(
                number: try request.query.get(Int?.self, at: "page"),
                size: try request.query.get(Int?.self, at: "per_page"), defaultSize: defaultPageSize,
                maximumSize: maximumPageSize)
        } catch is Paging.Refusal {
            throw Abort(.badRequest, reason: "page must be 1 or more and per_page from 1 to \(maximumPageSize)")
        }
    }

    /// The HSDS API's `Page` around some items.
    static func page(_ paging: Paging, total: Int, items: [JSONValue]) -> JSONValue {
        let pages = paging.pageCount(total: total)
        return .object([
            "total_items": .number(Double(total)), "total_pages": .number(Double(pages)),
            "page_number": .number(Double(paging.number)), "size": .number(Double(items.count)),
            "first_page": .bool(paging.number == 1), "last_page": .bool(paging.number >= pages),
            "empty": .bool(items.isEmpty), "contents": .array(items),
        ])
    }

    /// An object with only its one-to-one fields, as HSDS listings return it.
    static func oneToOne(_ value: JSONValue) -> JSONValue {
        .object((value.object ?? [:]).filter { $0.value.array == nil && $0.value.object == nil })
    }

    static func json(_ value: JSONValue) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: JSONText.write(value)))
    }
}
