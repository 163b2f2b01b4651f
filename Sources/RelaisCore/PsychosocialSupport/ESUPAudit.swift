extension AuditResource {
    public static let consult = AuditResource(rawValue: "consult")
    public static let duo = AuditResource(rawValue: "duo")
    public static let supportPlan = AuditResource(rawValue: "support_plan")
}

extension ReadPurpose {
    /// The duo reading a consult's sealed details to advise.
    public static let consultAdvice = ReadPurpose(rawValue: "consult_advice")
    /// A frontline officer reading the approach note of a person on a call they attend.
    public static let approachNote = ReadPurpose(rawValue: "approach_note")
}

/// What ÉSUP's audit entries record.
extension AuditAction {
    public static let consultRequested = AuditAction(rawValue: "consult_requested")
    public static let consultAccepted = AuditAction(rawValue: "consult_accepted")
    public static let consultUpdated = AuditAction(rawValue: "consult_updated")
    public static let consultClosed = AuditAction(rawValue: "consult_closed")
    public static let consultWithdrawn = AuditAction(rawValue: "consult_withdrawn")
    public static let consultPersonLinked = AuditAction(rawValue: "consult_person_linked")
    public static let duoFormed = AuditAction(rawValue: "duo_formed")
    public static let duoStatusChanged = AuditAction(rawValue: "duo_status_changed")
    public static let supportPlanWritten = AuditAction(rawValue: "support_plan_written")
    public static let followUpTaskChanged = AuditAction(rawValue: "follow_up_task_changed")

    public static let psychosocialSupport: [AuditAction] = [
        .consultRequested, .consultAccepted, .consultUpdated, .consultClosed, .consultWithdrawn, .consultPersonLinked,
        .duoFormed, .duoStatusChanged, .supportPlanWritten, .followUpTaskChanged,
    ]
}
