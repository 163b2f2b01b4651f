import Foundation
import RelaisCore
import SQLKit

/// RÉSO's officers: their public card, the sector they work and its history, their weekly duty and their photos.
public struct SectorOfficerStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Adds an officer (no sector yet, no photo).
    public func add(
        organisation: Organisation.ID, user: User.ID?, name: String, cellPhone: String, languages: [SpokenLanguage],
        duty: OpeningHours
    ) async throws -> SectorOfficer {
        let officer = SectorOfficer(
            id: SectorOfficer.ID(UUID()), organisationID: organisation, userID: user, name: name,
            cellPhone: cellPhone, languages: languages, sectorCode: nil, coverID: nil, duty: duty, photoVersion: 0)
        do {
            try await store.insert(
                into: "reso_officers",
                [
                    ("id", .uuid(officer.id.rawValue)), ("organisation_id", .uuid(organisation.rawValue)),
                    ("user_id", .uuid(user?.rawValue)), ("name", .text(name)), ("cell_phone", .text(cellPhone)),
                    ("languages", .text(Self.text(languages))), ("sector_code", .text(nil)), ("cover_id", .uuid(nil)),
                    ("duty", .text(Self.text(duty))), ("photo_version", .integer(0)),
                    ("updated_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.missingReference(field: "organisation")
        }
        return officer
    }

    /// Saves the card, the colleague who covers and the duty (not the sector: ``assign(_:to:)``).
    public func save(_ officer: SectorOfficer) async throws {
        try await sql.update("reso_officers").set("name", to: officer.name).set("cell_phone", to: officer.cellPhone)
            .set("languages", to: Self.text(officer.languages)).set("cover_id", to: officer.coverID?.rawValue)
            .set("user_id", to: officer.userID?.rawValue).set("duty", to: Self.text(officer.duty))
            .set("updated_at", to: store.now).where("id", .equal, officer.id.rawValue).run()
    }

    /// Moves the officer to `sector` (or none), closing their previous assignment; the sector's previous officer,
    /// if any, is left without one. Run inside a transaction.
    public func assign(_ officer: SectorOfficer.ID, to sector: String?) async throws {
        let now = store.now
        let sql = try sql
        if let sector {
            let holders = try await sql.select().column("id").from("reso_officers").where("sector_code", .equal, sector)
                .where("id", .notEqual, officer.rawValue).all().map { try $0.decode(column: "id", as: UUID.self) }
            for holder in holders {
                try await sql.update("reso_officers").set("sector_code", to: SQLLiteral.null)
                    .set("updated_at", to: now).where("id", .equal, holder).run()
                try await closeAssignment(of: SectorOfficer.ID(holder), at: now)
            }
        }
        try await closeAssignment(of: officer, at: now)
        try await sql.update("reso_officers").set("sector_code", to: sector).set("updated_at", to: now)
            .where("id", .equal, officer.rawValue).run()
        if let sector {
            try await store.insert(
                into: "reso_assignments",
                [
                    ("id", .uuid(UUID())), ("officer_id", .uuid(officer.rawValue)), ("sector_code", .text(sector)),
                    ("from_at", .date(now)), ("until_at", .date(nil)),
                ])
        }
    }

    private func closeAssignment(of officer: SectorOfficer.ID, at now: Date) async throws {
        try await sql.update("reso_assignments").set("until_at", to: now).where("officer_id", .equal, officer.rawValue)
            .where("until_at", .is, SQLLiteral.null).run()
    }

    /// The sectors an officer worked, the latest first.
    public func assignments(of officer: SectorOfficer.ID) async throws -> [(sector: String, from: Date, until: Date?)] {
        try await sql.select().columns("sector_code", "from_at", "until_at").from("reso_assignments")
            .where("officer_id", .equal, officer.rawValue).orderBy("from_at", .descending).all().map {
                (
                    try $0.decode(column: "sector_code", as: String.self),
                    try $0.decode(column: "from_at", as: Date.self),
                    try $0.decode(column: "until_at", as: Date?.self)
                )
            }
    }

    public func officer(_ id: SectorOfficer.ID) async throws -> SectorOfficer? {
        try await read(try sql.select().column("*").from("reso_officers").where("id", .equal, id.rawValue)).first
    }

    /// The officer record of an account, if any.
    public func officer(user: User.ID) async throws -> SectorOfficer? {
        try await read(try sql.select().column("*").from("reso_officers").where("user_id", .equal, user.rawValue))
            .first
    }

    /// Every officer (of every service), by name.
    public func all() async throws -> [SectorOfficer] {
        try await read(try sql.select().column("*").from("reso_officers").orderBy("name"))
    }

    /// Stores the officer's photo at each size (replacing the previous ones) and bumps its version.
    public func setPhoto(_ officer: SectorOfficer.ID, sizes: [String: [UInt8]]) async throws -> Int {
        try await store.transaction { tx in
            let sql = try tx.sectorOfficers.sql
            let rows = try await sql.update("reso_officers").set(
                SQLIdentifier("photo_version"), to: SQLRaw("photo_version + 1")
            )
            .set("updated_at", to: tx.now).where("id", .equal, officer.rawValue).returning("photo_version").all()
            guard let version = try rows.first?.decode(column: "photo_version", as: Int.self) else {
                throw StoreError.missingReference(field: "officer")
            }
            try await sql.delete(from: "reso_photos").where("officer_id", .equal, officer.rawValue).run()
            for (size, bytes) in sizes.sorted(by: { $0.key < $1.key }) {
                try await sql.insert(into: "reso_photos").columns(
                    "officer_id", "size", "version", "bytes", "created_at"
                )
                .values(
                    SQLBind(officer.rawValue), SQLBind(size), SQLBind(version), SQLBind(Data(bytes)),
                    SQLBind(tx.now)
                ).run()
            }
            return version
        }
    }

    /// A photo of an officer at a size, with its version.
    public func photo(_ officer: SectorOfficer.ID, size: String) async throws -> (version: Int, bytes: Data)? {
        try await sql.select().columns("version", "bytes").from("reso_photos")
            .where("officer_id", .equal, officer.rawValue).where("size", .equal, size).first().map {
                (try $0.decode(column: "version", as: Int.self), try $0.decode(column: "bytes", as: Data.self))
            }
    }

    private func read(_ query: SQLSelectBuilder) async throws -> [SectorOfficer] {
        try await query.all().map { row in
            SectorOfficer(
                id: SectorOfficer.ID(try row.decode(column: "id", as: UUID.self)),
                organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                userID: try row.decode(column: "user_id", as: UUID?.self).map(User.ID.init),
                name: try row.decode(column: "name", as: String.self),
                cellPhone: try row.decode(column: "cell_phone", as: String.self),
                languages: try row.decode(column: "languages", as: String.self).split(separator: ",")
                    .compactMap { SpokenLanguage(rawValue: String($0)) },
                sectorCode: try row.decode(column: "sector_code", as: String?.self),
                coverID: try row.decode(column: "cover_id", as: UUID?.self).map(SectorOfficer.ID.init),
                duty: Self.duty(try row.decode(column: "duty", as: String.self)),
                photoVersion: try row.decode(column: "photo_version", as: Int.self))
        }
    }

    static func text(_ languages: [SpokenLanguage]) -> String { languages.map(\.rawValue).joined(separator: ",") }

    static func text(_ duty: OpeningHours) -> String {
        duty.intervals.map { "\($0.start)-\($0.end)" }.joined(separator: ",")
    }

    static func duty(_ text: String) -> OpeningHours {
        OpeningHours(
            intervals: text.split(separator: ",").compactMap { part in
                let bounds = part.split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2 else { return nil }
                return OpeningHours.Interval(start: bounds[0], end: bounds[1])
            })
    }
}
