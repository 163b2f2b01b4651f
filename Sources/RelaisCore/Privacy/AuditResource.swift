/// The kind of record an audit entry concerns, stored as its raw value (`service_request`). The platform's kinds
/// are here; each programme declares its own beside its rules, so that no entry names a kind as a bare string.
public struct AuditResource: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let user = AuditResource(rawValue: "user")
    public static let apiToken = AuditResource(rawValue: "api_token")
    public static let organisation = AuditResource(rawValue: "organisation")
    public static let territory = AuditResource(rawValue: "territory")
    /// A service of the resource directory.
    public static let resourceService = AuditResource(rawValue: "resource_service")

    /// The kind a permission's resource is audited under (an access denied).
    public init(_ resource: Permission.Resource) {
        self.init(rawValue: resource.rawValue)
    }
}

/// Why personal information was read, stored as the entry's purpose: every read of a sealed field about a person
/// says what work it served.
public struct ReadPurpose: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Administering staff accounts.
    public static let accountAdministration = ReadPurpose(rawValue: "account_administration")
}

extension AuditRecord {
    /// A read of personal information about the record `id` of `resource`, for `purpose`.
    public static func read(
        _ resource: AuditResource, _ id: String, by actor: Actor?, for purpose: ReadPurpose, requestID: String? = nil
    ) -> AuditRecord {
        AuditRecord(
            actor: actor, action: .personalInformationRead, resourceType: resource, resourceID: id,
            purpose: purpose.rawValue, requestID: requestID)
    }
}
