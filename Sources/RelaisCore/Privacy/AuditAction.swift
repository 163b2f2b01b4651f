/// What an audit entry records. Stored as its raw value: never rename a case, add new ones.
/// What an audit entry records, stored as its raw value (`sign_in`): never rename one, add new ones. The platform's
/// actions are here; each programme declares its own beside its rules and lists them in its manifest.
public struct AuditAction: RawRepresentable, Hashable, Sendable, Codable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let signIn = AuditAction(rawValue: "sign_in")
    public static let signInFailed = AuditAction(rawValue: "sign_in_failed")
    public static let signInThrottled = AuditAction(rawValue: "sign_in_throttled")
    public static let signOut = AuditAction(rawValue: "sign_out")
    public static let passwordChanged = AuditAction(rawValue: "password_changed")
    public static let secondFactorFailed = AuditAction(rawValue: "second_factor_failed")
    public static let secondFactorEnabled = AuditAction(rawValue: "second_factor_enabled")
    public static let secondFactorDisabled = AuditAction(rawValue: "second_factor_disabled")
    public static let accessDenied = AuditAction(rawValue: "access_denied")
    public static let csrfRejected = AuditAction(rawValue: "csrf_rejected")
    public static let invalidToken = AuditAction(rawValue: "invalid_token")
    public static let personalInformationRead = AuditAction(rawValue: "personal_information_read")
    public static let organisationCreated = AuditAction(rawValue: "organisation_created")
    public static let userCreated = AuditAction(rawValue: "user_created")
    public static let tokenCreated = AuditAction(rawValue: "token_created")
    public static let territoriesImported = AuditAction(rawValue: "territories_imported")
    public static let territoriesServedChanged = AuditAction(rawValue: "territories_served_changed")
    public static let placesImported = AuditAction(rawValue: "places_imported")
    public static let passwordResetRequested = AuditAction(rawValue: "password_reset_requested")
    public static let userInvited = AuditAction(rawValue: "user_invited")
    public static let userDisabled = AuditAction(rawValue: "user_disabled")
    public static let userEnabled = AuditAction(rawValue: "user_enabled")
    public static let mailRetried = AuditAction(rawValue: "mail_retried")
    public static let backupRecorded = AuditAction(rawValue: "backup_recorded")
    public static let resourcesImported = AuditAction(rawValue: "resources_imported")
    public static let resourceCapacityChanged = AuditAction(rawValue: "resource_capacity_changed")
    public static let resourceHoursChanged = AuditAction(rawValue: "resource_hours_changed")
    public static let resourceOrganizationLinked = AuditAction(rawValue: "resource_organization_linked")
    public static let tokenRevoked = AuditAction(rawValue: "token_revoked")
    public static let membershipGranted = AuditAction(rawValue: "membership_granted")
    public static let membershipWithdrawn = AuditAction(rawValue: "membership_withdrawn")

    /// The platform's actions (accounts, sessions, tokens, territories, the directory, access).
    public static let platform: [AuditAction] = [
        .signIn,
        .signInFailed,
        .signInThrottled,
        .signOut,
        .passwordChanged,
        .secondFactorFailed,
        .secondFactorEnabled,
        .secondFactorDisabled,
        .accessDenied,
        .csrfRejected,
        .invalidToken,
        .personalInformationRead,
        .organisationCreated,
        .userCreated,
        .tokenCreated,
        .territoriesImported,
        .territoriesServedChanged,
        .placesImported,
        .passwordResetRequested,
        .userInvited,
        .userDisabled,
        .userEnabled,
        .mailRetried,
        .backupRecorded,
        .resourcesImported,
        .resourceCapacityChanged,
        .resourceHoursChanged,
        .resourceOrganizationLinked,
        .tokenRevoked,
        .membershipGranted,
        .membershipWithdrawn,
    ]

    /// The locale catalogue key of the action's name.
    public var labelKey: String { "audit_action.\(rawValue)" }
}

/// How the audited attempt ended.
public enum AuditOutcome: String, CaseIterable, Sendable, Codable {
    case success
    case failure
    case denied
}
