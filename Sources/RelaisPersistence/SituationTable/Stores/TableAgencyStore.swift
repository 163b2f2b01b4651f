import Foundation
import RelaisCore
import SQLKit

/// The situation table's agencies: organisations with a sector and the date they signed the agreement.
public struct TableAgencyStore: Sendable {
    let store: RelaisStore
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Every agency of the table, by name.
    public func all() async throws -> [TableAgency] {
        try await sql.select().column(SQLColumn("organisation_id", table: "a")).column(SQLColumn("name", table: "o"))
            .column(SQLColumn("sector", table: "a")).column(SQLColumn("agreement_signed_on", table: "a"))
            .from(SQLAlias(SQLIdentifier("table_agencies"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), on: SQLColumn("id", table: "o"),
                .equal, SQLColumn("organisation_id", table: "a")
            )
            .orderBy(SQLColumn("name", table: "o")).all()
            .map { row in
                TableAgency(
                    organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                    name: try row.decode(column: "name", as: String.self),
                    sector: AgencySector(rawValue: try row.decode(column: "sector", as: String.self)) ?? .other,
                    agreementSignedOn: try row.decode(column: "agreement_signed_on", as: Date?.self))
            }
    }

    /// The agencies by organisation.
    public func byOrganisation() async throws -> [Organisation.ID: TableAgency] {
        Dictionary(uniqueKeysWithValues: try await all().map { ($0.organisationID, $0) })
    }

    /// Adds an organisation to the table, or changes its sector and agreement.
    public func save(_ organisationID: Organisation.ID, sector: AgencySector, agreementSignedOn: Date?) async throws {
        let updated = try await sql.update("table_agencies").set("sector", to: sector.rawValue)
            .set("agreement_signed_on", to: agreementSignedOn).set("updated_at", to: store.now)
            .where("organisation_id", .equal, organisationID.rawValue).returning("organisation_id").all()
        guard updated.isEmpty else { return }
        do {
            try await store.insert(
                into: "table_agencies",
                [
                    ("organisation_id", .uuid(organisationID.rawValue)), ("sector", .text(sector.rawValue)),
                    ("agreement_signed_on", .date(agreementSignedOn)), ("updated_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.missingReference(field: "organisation")
        }
    }
}

/// The risk taxonomy's versions; the latest imported is the one in use, Relais's default until one is.
public struct RiskTaxonomyStore: Sendable {
    let store: RelaisStore

    /// The taxonomy in use.
    public func current() async throws -> RiskTaxonomy {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        guard
            let row = try await sql.select().column("document").from("risk_taxonomies")
                .orderBy("imported_at", .descending).limit(1).first()
        else { return .relaisDefault }
        return try JSONDecoder().decode(
            RiskTaxonomy.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    /// Makes `taxonomy` the one in use.
    /// - Throws: ``StoreError/duplicate(field:)`` when its version was imported before.
    public func importTaxonomy(_ taxonomy: RiskTaxonomy) async throws {
        let document = String(decoding: try JSONEncoder().encode(taxonomy), as: UTF8.self)
        do {
            try await store.insert(
                into: "risk_taxonomies",
                [
                    ("version", .text(taxonomy.version)), ("imported_at", .date(store.now)),
                    ("document", .text(document)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "version")
        }
    }
}
