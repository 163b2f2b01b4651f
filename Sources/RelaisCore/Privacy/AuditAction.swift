/// What an audit entry records. Stored as its raw value: never rename a case, add new ones.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case signInThrottled = "sign_in_throttled"
    case signOut = "sign_out"
    case passwordChanged = "password_changed"
    case secondFactorFailed = "second_factor_failed"
    case secondFactorEnabled = "second_factor_enabled"
    case secondFactorDisabled = "second_factor_disabled"
    case accessDenied = "access_denied"
    case csrfRejected = "csrf_rejected"
    case invalidToken = "invalid_token"
    case personalInformationRead = "personal_information_read"
    case organisationCreated = "organisation_created"
    case userCreated = "user_created"
    case tokenCreated = "token_created"
    case territoriesImported = "territories_imported"
    case territoriesServedChanged = "territories_served_changed"
    case serviceRequestCreated = "service_request_created"
    case triageOverridden = "triage_overridden"
    case teamCreated = "team_created"
    case shiftAdded = "shift_added"
    case teamAssigned = "team_assigned"
    case resourcesImported = "resources_imported"
    case resourceCapacityChanged = "resource_capacity_changed"
    case resourceHoursChanged = "resource_hours_changed"
    case resourceOrganizationLinked = "resource_organization_linked"
    case interventionRecorded = "intervention_recorded"
    case interventionClosed = "intervention_closed"
    case referralAnswered = "referral_answered"
    case tokenRevoked = "token_revoked"
    case assignmentReleased = "assignment_released"

    /// The locale catalogue key of the action's name.
    public var labelKey: String { "audit_action.\(rawValue)" }
}

/// How the audited attempt ended.
public enum AuditOutcome: String, CaseIterable, Sendable, Codable {
    case success
    case failure
    case denied
}
