import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// Organisations and staff accounts. E-mails and names are sealed at rest and found by blind index.
public struct AccountStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// A user together with the bcrypt hash of their password, for signing in.
    public struct Credentials: Sendable {
        public let user: User
        public let passwordHash: String
    }

    /// The TOTP state of an account.
    public struct SecondFactor: Sendable, Equatable {
        public let secret: [UInt8]
        public let confirmed: Bool
        public let lastUsedStep: Int64?
    }

    // MARK: organisations

    public func organisations() async throws -> [Organisation] {
        try await OrganisationRecord.query(on: database).sort(\.$name).all().map(Self.organisation)
    }

    public func organisation(_ id: Organisation.ID) async throws -> Organisation? {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        return try await sql.raw("SELECT name, kind FROM organisations WHERE id = \(bind: id.rawValue)").first()
            .map { row in
                Organisation(
                    id: id, name: try row.decode(column: "name", as: String.self),
                    kind: Organisation.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .agency)
            }
    }

    /// What kind of organisation this is. Kinds never change once an organisation exists, so each is read
    /// once per process (intake asks on every call).
    public func organisationKind(_ id: Organisation.ID) async throws -> Organisation.Kind? {
        if let known = store.environment.organisationKinds.withLockedValue({ $0[id] }) { return known }
        guard let kind = try await organisation(id)?.kind else { return nil }
        store.environment.organisationKinds.withLockedValue { $0[id] = kind }
        return kind
    }

    public func organisation(named name: String) async throws -> Organisation? {
        try await OrganisationRecord.query(on: database).filter(\.$name == name).first().map(Self.organisation)
    }

    /// Adds an organisation.
    /// - Throws: ``StoreError/duplicate(field:)`` for `name` when one already has that name.
    public func createOrganisation(name: String, kind: Organisation.Kind) async throws -> Organisation {
        let record = OrganisationRecord(id: UUID(), name: name, kind: kind.rawValue, createdAt: store.now)
        do {
            try await record.create(on: database)
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "name")
        }
        return Self.organisation(record)
    }

    // MARK: users

    /// Adds a staff account holding `role` in its organisation (its home membership).
    /// - Throws: ``StoreError/duplicate(field:)`` for `email`, ``StoreError/missingReference(field:)`` for
    ///   `organisation`.
    public func createUser(
        email: String, displayName: String, role: Role, organisationID: Organisation.ID, passwordHash: String,
        language: Language = .default
    ) async throws -> User {
        guard try await OrganisationRecord.find(organisationID.rawValue, on: database) != nil else {
            throw StoreError.missingReference(field: "organisation")
        }
        let normalised = email.trimmed.lowercased()
        let record = UserRecord()
        record.id = UUID()
        record.organisationID = organisationID.rawValue
        record.emailIndex = store.cipher.blindIndex(normalised)
        record.emailSealed = store.cipher.seal(normalised)
        record.displayNameSealed = store.cipher.seal(displayName)
        record.language = language.rawValue
        record.passwordHash = passwordHash
        record.totpConfirmed = false
        record.isActive = true
        record.createdAt = store.now
        let home = Membership(role, in: organisationID)
        let now = store.now
        do {
            try await store.transaction { tx in
                try await record.create(on: tx.database)
                try await tx.accounts.insert(home, for: User.ID(record.id!), at: now, by: nil)
            }
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "email")
        }
        return try user(from: record, memberships: [home])
    }

    /// One account. Every signed-in request reads one, so this is plain SQL rather than a Fluent model
    /// (docs/PERFORMANCE.md).
    public func user(_ id: User.ID) async throws -> User? {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.userColumns) FROM users \(unsafeRaw: Self.membershipsJoin) \
            WHERE users.id = \(bind: id.rawValue) ORDER BY \(unsafeRaw: Self.membershipsOrder)
            """
        return try user(id: id, rows: try await sql.raw(query).all())
    }

    /// The columns ``user(id:rows:)`` reads, for plain SQL on the paths every request takes: the account's, and one
    /// membership a row (``membershipsJoin``, in ``membershipsOrder``).
    static let userColumns =
        "users.organisation_id, users.email_sealed, users.display_name_sealed, users.language, "
        + "users.totp_confirmed, users.is_active, memberships.organisation_id AS membership_organisation_id, "
        + "memberships.role AS membership_role"
    /// Joins an account's memberships to it.
    static let membershipsJoin = "LEFT JOIN memberships ON memberships.user_id = users.id"
    /// Home membership first.
    static let membershipsOrder = "memberships.position"

    /// The user in rows of ``userColumns`` (one a membership), sealed fields opened; nil without a row.
    func user(id: User.ID, rows: [any SQLRow]) throws -> User? {
        guard let row = rows.first else { return nil }
        let memberships = try rows.compactMap { row -> Membership? in
            guard let organisation = try row.decode(column: "membership_organisation_id", as: UUID?.self),
                let role = Role(rawValue: try row.decode(column: "membership_role", as: String?.self) ?? "")
            else { return nil }
            return Membership(role, in: Organisation.ID(organisation))
        }
        return User(
            id: id, email: try store.cipher.open(try row.decode(column: "email_sealed", as: String.self)),
            displayName: try store.cipher.open(try row.decode(column: "display_name_sealed", as: String.self)),
            memberships: memberships,
            organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
            language: Language(code: try row.decode(column: "language", as: String.self)) ?? .default,
            hasSecondFactor: try row.decode(column: "totp_confirmed", as: Bool.self),
            isActive: try row.decode(column: "is_active", as: Bool.self))
    }

    /// The account with this e-mail (any case) and its password hash.
    public func credentials(email: String) async throws -> Credentials? {
        guard
            let record = try await UserRecord.query(on: database)
                .filter(\.$emailIndex == store.cipher.blindIndex(email)).first()
        else { return nil }
        let memberships = try await memberships(of: [record.id!])
        return Credentials(
            user: try user(from: record, memberships: memberships[record.id!] ?? []), passwordHash: record.passwordHash)
    }

    /// Every account, or those of one organisation, in the order they were made.
    public func users(in organisationID: Organisation.ID? = nil) async throws -> [User] {
        var query = UserRecord.query(on: database)
        if let organisationID { query = query.filter(\.$organisationID == organisationID.rawValue) }
        let records = try await query.sort(\.$createdAt).sort(\.$id).all()
        let memberships = try await memberships(of: organisationID == nil ? nil : records.compactMap(\.id))
        return try records.map { try user(from: $0, memberships: memberships[$0.id!] ?? []) }
    }

    public func countUsers() async throws -> Int {
        try await UserRecord.query(on: database).count()
    }

    /// Replaces the bcrypt hash of an account's password.
    public func setPasswordHash(_ hash: String, for id: User.ID) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue).set(\.$passwordHash, to: hash).update()
        store.forgetTokenUsers()
    }

    /// Disables or re-enables an account: a disabled one cannot sign in nor use its tokens.
    public func setActive(_ active: Bool, for id: User.ID) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue).set(\.$isActive, to: active).update()
        store.forgetTokenUsers()
    }

    public func setLanguage(_ language: Language, for id: User.ID) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue)
            .set(\.$language, to: language.rawValue).update()
        store.forgetTokenUsers()
    }

    // MARK: second factor

    public func secondFactor(for id: User.ID) async throws -> SecondFactor? {
        guard let record = try await UserRecord.find(id.rawValue, on: database),
            let sealed = record.totpSecretSealed,
            let secret = Base32.decode(try store.cipher.open(sealed))
        else { return nil }
        return SecondFactor(secret: secret, confirmed: record.totpConfirmed, lastUsedStep: record.totpLastStep)
    }

    /// Stores a new, not yet confirmed, secret (replacing an unconfirmed one).
    public func startSecondFactor(for id: User.ID, secret: [UInt8]) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue)
            .set(\.$totpSecretSealed, to: store.cipher.seal(Base32.encode(secret)))
            .set(\.$totpConfirmed, to: false)
            .set(\.$totpLastStep, to: nil)
            .update()
        store.forgetTokenUsers()
    }

    /// Marks the secret confirmed, or records the step of a code just used (a code works once).
    public func useSecondFactorStep(_ step: Int64, for id: User.ID) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue)
            .set(\.$totpConfirmed, to: true)
            .set(\.$totpLastStep, to: step)
            .update()
        store.forgetTokenUsers()
    }

    public func removeSecondFactor(for id: User.ID) async throws {
        try await UserRecord.query(on: database).filter(\.$id == id.rawValue)
            .set(\.$totpSecretSealed, to: nil)
            .set(\.$totpConfirmed, to: false)
            .set(\.$totpLastStep, to: nil)
            .update()
        store.forgetTokenUsers()
    }

    // MARK: mapping

    private static func organisation(_ record: OrganisationRecord) -> Organisation {
        Organisation(
            id: Organisation.ID(record.id!), name: record.name,
            kind: Organisation.Kind(rawValue: record.kind) ?? .agency)
    }

    private func user(from record: UserRecord, memberships: [Membership]) throws -> User {
        User(
            id: User.ID(record.id!),
            email: try store.cipher.open(record.emailSealed),
            displayName: try store.cipher.open(record.displayNameSealed),
            memberships: memberships,
            organisationID: Organisation.ID(record.organisationID),
            language: Language(code: record.language) ?? .default,
            hasSecondFactor: record.totpConfirmed,
            isActive: record.isActive
        )
    }
}
