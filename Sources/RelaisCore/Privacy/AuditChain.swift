import Crypto
import Foundation

/// The hash chain of the audit log: each entry carries a keyed hash (HMAC-SHA256) of its content and of the entry
/// before, so an edited or removed row breaks every link after it.
///
/// The key is derived from the deployment key, which is never in the database: someone who can write the database
/// cannot recompute the hashes after rewriting a row. Removing the last rows leaves an intact shorter chain, which only
/// a copy of the chain's head kept elsewhere reveals (``Anchor``, `relais audit anchor`).
public struct AuditChain: Sendable {
    // Key bytes rather than `SymmetricKey`, which is not `Sendable` in this version of swift-crypto.
    private let keyBytes: Data?

    /// The chain keyed from the 32-byte deployment key.
    public init(deploymentKey: [UInt8]) {
        keyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: deploymentKey), info: Data("relais-audit-chain-v1".utf8),
            outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
    }

    private init(unkeyed: Void) {
        keyBytes = nil
    }

    /// The chain as Relais wrote it before it was keyed (plain SHA-256), to check a log once before rekeying it.
    public static let unkeyed = AuditChain(unkeyed: ())

    /// Makes the entry that follows `previous` (nil for the first one).
    public func append(_ record: AuditRecord, after previous: AuditEntry?, at date: Date) -> AuditEntry {
        var entry = AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1,
            occurredAtMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()),
            actorUserID: record.actor?.userID,
            actorRole: record.actor?.home?.role,
            actorOrganisationID: record.actor?.home?.organisationID,
            action: record.action,
            outcome: record.outcome,
            resourceType: record.resourceType?.rawValue,
            resourceID: record.resourceID,
            purpose: record.purpose,
            requestID: record.requestID,
            previousHash: previous?.hash ?? AuditEntry.genesisHash,
            hash: ""
        )
        entry.hash = hash(of: entry)
        return entry
    }

    /// The hash of an entry's content and its link to the previous entry.
    public func hash(of entry: AuditEntry) -> String {
        let fields: [String] = [
            String(entry.sequence),
            String(entry.occurredAtMilliseconds),
            entry.actorUserID?.description ?? "",
            entry.actorRole?.rawValue ?? "",
            entry.actorOrganisationID?.description ?? "",
            entry.action.rawValue,
            entry.outcome.rawValue,
            entry.resourceType ?? "",
            entry.resourceID ?? "",
            entry.purpose ?? "",
            entry.requestID ?? "",
            entry.previousHash,
        ]
        let content = Data(fields.joined(separator: "\u{1F}").utf8)
        guard let keyBytes else { return SHA256.hash(data: content).hexadecimal }
        return Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: keyBytes))).hexadecimal
    }

    /// A broken link found by ``verify(_:after:)``.
    public struct BrokenLink: Sendable, Equatable {
        public enum Reason: String, Sendable {
            /// The entry's own content no longer matches its hash: it was edited.
            case contentChanged = "content_changed"
            /// The entry does not point at the hash of the entry before it: a row was removed or inserted.
            case linkBroken = "link_broken"
            /// The sequence numbers skip or repeat.
            case sequenceGap = "sequence_gap"
            /// The entry an anchor names is gone or has another hash: the log was cut short or rewritten since.
            case anchorMissing = "anchor_missing"
        }

        public let sequence: Int64
        public let reason: Reason

        public init(sequence: Int64, reason: Reason) {
            self.sequence = sequence
            self.reason = reason
        }
    }

    /// Checks consecutive entries, in sequence order, that follow `previous` (nil: they start the log).
    /// Returns the first broken link, or nil when the chain holds.
    public func verify(_ entries: some Sequence<AuditEntry>, after previous: AuditEntry?) -> BrokenLink? {
        var expectedSequence = (previous?.sequence ?? 0) + 1
        var expectedPreviousHash = previous?.hash ?? AuditEntry.genesisHash
        for entry in entries {
            if entry.sequence != expectedSequence { return BrokenLink(sequence: entry.sequence, reason: .sequenceGap) }
            if entry.previousHash != expectedPreviousHash {
                return BrokenLink(sequence: entry.sequence, reason: .linkBroken)
            }
            if hash(of: entry) != entry.hash { return BrokenLink(sequence: entry.sequence, reason: .contentChanged) }
            expectedSequence += 1
            expectedPreviousHash = entry.hash
        }
        return nil
    }
}

extension AuditChain {
    /// The chain's head as it stood at some moment, copied outside the database (an external log, a ticket, paper)
    /// by `relais audit anchor`: the chain must still hold this entry with this hash, so that rewriting the log from
    /// there or removing its last rows is found by `relais audit verify --anchor …`.
    public struct Anchor: Sendable, Equatable, CustomStringConvertible {
        public let sequence: Int64
        public let hash: String

        public init(sequence: Int64, hash: String) {
            self.sequence = sequence
            self.hash = hash
        }

        /// The anchor of the entry.
        public init(_ entry: AuditEntry) {
            self.init(sequence: entry.sequence, hash: entry.hash)
        }

        /// `SEQUENCE:HASH`, as printed and as given back.
        public var description: String { "\(sequence):\(hash)" }

        /// Reads `SEQUENCE:HASH` (a positive sequence, 64 lowercase hexadecimal digits); nil for anything else.
        public init?(_ text: String) {
            let parts = text.trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count <= 18, let sequence = Int64(parts[0]), sequence > 0,
                parts[1].count == 64, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else { return nil }
            self.init(sequence: sequence, hash: String(parts[1]))
        }
    }
}
