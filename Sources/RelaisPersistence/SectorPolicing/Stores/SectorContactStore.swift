import Foundation
import RelaisCore
import SQLKit

/// RÉSO's work log. The place and note are sealed; an officer's log is opened by an audited read.
public struct SectorContactStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    private struct Entry: Codable {
        let place: String
        let note: String
    }

    /// Writes an entry of the log.
    public func record(_ contact: SectorContact) async throws {
        let sealed = store.cipher.seal(
            String(decoding: try JSONEncoder().encode(Entry(place: contact.place, note: contact.note)), as: UTF8.self))
        try await store.insert(
            into: "reso_contacts",
            [
                ("id", .uuid(contact.id.rawValue)), ("organisation_id", .uuid(contact.organisationID.rawValue)),
                ("sector_code", .text(contact.sectorCode)), ("officer_id", .uuid(contact.officerUserID.rawValue)),
                ("kind", .text(contact.kind.rawValue)), ("at", .date(contact.at)),
                ("entry_sealed", .text(sealed)), ("cell", .text(contact.cell?.description)),
                ("problem_id", .uuid(contact.problemID?.rawValue)), ("person_id", .uuid(contact.personID?.rawValue)),
            ])
    }

    /// An officer's entries since `since`, the latest first, opened for `reader` (who is that officer or their
    /// supervisor): one audited read of the log.
    public func log(of officer: User.ID, since: Date, by reader: Reader) async throws -> [SectorContact] {
        try await store.audited(.sectorContact, by: reader, id: { (_: [SectorContact]) in "log:\(officer)" }) { tx in
            let contacts = tx.sectorContacts
            return try await contacts.read(
                try contacts.sql.select().column("*").from("reso_contacts").where(
                    "officer_id", .equal, officer.rawValue
                )
                .where("at", .greaterThanOrEqual, since).orderBy("at", .descending).limit(200))
        } ?? []
    }

    /// Where contacts were, by cell, since `since`, in a service (for the repeat places).
    public func events(organisation: Organisation.ID, since: Date) async throws -> [RepeatPlaces.Event] {
        try await sql.select().columns("cell", "at", "sector_code").from("reso_contacts")
            .where("organisation_id", .equal, organisation.rawValue).where("cell", .isNot, SQLLiteral.null)
            .where("at", .greaterThanOrEqual, since).all().compactMap { row in
                guard let cell = GridCell(try row.decode(column: "cell", as: String.self)) else { return nil }
                return RepeatPlaces.Event(
                    cell: cell, at: try row.decode(column: "at", as: Date.self),
                    sectorCode: try row.decode(column: "sector_code", as: String.self))
            }
    }

    /// How many entries of each kind a service wrote in `interval` (nothing identifying).
    public func counts(organisation: Organisation.ID, in interval: DateInterval) async throws -> [ContactKind: Int] {
        var counts: [ContactKind: Int] = [:]
        for row in try await sql.select().column("kind").from("reso_contacts")
            .where("organisation_id", .equal, organisation.rawValue).where("at", .greaterThanOrEqual, interval.start)
            .where("at", .lessThan, interval.end).all()
        {
            if let kind = ContactKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind, default: 0] += 1
            }
        }
        return counts
    }

    func read(_ query: SQLSelectBuilder) async throws -> [SectorContact] {
        let cipher = store.cipher
        return try await query.all().map { row in
            let entry = try JSONDecoder().decode(
                Entry.self, from: Data(try cipher.open(try row.decode(column: "entry_sealed", as: String.self)).utf8))
            return SectorContact(
                id: .init(try row.decode(column: "id", as: UUID.self)),
                organisationID: .init(try row.decode(column: "organisation_id", as: UUID.self)),
                sectorCode: try row.decode(column: "sector_code", as: String.self),
                officerUserID: .init(try row.decode(column: "officer_id", as: UUID.self)),
                kind: ContactKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .visit,
                at: try row.decode(column: "at", as: Date.self), place: entry.place,
                cell: try row.decode(column: "cell", as: String?.self).flatMap(GridCell.init), note: entry.note,
                problemID: try row.decode(column: "problem_id", as: UUID?.self).map(SectorProblem.ID.init),
                personID: try row.decode(column: "person_id", as: UUID?.self).map(Person.ID.init))
        }
    }
}
