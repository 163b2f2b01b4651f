import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// The append-only audit log. Entries are only ever added, each chained to the one before.
public struct AuditStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// Which entries to list, newest first.
    public struct Filter: Sendable, Equatable {
        public var action: AuditAction?
        public var outcome: AuditOutcome?
        public var actorUserID: User.ID?
        public var resourceType: String?
        /// Only entries about this record (with ``resourceType``).
        public var resourceID: String?
        /// Only entries with a smaller sequence (the next page).
        public var beforeSequence: Int64?
        /// Only entries from this moment, and before that one.
        public var from: Date?
        public var to: Date?
        public var limit: Int

        public init(
            action: AuditAction? = nil, outcome: AuditOutcome? = nil, actorUserID: User.ID? = nil,
            resourceType: String? = nil, resourceID: String? = nil, beforeSequence: Int64? = nil, limit: Int = 50
        ) {
            self.resourceID = resourceID
            self.action = action
            self.outcome = outcome
            self.actorUserID = actorUserID
            self.resourceType = resourceType
            self.beforeSequence = beforeSequence
            self.limit = limit
        }
    }

    /// Appends an entry, inside the caller's transaction when there is one (so it commits with the change it
    /// records), otherwise in its own.
    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        try await store.groupedTransaction { transaction in
            // Prepared statements on this path, which every audited change and read takes (docs/PERFORMANCE.md).
            let state = transaction.transactionState
            var last = state?.lastAuditEntry.withLockedValue { $0 }
            // A group of writes chains its first entry to the end this process last wrote. If another writer (a
            // `relais` command, another instance) appended since, the group fails and runs again, reading the end:
            // on SQLite, the entry's sequence, a primary key, is taken; on PostgreSQL, a check under the chain's
            // lock, written as the entry's link, fails (migration 0017).
            let assumedEnd = last == nil ? state?.assumedChainEnd : nil
            if last == nil { last = assumedEnd }
            if last == nil {
                // On PostgreSQL, one writer at a time across every instance, until the commit: the chain must not
                // fork. The lock and the read are one call (migration 0016).
                let rows =
                    transaction.engine == .postgres
                    ? try await transaction.rows(ChainEndQuery()) : try await transaction.rows(ChainTailQuery())
                last = try rows.first.map(Self.entry(row:))
            }
            let entry = transaction.environment.auditChain.append(record, after: last, at: transaction.now)
            var values = Self.values(entry)
            if let assumedEnd, transaction.engine == .postgres {
                // The end's hash, written as a call that takes the chain's lock and fails unless the chain still
                // ends there (migration 0017).
                values[Self.previousHashColumn] = .call(
                    "relais_audit_chain_continues", [.integer(assumedEnd.sequence), .text(assumedEnd.hash)])
            }
            try await transaction.insert(into: "audit_events", Array(zip(Self.columns, values)))
            state?.lastAuditEntry.withLockedValue { $0 = entry }
            return entry
        }
    }

    /// Entries matching `filter`, newest first.
    public func entries(_ filter: Filter) async throws -> [AuditEntry] {
        var query = AuditEventRecord.query(on: database)
        if let action = filter.action { query = query.filter(\.$action == action.rawValue) }
        if let outcome = filter.outcome { query = query.filter(\.$outcome == outcome.rawValue) }
        if let actor = filter.actorUserID { query = query.filter(\.$actorUserID == actor.rawValue) }
        if let type = filter.resourceType { query = query.filter(\.$resourceType == type) }
        if let id = filter.resourceID { query = query.filter(\.$resourceID == id) }
        if let before = filter.beforeSequence { query = query.filter(\.$id < before) }
        if let from = filter.from {
            query = query.filter(\.$occurredAtMilliseconds >= Int64(from.timeIntervalSince1970 * 1000))
        }
        if let to = filter.to {
            query = query.filter(\.$occurredAtMilliseconds < Int64(to.timeIntervalSince1970 * 1000))
        }
        return try await query.sort(\.$id, .descending).limit(filter.limit).all().map(Self.entry)
    }

    /// The outcome of a verification.
    public struct Verification: Sendable, Equatable {
        /// The first broken link, if any.
        public let brokenLink: AuditChain.BrokenLink?
        /// How many entries are intact before it (or in all).
        public let checked: Int
        /// The last entry, when the chain holds: what `relais audit anchor` copies elsewhere.
        public let head: AuditChain.Anchor?
    }

    /// Checks the whole chain, a page at a time, and that it still holds each anchor given (an entry whose hash was
    /// copied elsewhere earlier: its absence means the log was cut short or rewritten since).
    public func verify(pageSize: Int = 1000, anchors: [AuditChain.Anchor] = []) async throws -> Verification {
        try await verify(with: store.environment.auditChain, pageSize: pageSize, anchors: anchors)
    }

    func verify(with chain: AuditChain, pageSize: Int = 1000, anchors: [AuditChain.Anchor] = []) async throws
        -> Verification
    {
        var previous: AuditEntry?
        var checked = 0
        var unseen = Dictionary(anchors.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first })
        while true {
            var query = AuditEventRecord.query(on: database).sort(\.$id, .ascending).limit(pageSize)
            if let previous { query = query.filter(\.$id > previous.sequence) }
            let page = try await query.all().map(Self.entry)
            if page.isEmpty { break }
            if let broken = chain.verify(page, after: previous) {
                return Verification(brokenLink: broken, checked: Int(broken.sequence - 1), head: nil)
            }
            for entry in page where unseen[entry.sequence] != nil {
                guard unseen[entry.sequence] == entry.hash else {
                    return Verification(
                        brokenLink: .init(sequence: entry.sequence, reason: .anchorMissing), checked: checked,
                        head: nil)
                }
                unseen[entry.sequence] = nil
            }
            checked += page.count
            previous = page.last
        }
        if let missing = unseen.keys.min() {
            return Verification(
                brokenLink: .init(sequence: missing, reason: .anchorMissing), checked: checked, head: nil)
        }
        return Verification(brokenLink: nil, checked: checked, head: previous.map(AuditChain.Anchor.init))
    }

    /// Rewrites every entry's links and hashes with `chain`, after checking the whole log with `current`: the one
    /// step that moves a log to a new chain key (or from the unkeyed chain Relais wrote before, migration 0018).
    /// - Throws: ``AuditLogBroken`` when the log does not hold under `current` (nothing is rewritten).
    func rekey(from current: AuditChain, to chain: AuditChain, pageSize: Int = 1000) async throws {
        let checked = try await verify(with: current, pageSize: pageSize)
        if let broken = checked.brokenLink { throw AuditLogBroken(link: broken) }
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        var previous: AuditEntry?
        while true {
            var query = AuditEventRecord.query(on: database).sort(\.$id, .ascending).limit(pageSize)
            if let previous { query = query.filter(\.$id > previous.sequence) }
            let page = try await query.all().map(Self.entry)
            if page.isEmpty { return }
            for var entry in page {
                entry.previousHash = previous?.hash ?? AuditEntry.genesisHash
                entry.hash = chain.hash(of: entry)
                try await sql.update("audit_events").set("previous_hash", to: entry.previousHash)
                    .set("hash", to: entry.hash).where("sequence", .equal, entry.sequence).run()
                previous = entry
            }
        }
    }

    static func entry(_ record: AuditEventRecord) -> AuditEntry {
        AuditEntry(
            sequence: record.id!,
            occurredAtMilliseconds: record.occurredAtMilliseconds,
            actorUserID: record.actorUserID.map(User.ID.init),
            actorRole: record.actorRole.flatMap(Role.init(rawValue:)),
            actorOrganisationID: record.actorOrganisationID.map(Organisation.ID.init),
            action: AuditAction(rawValue: record.action),
            outcome: AuditOutcome(rawValue: record.outcome) ?? .failure,
            resourceType: record.resourceType,
            resourceID: record.resourceID,
            purpose: record.purpose,
            requestID: record.requestID,
            previousHash: record.previousHash,
            hash: record.hash
        )
    }

    fileprivate static let columns = [
        "sequence", "occurred_at_ms", "actor_user_id", "actor_role", "actor_organisation_id", "action", "outcome",
        "resource_type", "resource_id", "purpose", "request_id", "previous_hash", "hash",
    ]

    private static let previousHashColumn = columns.firstIndex(of: "previous_hash")!

    private static func values(_ entry: AuditEntry) -> [ColumnValue] {
        [
            .integer(entry.sequence), .integer(entry.occurredAtMilliseconds), .uuid(entry.actorUserID?.rawValue),
            .text(entry.actorRole?.rawValue), .uuid(entry.actorOrganisationID?.rawValue), .text(entry.action.rawValue),
            .text(entry.outcome.rawValue), .text(entry.resourceType), .text(entry.resourceID), .text(entry.purpose),
            .text(entry.requestID), .text(entry.previousHash), .text(entry.hash),
        ]
    }

    private static func entry(row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            occurredAtMilliseconds: try row.decode(column: "occurred_at_ms", as: Int64.self),
            actorUserID: try row.decode(column: "actor_user_id", as: UUID?.self).map(User.ID.init),
            actorRole: try row.decode(column: "actor_role", as: String?.self).flatMap(Role.init(rawValue:)),
            actorOrganisationID: try row.decode(column: "actor_organisation_id", as: UUID?.self)
                .map(Organisation.ID.init),
            action: AuditAction(rawValue: try row.decode(column: "action", as: String.self)),
            outcome: AuditOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .failure,
            resourceType: try row.decode(column: "resource_type", as: String?.self),
            resourceID: try row.decode(column: "resource_id", as: String?.self),
            purpose: try row.decode(column: "purpose", as: String?.self),
            requestID: try row.decode(column: "request_id", as: String?.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}

/// The audit log does not hold: it cannot be rekeyed until someone has looked at it (`relais audit verify`).
public struct AuditLogBroken: Error, CustomStringConvertible {
    public let link: AuditChain.BrokenLink

    public var description: String {
        "the audit log is broken at entry \(link.sequence) (\(link.reason.rawValue)): run relais audit verify"
    }
}

/// Takes the audit chain's lock until the transaction ends, then reads its last entry (PostgreSQL).
private struct ChainEndQuery: HotQuery {
    static let sql = "SELECT \(AuditStore.columns.joined(separator: ", ")) FROM relais_audit_chain_end()"
    var values: [HotQueryValue] { [] }
}

/// The audit chain's last entry (SQLite, whose writes take turns in the process).
private struct ChainTailQuery: HotQuery {
    static let sql =
        "SELECT \(AuditStore.columns.joined(separator: ", ")) FROM audit_events ORDER BY sequence DESC LIMIT 1"
    var values: [HotQueryValue] { [] }
}
