import Fluent
import RelaisCore

/// Who reads personal information and why. The store APIs that open sealed fields about people take one and write
/// the read's audit entry in the same transaction as the read: a desk cannot forget the audit, and a read whose entry
/// could not be written returns nothing.
public struct Reader: Sendable {
    public let actor: Actor?
    public let purpose: ReadPurpose
    public let requestID: String?

    public init(_ actor: Actor?, for purpose: ReadPurpose, requestID: String? = nil) {
        self.actor = actor
        self.purpose = purpose
        self.requestID = requestID
    }
}

extension RelaisStore {
    /// Runs `read` and, when it found something, appends the audit entry of `reader` reading `resource` (the record
    /// `id` names in what was found, if one), in one transaction.
    func audited<T: Sendable>(
        _ resource: AuditResource, by reader: Reader, id: @escaping @Sendable (T) -> String?,
        _ read: @escaping @Sendable (RelaisStore) async throws -> T?
    ) async throws -> T? {
        try await transaction { tx in
            guard let found = try await read(tx) else { return nil }
            try await tx.audit.append(
                AuditRecord(
                    actor: reader.actor, action: .personalInformationRead, resourceType: resource,
                    resourceID: id(found), purpose: reader.purpose.rawValue, requestID: reader.requestID))
            return found
        }
    }
}
