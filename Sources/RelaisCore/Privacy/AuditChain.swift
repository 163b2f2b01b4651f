import Crypto
import Foundation

/// The hash chain of the audit log: each entry carries the hash of the one before, so an edited or removed
/// row breaks every link after it.
public enum AuditChain {
    /// Makes the entry that follows `previous` (nil for the first one).
    public static func append(_ record: AuditRecord, after previous: AuditEntry?, at date: Date) -> AuditEntry {
        var entry = AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1,
            occurredAtMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()),
            actorUserID: record.actor?.userID,
            actorRole: record.actor?.role,
            actorOrganisationID: record.actor?.organisationID,
            action: record.action,
            outcome: record.outcome,
            resourceType: record.resourceType,
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
    public static func hash(of entry: AuditEntry) -> String {
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
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return digest.hexadecimal
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
    public static func verify(_ entries: some Sequence<AuditEntry>, after previous: AuditEntry?) -> BrokenLink? {
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
