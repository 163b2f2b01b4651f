import Foundation

/// One row of the append-only audit log: who did what to which record, when and why — never the information itself.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// The position in the log, from 1, with no gaps.
    public var sequence: Int64
    /// When it happened, in milliseconds since 1970 UTC (integer, so that the hash is exact on every engine).
    public var occurredAtMilliseconds: Int64
    public var actorUserID: User.ID?
    public var actorRole: Role?
    public var actorOrganisationID: Organisation.ID?
    public var action: AuditAction
    public var outcome: AuditOutcome
    /// The kind of record concerned, for example `user`.
    public var resourceType: String?
    /// The identifier of the record concerned; never a name or any other personal information.
    public var resourceID: String?
    /// Why: the purpose stated for a read of personal information, or a short reason code.
    public var purpose: String?
    /// The request that caused it, to match the structured logs.
    public var requestID: String?
    public var previousHash: String
    public var hash: String

    /// The largest sequence a client can name: 2⁵³ − 1, the largest integer every JSON reader holds exactly.
    public static let maximumSequence: Int64 = 9_007_199_254_740_991

    /// The hash before the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    public init(
        sequence: Int64, occurredAtMilliseconds: Int64, actorUserID: User.ID?, actorRole: Role?,
        actorOrganisationID: Organisation.ID?, action: AuditAction, outcome: AuditOutcome, resourceType: String?,
        resourceID: String?, purpose: String?, requestID: String?, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.occurredAtMilliseconds = occurredAtMilliseconds
        self.actorUserID = actorUserID
        self.actorRole = actorRole
        self.actorOrganisationID = actorOrganisationID
        self.action = action
        self.outcome = outcome
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.purpose = purpose
        self.requestID = requestID
        self.previousHash = previousHash
        self.hash = hash
    }

    public var occurredAt: Date { Date(timeIntervalSince1970: Double(occurredAtMilliseconds) / 1000) }
}

/// What a caller asks to record; the log fills in the sequence, the time and the hashes.
public struct AuditRecord: Sendable, Equatable {
    public var actor: Actor?
    public var action: AuditAction
    public var outcome: AuditOutcome
    public var resourceType: AuditResource?
    public var resourceID: String?
    public var purpose: String?
    public var requestID: String?

    public init(
        actor: Actor?, action: AuditAction, outcome: AuditOutcome = .success, resourceType: AuditResource? = nil,
        resourceID: String? = nil, purpose: String? = nil, requestID: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.outcome = outcome
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.purpose = purpose
        self.requestID = requestID
    }
}
