/// The kinds of record the mobile mediation team's audit entries concern.
extension AuditResource {
    public static let serviceRequest = AuditResource(rawValue: "service_request")
    public static let mobileTeam = AuditResource(rawValue: "mobile_team")
    public static let intervention = AuditResource(rawValue: "intervention")
    public static let referral = AuditResource(rawValue: "referral")
}

/// Why the mobile mediation team reads personal information.
extension ReadPurpose {
    /// A coordinator reading a request to dispatch it (or following it).
    public static let dispatch = ReadPurpose(rawValue: "dispatch")
    /// A worker reading the request their team was sent to.
    public static let assignment = ReadPurpose(rawValue: "assignment")
    /// A worker reading what their team recorded on scene.
    public static let intervention = ReadPurpose(rawValue: "intervention")
    /// A resource's staff reading the referrals made to them.
    public static let referrals = ReadPurpose(rawValue: "referrals")
}

/// What the mobile mediation team's audit entries record.
extension AuditAction {
    public static let serviceRequestCreated = AuditAction(rawValue: "service_request_created")
    public static let triageOverridden = AuditAction(rawValue: "triage_overridden")
    public static let teamCreated = AuditAction(rawValue: "team_created")
    public static let shiftAdded = AuditAction(rawValue: "shift_added")
    public static let teamAssigned = AuditAction(rawValue: "team_assigned")
    public static let interventionRecorded = AuditAction(rawValue: "intervention_recorded")
    public static let interventionClosed = AuditAction(rawValue: "intervention_closed")
    public static let referralAnswered = AuditAction(rawValue: "referral_answered")
    public static let assignmentReleased = AuditAction(rawValue: "assignment_released")
    public static let serviceRequestClosed = AuditAction(rawValue: "service_request_closed")
    public static let serviceRequestNoted = AuditAction(rawValue: "service_request_noted")
    public static let backupRequested = AuditAction(rawValue: "backup_requested")
    public static let backupAcknowledged = AuditAction(rawValue: "backup_acknowledged")

    /// The mobile mediation team's actions.
    public static let mediation: [AuditAction] = [
        .serviceRequestCreated,
        .triageOverridden,
        .teamCreated,
        .shiftAdded,
        .teamAssigned,
        .interventionRecorded,
        .interventionClosed,
        .referralAnswered,
        .assignmentReleased,
        .serviceRequestClosed,
        .serviceRequestNoted,
        .backupRequested,
        .backupAcknowledged,
    ]
}
