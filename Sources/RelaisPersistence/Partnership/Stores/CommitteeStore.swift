import Foundation
import RelaisCore
import SQLKit

/// The committees of the partnership structure, the neighbourhood stations they meet in, their members (identity
/// sealed, opened only through an audited read) and the members' terms.
public struct CommitteeStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    // MARK: stations

    /// Replaces the stations with `stations` (an import of the police service's file).
    public func replaceStations(_ stations: [Station]) async throws {
        try await store.transaction { tx in
            let sql = try tx.committees.sql
            try await sql.delete(from: "committee_stations").run()
            for station in stations {
                try await tx.insert(
                    into: "committee_stations",
                    [
                        ("number", .text(station.number)), ("name", .text(station.name)),
                        ("address", .text(station.address)), ("latitude", .real(station.latitude)),
                        ("longitude", .real(station.longitude)),
                    ])
            }
        }
    }

    /// Every station, by number.
    public func stations() async throws -> [Station] {
        try await sql.select().column("*").from("committee_stations").all().map { row in
            Station(
                number: try row.decode(column: "number", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                address: try row.decode(column: "address", as: String.self),
                latitude: try row.decode(column: "latitude", as: Double.self),
                longitude: try row.decode(column: "longitude", as: Double.self))
        }.sorted { ($0.number.count, $0.number) < ($1.number.count, $1.number) }
    }

    /// Takes the station's row until the transaction ends on PostgreSQL (SQLite's transactions already take turns):
    /// two meetings planned at once in one station are checked one after the other.
    public func lockStation(_ number: String) async throws {
        if store.engine == .postgres {
            try await sql.raw("SELECT number FROM committee_stations WHERE number = \(bind: number) FOR UPDATE").run()
        }
    }

    // MARK: committees

    /// Adds a committee.
    /// - Throws: ``StoreError/duplicate(field:)`` when its code is taken.
    public func create(_ committee: Committee) async throws {
        do {
            try await store.insert(
                into: "committees",
                [
                    ("id", .uuid(committee.id.rawValue)), ("organisation_id", .uuid(committee.organisationID.rawValue)),
                    ("code", .text(committee.code)), ("kind", .text(committee.kind.rawValue)),
                    ("name_fr", .text(committee.nameFrench)), ("name_en", .text(committee.nameEnglish)),
                    ("mandate_fr", .text(committee.mandateFrench)), ("mandate_en", .text(committee.mandateEnglish)),
                    ("community", .text(committee.community?.rawValue)),
                    ("themes", .text(committee.themes.map(\.rawValue).joined(separator: ","))),
                    ("region", .text(committee.region)), ("stations", .text(committee.stations.joined(separator: ","))),
                    ("seats", .integer(committee.seats)), ("created_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "code")
        }
    }

    /// Saves a committee's description (its code and police service do not change).
    public func update(_ committee: Committee) async throws {
        try await sql.update("committees").set("kind", to: committee.kind.rawValue)
            .set("name_fr", to: committee.nameFrench).set("name_en", to: committee.nameEnglish)
            .set("mandate_fr", to: committee.mandateFrench).set("mandate_en", to: committee.mandateEnglish)
            .set("community", to: committee.community?.rawValue)
            .set("themes", to: committee.themes.map(\.rawValue).joined(separator: ","))
            .set("region", to: committee.region).set("stations", to: committee.stations.joined(separator: ","))
            .set("seats", to: committee.seats).where("id", .equal, committee.id.rawValue).run()
    }

    /// The committees of some police services (every one with nil), the strategic committee first, then by name.
    public func committees(organisations: [Organisation.ID]? = nil) async throws -> [Committee] {
        var query = try sql.select().column("*").from("committees")
        if let organisations { query = query.where("organisation_id", .in, organisations.map(\.rawValue)) }
        return try await query.all().map(Self.committee(from:)).sorted {
            ($0.kind == .strategic ? 0 : 1, $0.nameFrench) < ($1.kind == .strategic ? 0 : 1, $1.nameFrench)
        }
    }

    /// The committee with `code`.
    public func committee(code: String) async throws -> Committee? {
        try await sql.select().column("*").from("committees").where("code", .equal, code).first()
            .map(Self.committee(from:))
    }

    /// The committee with `id`.
    public func committee(_ id: Committee.ID) async throws -> Committee? {
        try await sql.select().column("*").from("committees").where("id", .equal, id.rawValue).first()
            .map(Self.committee(from:))
    }

    static func committee(from row: any SQLRow) throws -> Committee {
        Committee(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            organisationID: .init(try row.decode(column: "organisation_id", as: UUID.self)),
            code: try row.decode(column: "code", as: String.self),
            kind: CommitteeKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .partnership,
            nameFrench: try row.decode(column: "name_fr", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            mandateFrench: try row.decode(column: "mandate_fr", as: String.self),
            mandateEnglish: try row.decode(column: "mandate_en", as: String.self),
            community: try row.decode(column: "community", as: String?.self).flatMap(Community.init(rawValue:)),
            themes: try row.decode(column: "themes", as: String.self).split(separator: ",")
                .compactMap { CommitteeTheme(rawValue: String($0)) },
            region: try row.decode(column: "region", as: String.self),
            stations: try row.decode(column: "stations", as: String.self).split(separator: ",").map(String.init),
            seats: try row.decode(column: "seats", as: Int.self))
    }

    // MARK: members

    /// Adds a member of a police service's structure.
    /// - Throws: ``StoreError/duplicate(field:)`` (`email`) when the service already has a member with that e-mail.
    public func addMember(
        organisation: Organisation.ID, identity: MemberIdentity, origin: String, side: MemberSide,
        language: Language, user: User.ID?
    ) async throws -> CommitteeMember {
        let member = CommitteeMember(
            id: .init(UUID()), organisationID: organisation, identity: identity, origin: origin, side: side,
            language: language, userID: user)
        do {
            try await store.insert(
                into: "committee_members",
                [
                    ("id", .uuid(member.id.rawValue)), ("organisation_id", .uuid(organisation.rawValue)),
                    ("identity_sealed", .text(store.cipher.seal(try Self.json(identity)))),
                    ("email_index", .text(emailIndex(identity.email))), ("origin", .text(origin)),
                    ("side", .text(side.rawValue)), ("language", .text(language.rawValue)),
                    ("user_id", .uuid(user?.rawValue)), ("created_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "email")
        }
        return member
    }

    func emailIndex(_ email: String) -> String {
        store.cipher.blindIndex("committee-member:" + email.lowercased())
    }

    /// The members with `ids`, without their identity (lists, access checks).
    public func memberSummaries(_ ids: [CommitteeMember.ID]) async throws -> [CommitteeMember] {
        guard !ids.isEmpty else { return [] }
        return try await read(
            try sql.select().column("*").from("committee_members").where("id", .in, ids.map(\.rawValue)), open: false)
    }

    /// The members with `ids` with their identity, for `reader`: an audited read (one entry per member).
    public func members(_ ids: [CommitteeMember.ID], by reader: Reader) async throws -> [CommitteeMember] {
        guard !ids.isEmpty else { return [] }
        return try await store.transaction { tx in
            let members = try await tx.committees.read(
                try tx.committees.sql.select().column("*").from("committee_members")
                    .where("id", .in, ids.map(\.rawValue)), open: true)
            for member in members {
                try await tx.audit.append(
                    AuditRecord(
                        actor: reader.actor, action: .personalInformationRead, resourceType: .committeeMember,
                        resourceID: member.id.description, purpose: reader.purpose.rawValue,
                        requestID: reader.requestID))
            }
            return members
        }
    }

    /// The member record of an account, if the account is a member's.
    public func member(user: User.ID) async throws -> CommitteeMember? {
        try await read(
            try sql.select().column("*").from("committee_members").where("user_id", .equal, user.rawValue), open: false
        ).first
    }

    /// Links a member to their account (made after they were added).
    public func link(_ member: CommitteeMember.ID, to user: User.ID) async throws {
        try await sql.update("committee_members").set("user_id", to: user.rawValue)
            .where("id", .equal, member.rawValue).where("user_id", .is, SQLLiteral.null).run()
    }

    /// The member of a police service with `email`, found by its blind index (nothing opened).
    public func member(email: String, organisation: Organisation.ID) async throws -> CommitteeMember? {
        try await read(
            try sql.select().column("*").from("committee_members")
                .where("organisation_id", .equal, organisation.rawValue)
                .where("email_index", .equal, emailIndex(email)), open: false
        ).first
    }

    func read(_ query: SQLSelectBuilder, open: Bool) async throws -> [CommitteeMember] {
        let cipher = store.cipher
        return try await query.all().map { row in
            var identity = MemberIdentity.withheld
            if open {
                identity = try JSONDecoder().decode(
                    MemberIdentity.self,
                    from: Data(try cipher.open(try row.decode(column: "identity_sealed", as: String.self)).utf8))
            }
            return CommitteeMember(
                id: .init(try row.decode(column: "id", as: UUID.self)),
                organisationID: .init(try row.decode(column: "organisation_id", as: UUID.self)), identity: identity,
                origin: try row.decode(column: "origin", as: String.self),
                side: MemberSide(rawValue: try row.decode(column: "side", as: String.self)) ?? .civilian,
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .french,
                userID: try row.decode(column: "user_id", as: UUID?.self).map { User.ID($0) })
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    // MARK: mandates

    /// Writes a mandate the rules gave.
    /// - Throws: ``MandateRefusal/overlapping`` when the same term number was given meanwhile.
    public func insert(_ mandate: Mandate) async throws {
        do {
            try await store.insert(
                into: "committee_mandates",
                [
                    ("id", .uuid(mandate.id.rawValue)), ("member_id", .uuid(mandate.memberID.rawValue)),
                    ("committee_id", .uuid(mandate.committeeID.rawValue)),
                    ("position", .text(mandate.position.rawValue)),
                    ("starts_on", .text(mandate.startsOn)), ("ends_on", .text(mandate.endsOn)),
                    ("number", .integer(mandate.number)), ("ended_on", .text(nil)), ("reminded_at", .date(nil)),
                    ("created_at", .date(store.now)),
                ])
        } catch  where error.isConstraintFailure {
            throw MandateRefusal.overlapping
        }
    }

    /// The mandates of some committees (all with nil), past ones included.
    public func mandates(committees: [Committee.ID]? = nil) async throws -> [Mandate] {
        var query = try sql.select().column("*").from("committee_mandates")
        if let committees { query = query.where("committee_id", .in, committees.map(\.rawValue)) }
        return try await query.orderBy("starts_on").all().map(Self.mandate(from:))
    }

    /// A member's mandates, on every committee.
    public func mandates(member: CommitteeMember.ID) async throws -> [Mandate] {
        try await sql.select().column("*").from("committee_mandates").where("member_id", .equal, member.rawValue)
            .orderBy("starts_on").all().map(Self.mandate(from:))
    }

    /// The mandate with `id`.
    public func mandate(_ id: Mandate.ID) async throws -> Mandate? {
        try await sql.select().column("*").from("committee_mandates").where("id", .equal, id.rawValue).first()
            .map(Self.mandate(from:))
    }

    /// Ends a running mandate early on `day` (once).
    public func end(_ id: Mandate.ID, on day: String) async throws -> Bool {
        try await !sql.update("committee_mandates").set("ended_on", to: day).where("id", .equal, id.rawValue)
            .where("ended_on", .is, SQLLiteral.null).returning("id").all().isEmpty
    }

    /// The running mandates ending by `day` whose reminder has not gone.
    public func unreminded(endingBy day: String, today: String) async throws -> [Mandate] {
        try await sql.select().column("*").from("committee_mandates").where("ends_on", .lessThanOrEqual, day)
            .where("ends_on", .greaterThanOrEqual, today).where("ended_on", .is, SQLLiteral.null)
            .where("reminded_at", .is, SQLLiteral.null).all().map(Self.mandate(from:))
    }

    /// Marks a mandate's reminder sent; false when another instance did first.
    public func markReminded(_ id: Mandate.ID) async throws -> Bool {
        try await !sql.update("committee_mandates").set("reminded_at", to: store.now)
            .where("id", .equal, id.rawValue).where("reminded_at", .is, SQLLiteral.null).returning("id").all().isEmpty
    }

    static func mandate(from row: any SQLRow) throws -> Mandate {
        Mandate(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            memberID: .init(try row.decode(column: "member_id", as: UUID.self)),
            committeeID: .init(try row.decode(column: "committee_id", as: UUID.self)),
            position: CommitteePosition(rawValue: try row.decode(column: "position", as: String.self)) ?? .member,
            startsOn: try row.decode(column: "starts_on", as: String.self),
            endsOn: try row.decode(column: "ends_on", as: String.self),
            number: try row.decode(column: "number", as: Int.self),
            endedOn: try row.decode(column: "ended_on", as: String?.self))
    }
}
