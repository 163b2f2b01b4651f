import Fluent
import Foundation
import RelaisCore
import SQLKit

extension AccountStore {
    /// A membership as the administration page lists it.
    public struct MembershipEntry: Sendable, Equatable {
        public let membership: Membership
        public let grantedAt: Date
        public let grantedBy: User.ID?
    }

    /// A person's memberships, home first, with when and by whom each was granted.
    public func membershipEntries(of userID: User.ID) async throws -> [MembershipEntry] {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        return try await sql.select().columns("organisation_id", "role", "granted_at", "granted_by").from("memberships")
            .where("user_id", .equal, userID.rawValue).orderBy("position").all()
            .compactMap { row in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return MembershipEntry(
                    membership: Membership(
                        role, in: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self))),
                    grantedAt: try row.decode(column: "granted_at", as: Date.self),
                    grantedBy: try row.decode(column: "granted_by", as: UUID?.self).map(User.ID.init))
            }
    }

    /// The active people holding a role in `organisation`, with that role, by name (a team's roster).
    public func members(of organisation: Organisation.ID) async throws -> [(user: User.ID, name: String, role: Role)] {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        let cipher = store.cipher
        return try await sql.select().column(SQLColumn("user_id", table: "m")).column(SQLColumn("role", table: "m"))
            .column(SQLColumn("display_name_sealed", table: "u"))
            .from(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal,
                SQLColumn("user_id", table: "m")
            )
            .where(SQLColumn("organisation_id", table: "m"), .equal, SQLBind(organisation.rawValue))
            .where(SQLColumn("is_active", table: "u"), .equal, SQLBind(true)).all()
            .compactMap { row in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return (
                    User.ID(try row.decode(column: "user_id", as: UUID.self)),
                    try cipher.open(try row.decode(column: "display_name_sealed", as: String.self)), role
                )
            }.sorted { $0.name < $1.name }
    }

    /// Gives `userID` the role of `membership` in its organisation, with its audit entry in the same transaction.
    /// - Throws: ``MembershipRefusal`` (nothing written), ``StoreError/missingReference(field:)`` for `user` or
    ///   `organisation`.
    public func grant(_ membership: Membership, to userID: User.ID, by actor: Actor?, requestID: String? = nil)
        async throws
    {
        try await store.transaction { tx in
            guard let user = try await tx.accounts.lockedUser(userID) else {
                throw StoreError.missingReference(field: "user")
            }
            guard try await tx.accounts.organisation(membership.organisationID) != nil else {
                throw StoreError.missingReference(field: "organisation")
            }
            try MembershipRules.grant(membership, to: user.memberships)
            do {
                try await tx.accounts.insert(membership, for: userID, at: tx.now, by: actor?.userID)
            } catch  where error.isConstraintFailure {
                throw MembershipRefusal.alreadyHeld  // granted at the same moment by someone else
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .membershipGranted, resourceType: .user, resourceID: userID.description,
                    purpose: membership.description, requestID: requestID))
        }
        store.forgetTokenUsers()
    }

    /// Takes the role of `membership` from `userID`, with its audit entry in the same transaction.
    /// - Throws: ``MembershipRefusal`` (nothing written), ``StoreError/missingReference(field:)`` for `user`.
    public func withdraw(_ membership: Membership, from userID: User.ID, by actor: Actor?, requestID: String? = nil)
        async throws
    {
        try await store.transaction { tx in
            guard let user = try await tx.accounts.lockedUser(userID) else {
                throw StoreError.missingReference(field: "user")
            }
            try MembershipRules.withdraw(membership, from: user.memberships)
            guard let sql = tx.database as? any SQLDatabase else { throw NotSQLDatabase() }
            try await sql.delete(from: "memberships").where("user_id", .equal, userID.rawValue)
                .where("organisation_id", .equal, membership.organisationID.rawValue)
                .where("role", .equal, membership.role.rawValue).run()
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .membershipWithdrawn, resourceType: .user, resourceID: userID.description,
                    purpose: membership.description, requestID: requestID))
        }
        store.forgetTokenUsers()
    }

    /// The account, its row locked until the transaction ends on PostgreSQL (SQLite's transactions already take
    /// turns): two changes to one person's memberships are decided one after the other, so that two withdrawals at
    /// once cannot both see a second membership and leave none.
    func lockedUser(_ userID: User.ID) async throws -> User? {
        if store.engine == .postgres, let sql = store.database as? any SQLDatabase {
            try await sql.raw("SELECT id FROM users WHERE id = \(bind: userID.rawValue) FOR UPDATE").run()
        }
        return try await user(userID)
    }

    /// Writes one membership row, after the person's others.
    func insert(_ membership: Membership, for userID: User.ID, at date: Date, by grantor: User.ID?) async throws {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        let last = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("position")), as: "last")
            .from("memberships").where("user_id", .equal, userID.rawValue).first()
        let position = (try last?.decode(column: "last", as: Int?.self) ?? 0) + 1
        try await sql.insert(into: "memberships")
            .columns("id", "user_id", "organisation_id", "role", "position", "granted_at", "granted_by")
            .values(
                SQLBind(UUID()), SQLBind(userID.rawValue), SQLBind(membership.organisationID.rawValue),
                SQLBind(membership.role.rawValue), SQLBind(position), SQLBind(date), SQLBind(grantor?.rawValue)
            )
            .run()
    }

    /// The memberships of `users` (every account's when nil), home first, by account.
    func memberships(of users: [UUID]?) async throws -> [UUID: [Membership]] {
        guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
        if users?.isEmpty == true { return [:] }
        var query = sql.select().columns("user_id", "organisation_id", "role").from("memberships")
        if let users { query = query.where("user_id", .in, users) }
        var found: [UUID: [Membership]] = [:]
        for row in try await query.orderBy("position").all() {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            found[try row.decode(column: "user_id", as: UUID.self), default: []].append(
                Membership(role, in: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self))))
        }
        return found
    }
}
