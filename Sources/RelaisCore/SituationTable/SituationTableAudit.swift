/// The kinds of record the situation table's audit entries concern.
extension AuditResource {
    public static let situation = AuditResource(rawValue: "situation")
    public static let tableMeeting = AuditResource(rawValue: "table_meeting")
    public static let tableAgency = AuditResource(rawValue: "table_agency")
    public static let riskTaxonomy = AuditResource(rawValue: "risk_taxonomy")
}

/// Why the situation table reads personal information.
extension ReadPurpose {
    /// The originating agency reading the identity it recorded (filter 1).
    public static let originatingAgency = ReadPurpose(rawValue: "originating_agency")
    /// A representative present reading the minimal identity the table revealed (filter 3).
    public static let tableReveal = ReadPurpose(rawValue: "table_reveal")
    /// An intervening agency reading the full identity (filter 4).
    public static let interveningAgency = ReadPurpose(rawValue: "intervening_agency")
}

/// What the situation table's audit entries record: every move between filters, every vote, every reveal.
extension AuditAction {
    public static let situationOpened = AuditAction(rawValue: "situation_opened")
    public static let situationBrought = AuditAction(rawValue: "situation_brought")
    public static let situationVoted = AuditAction(rawValue: "situation_voted")
    public static let situationAccepted = AuditAction(rawValue: "situation_accepted")
    public static let situationRejected = AuditAction(rawValue: "situation_rejected")
    public static let minimalIdentityRevealed = AuditAction(rawValue: "minimal_identity_revealed")
    public static let interveningAgenciesNamed = AuditAction(rawValue: "intervening_agencies_named")
    public static let interventionReported = AuditAction(rawValue: "intervention_reported")
    public static let situationConcluded = AuditAction(rawValue: "situation_concluded")
    public static let situationIdentityDestroyed = AuditAction(rawValue: "situation_identity_destroyed")
    public static let meetingScheduled = AuditAction(rawValue: "meeting_scheduled")
    public static let meetingCancelled = AuditAction(rawValue: "meeting_cancelled")
    public static let attendanceRecorded = AuditAction(rawValue: "attendance_recorded")
    public static let tableAgencyChanged = AuditAction(rawValue: "table_agency_changed")
    public static let riskTaxonomyImported = AuditAction(rawValue: "risk_taxonomy_imported")
    public static let tableReportExported = AuditAction(rawValue: "table_report_exported")

    /// The situation table's actions.
    public static let situationTable: [AuditAction] = [
        .situationOpened, .situationBrought, .situationVoted, .situationAccepted, .situationRejected,
        .minimalIdentityRevealed, .interveningAgenciesNamed, .interventionReported, .situationConcluded,
        .situationIdentityDestroyed, .meetingScheduled, .meetingCancelled, .attendanceRecorded, .tableAgencyChanged,
        .riskTaxonomyImported, .tableReportExported,
    ]
}
