import Foundation
import RelaisCore
import SQLKit

/// Persons, shared by the programmes: sealed identifiers, found again by blind index ("have we met this person?")
/// without a readable identity in the database; consents per purpose; reversible merges. Identifiers are opened only
/// by ``opened(_:by:)`` and ``find(_:in:by:)``, which audit the read in its transaction.
public struct PersonStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// What a blind index is of: a person's record, or another programme's record of someone.
    public enum SubjectKind: String, Sendable {
        case person
        case interventionParty = "intervention_party"
    }

    /// Records a person for `organisation`'s team in `programme`, with the blind indexes of their identifiers.
    public func record(
        _ identifiers: PersonIdentifiers, organisation: Organisation.ID, programme: String, by userID: User.ID?
    ) async throws -> Person {
        try await store.transaction { tx in
            let count =
                try await tx.persons.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("persons").first()?.decode(column: "n", as: Int.self) ?? 0
            let person = Person(
                id: Person.ID(UUID()), organisationID: organisation, programme: programme,
                reference: "P-" + String(format: "%04d", count + 1), createdAt: tx.now)
            try await tx.insert(
                into: "persons",
                [
                    ("id", .uuid(person.id.rawValue)), ("organisation_id", .uuid(organisation.rawValue)),
                    ("programme", .text(programme)), ("reference", .text(person.reference)),
                    ("identifiers_sealed", .text(tx.cipher.seal(try Self.json(identifiers)))),
                    ("created_at", .date(tx.now)), ("created_by", .uuid(userID?.rawValue)),
                ])
            try await tx.persons.index(
                identifiers.keys, subject: person.id.rawValue, kind: .person, programme: programme,
                organisation: organisation)
            return person
        }
    }

    /// Adds the blind indexes of `keys` for a subject (replacing the subject's earlier ones).
    public func index(
        _ keys: [PersonKey], subject: UUID, kind: SubjectKind, programme: String, organisation: Organisation.ID
    ) async throws {
        try await sql.delete(from: "identity_keys").where("subject_id", .equal, subject).run()
        for blind in Set(keys.map { store.cipher.blindIndex($0.indexed) }) {
            try await store.insert(
                into: "identity_keys",
                [
                    ("blind", .text(blind)), ("subject_id", .uuid(subject)), ("subject_kind", .text(kind.rawValue)),
                    ("programme", .text(programme)), ("organisation_id", .uuid(organisation.rawValue)),
                    ("recorded_at", .date(store.now)),
                ])
        }
    }

    /// The team's persons sharing a blind index with `keys` (merged records answer as the record they were merged
    /// into), identifiers opened for `reader`: each found person's read is audited in the lookup's transaction.
    public func find(_ keys: [PersonKey], in organisation: Organisation.ID, by reader: Reader) async throws
        -> [OpenedPerson]
    {
        guard !keys.isEmpty else { return [] }
        // A miss (the usual answer) reads the index alone; a hit opens and audits in one transaction.
        let ids = try await subjects(keys, kind: .person, organisation: organisation)
        guard !ids.isEmpty else { return [] }
        return try await store.transaction { tx in
            var found: [OpenedPerson] = []
            var seen = Set<Person.ID>()
            for id in ids {
                guard var person = try await tx.persons.person(Person.ID(id)) else { continue }
                while let survivor = person.mergedInto, let next = try await tx.persons.person(survivor) {
                    person = next
                }
                guard seen.insert(person.id).inserted,
                    let opened = try await tx.persons.opened(person.id, by: reader)
                else { continue }
                found.append(opened)
            }
            return found
        }
    }

    /// The subjects of `organisation` with one of `keys`' blind indexes.
    func subjects(_ keys: [PersonKey], kind: SubjectKind, organisation: Organisation.ID) async throws -> [UUID] {
        try await sql.select().distinct().column("subject_id").from("identity_keys")
            .where("blind", .in, keys.map { store.cipher.blindIndex($0.indexed) })
            .where("subject_kind", .equal, kind.rawValue)
            .where("organisation_id", .equal, organisation.rawValue)
            .all().map { try $0.decode(column: "subject_id", as: UUID.self) }
    }

    /// How many records of other organisations share a blind index with `keys`, by programme and organisation:
    /// a count, never who. The caller shows only those its agreements allow (``CrossProgrammeCount/crossing``).
    public func matches(_ keys: [PersonKey], outside organisation: Organisation.ID) async throws
        -> [CrossProgrammeCount]
    {
        guard !keys.isEmpty else { return [] }
        let rows = try await sql.select().column("programme").column("organisation_id")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLIdentifier("subject_id"))), as: "n")
            .from("identity_keys")
            .where("blind", .in, keys.map { store.cipher.blindIndex($0.indexed) })
            .where("organisation_id", .notEqual, organisation.rawValue)
            .groupBy("programme").groupBy("organisation_id").all()
        return try rows.map {
            CrossProgrammeCount(
                programme: try $0.decode(column: "programme", as: String.self),
                organisationID: Organisation.ID(try $0.decode(column: "organisation_id", as: UUID.self)),
                count: try $0.decode(column: "n", as: Int.self))
        }.sorted { ($0.programme, $0.organisationID.description) < ($1.programme, $1.organisationID.description) }
    }

    /// The person with `id`, without identifiers.
    public func person(_ id: Person.ID) async throws -> Person? {
        try await sql.select().column("*").from("persons").where("id", .equal, id.rawValue).first().map(Self.person)
    }

    /// The person a reference (`P-0042`) names, without identifiers.
    public func person(reference: String) async throws -> Person? {
        try await sql.select().column("*").from("persons").where("reference", .equal, reference).first()
            .map(Self.person)
    }

    /// The person with their identifiers opened for `reader`; the read is audited in the same transaction.
    public func opened(_ id: Person.ID, by reader: Reader) async throws -> OpenedPerson? {
        try await store.audited(.person, by: reader, id: { (opened: OpenedPerson) in opened.person.id.description }) {
            tx in
            guard
                let row = try await tx.persons.sql.select().column("*").from("persons")
                    .where("id", .equal, id.rawValue).first()
            else { return nil }
            let identifiers = try JSONDecoder().decode(
                PersonIdentifiers.self,
                from: Data(try tx.cipher.open(try row.decode(column: "identifiers_sealed", as: String.self)).utf8))
            let ids = [id] + (try await tx.persons.mergedInto(id))
            let consents = try await tx.persons.sql.select().column("*").from("consents")
                .where("person_id", .in, ids.map(\.rawValue)).orderBy("recorded_at").all().map { row in
                    try tx.persons.consent(
                        row,
                        note: try row.decode(column: "note_sealed", as: String?.self).map { try tx.cipher.open($0) })
                }
            return OpenedPerson(person: try Self.person(row), identifiers: identifiers, consents: consents)
        }
    }

    /// The records merged into `id` (and those merged into them), while their merges stand.
    public func mergedInto(_ id: Person.ID) async throws -> [Person.ID] {
        var found: [Person.ID] = []
        var frontier = [id]
        while let next = frontier.popLast() {
            let rows = try await sql.select().column("id").from("persons").where("merged_into", .equal, next.rawValue)
                .all()
            let ids = try rows.map { Person.ID(try $0.decode(column: "id", as: UUID.self)) }
            found += ids
            frontier += ids
        }
        return found
    }

    // MARK: consent

    /// The consents recorded for `id` (and the records merged into it), their notes left sealed.
    public func consents(of id: Person.ID) async throws -> [ConsentRecord] {
        let ids = [id] + (try await mergedInto(id))
        return try await sql.select().column("*").from("consents").where("person_id", .in, ids.map(\.rawValue))
            .orderBy("recorded_at").all().map { try consent($0, note: nil) }
    }

    /// Records a consent or a documented basis.
    public func recordConsent(
        _ person: Person.ID, purpose: ConsentPurpose, basis: DisclosureBasis, note: String?, by userID: User.ID?
    ) async throws -> ConsentRecord {
        let record = ConsentRecord(
            id: ConsentRecord.ID(UUID()), personID: person, purpose: purpose, basis: basis, note: note,
            recordedAt: store.now, recordedBy: userID)
        try await store.insert(
            into: "consents",
            [
                ("id", .uuid(record.id.rawValue)), ("person_id", .uuid(person.rawValue)),
                ("purpose", .text(purpose.rawValue)), ("basis", .text(basis.rawValue)),
                ("note_sealed", .text(note.map { store.cipher.seal($0) })), ("recorded_at", .date(store.now)),
                ("recorded_by", .uuid(userID?.rawValue)),
            ])
        return record
    }

    /// Withdraws every consent of `purpose` that holds for the person: from now, nothing rests on them.
    /// - Returns: how many were withdrawn.
    @discardableResult
    public func withdrawConsent(_ person: Person.ID, purpose: ConsentPurpose, by userID: User.ID?) async throws -> Int {
        let ids = [person] + (try await mergedInto(person))
        return try await sql.update("consents").set("withdrawn_at", to: store.now)
            .set("withdrawn_by", to: userID?.rawValue)
            .where("person_id", .in, ids.map(\.rawValue)).where("purpose", .equal, purpose.rawValue)
            .where("withdrawn_at", .is, SQLLiteral.null).returning("id").all().count
    }

    // MARK: merging

    /// Folds `merged` into `survivor` (the caller checked ``PersonMergeRules``): from the other side of a concurrent
    /// merge, the second finds the record merged and fails.
    public func merge(_ merged: Person.ID, into survivor: Person.ID, reason: String, by userID: User.ID?) async throws
        -> PersonMerge
    {
        try await store.transaction { tx in
            let changed = try await tx.persons.sql.update("persons").set("merged_into", to: survivor.rawValue)
                .where("id", .equal, merged.rawValue).where("merged_into", .is, SQLLiteral.null)
                .returning("id").all()
            guard changed.count == 1 else { throw PersonRefusal.alreadyMerged }
            let merge = PersonMerge(
                id: PersonMerge.ID(UUID()), survivorID: survivor, mergedID: merged, reason: reason, mergedAt: tx.now,
                mergedBy: userID)
            try await tx.insert(
                into: "person_merges",
                [
                    ("id", .uuid(merge.id.rawValue)), ("survivor_id", .uuid(survivor.rawValue)),
                    ("merged_id", .uuid(merged.rawValue)), ("reason_sealed", .text(tx.cipher.seal(reason))),
                    ("merged_at", .date(tx.now)), ("merged_by", .uuid(userID?.rawValue)),
                ])
            return merge
        }
    }

    /// The merges that folded records into `id`, in force or undone, their reasons opened for `reader`; the read is
    /// audited in the same transaction (when there are any).
    public func merges(into id: Person.ID, by reader: Reader) async throws -> [PersonMerge] {
        try await store.audited(.person, by: reader, id: { (_: [PersonMerge]) in id.description }) { tx in
            let found = try await tx.persons.sql.select().column("*").from("person_merges")
                .where("survivor_id", .equal, id.rawValue).orderBy("merged_at", .descending).all().map { row in
                    PersonMerge(
                        id: PersonMerge.ID(try row.decode(column: "id", as: UUID.self)),
                        survivorID: Person.ID(try row.decode(column: "survivor_id", as: UUID.self)),
                        mergedID: Person.ID(try row.decode(column: "merged_id", as: UUID.self)),
                        reason: try tx.cipher.open(try row.decode(column: "reason_sealed", as: String.self)),
                        mergedAt: try row.decode(column: "merged_at", as: Date.self),
                        mergedBy: try row.decode(column: "merged_by", as: UUID?.self).map(User.ID.init),
                        undoneAt: try row.decode(column: "undone_at", as: Date?.self))
                }
            return found.isEmpty ? nil : found
        } ?? []
    }

    /// The survivor of a merge, nothing sealed opened.
    public func survivor(ofMerge id: PersonMerge.ID) async throws -> Person.ID? {
        try await sql.select().column("survivor_id").from("person_merges").where("id", .equal, id.rawValue).first()
            .map { Person.ID(try $0.decode(column: "survivor_id", as: UUID.self)) }
    }

    /// Undoes a merge: the two records are separate again.
    /// - Throws: ``PersonRefusal/notMerged`` when the merge is not in force.
    public func undoMerge(_ id: PersonMerge.ID, by userID: User.ID?) async throws {
        try await store.transaction { tx in
            let rows = try await tx.persons.sql.update("person_merges").set("undone_at", to: tx.now)
                .set("undone_by", to: userID?.rawValue).where("id", .equal, id.rawValue)
                .where("undone_at", .is, SQLLiteral.null).returning("survivor_id", "merged_id").all()
            guard let row = rows.first else { throw PersonRefusal.notMerged }
            let survivor = try row.decode(column: "survivor_id", as: UUID.self)
            let merged = try row.decode(column: "merged_id", as: UUID.self)
            try await tx.persons.sql.update("persons").set("merged_into", to: SQLLiteral.null)
                .where("id", .equal, merged).where("merged_into", .equal, survivor).run()
        }
    }

    // MARK: rows

    static func json(_ identifiers: PersonIdentifiers) throws -> String {
        String(decoding: try JSONEncoder().encode(identifiers), as: UTF8.self)
    }

    static func person(_ row: any SQLRow) throws -> Person {
        Person(
            id: Person.ID(try row.decode(column: "id", as: UUID.self)),
            organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
            programme: try row.decode(column: "programme", as: String.self),
            reference: try row.decode(column: "reference", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            mergedInto: try row.decode(column: "merged_into", as: UUID?.self).map(Person.ID.init))
    }

    func consent(_ row: any SQLRow, note: String?) throws -> ConsentRecord {
        ConsentRecord(
            id: ConsentRecord.ID(try row.decode(column: "id", as: UUID.self)),
            personID: Person.ID(try row.decode(column: "person_id", as: UUID.self)),
            purpose: ConsentPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .supportPlan,
            basis: DisclosureBasis(rawValue: try row.decode(column: "basis", as: String.self)) ?? .consent,
            note: note, recordedAt: try row.decode(column: "recorded_at", as: Date.self),
            recordedBy: try row.decode(column: "recorded_by", as: UUID?.self).map(User.ID.init),
            withdrawnAt: try row.decode(column: "withdrawn_at", as: Date?.self))
    }
}

/// The information-sharing agreements between organisations, which an administrator keeps.
public struct SharingAgreementStore: Sendable {
    let store: RelaisStore

    public func all() async throws -> [SharingAgreement] {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        return try await sql.select().column("*").from("sharing_agreements").all().map { row in
            SharingAgreement(
                Organisation.ID(try row.decode(column: "first_id", as: UUID.self)),
                Organisation.ID(try row.decode(column: "second_id", as: UUID.self)),
                signedOn: try row.decode(column: "signed_on", as: Date.self))
        }
    }

    /// Records the agreement (or its new date).
    public func save(_ agreement: SharingAgreement) async throws {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.delete(from: "sharing_agreements").where("first_id", .equal, agreement.firstID.rawValue)
            .where("second_id", .equal, agreement.secondID.rawValue).run()
        do {
            try await store.insert(
                into: "sharing_agreements",
                [
                    ("first_id", .uuid(agreement.firstID.rawValue)), ("second_id", .uuid(agreement.secondID.rawValue)),
                    ("signed_on", .date(agreement.signedOn)), ("recorded_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.missingReference(field: "organisation")
        }
    }

    /// Ends the agreement between `a` and `b`: from now, nothing crosses between them.
    public func remove(_ a: Organisation.ID, _ b: Organisation.ID) async throws {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        let agreement = SharingAgreement(a, b, signedOn: Date())
        try await sql.delete(from: "sharing_agreements").where("first_id", .equal, agreement.firstID.rawValue)
            .where("second_id", .equal, agreement.secondID.rawValue).run()
    }
}
