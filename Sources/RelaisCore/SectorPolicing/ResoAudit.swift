extension AuditResource {
    public static let residentMessage = AuditResource(rawValue: "resident_message")
    public static let sectorOfficer = AuditResource(rawValue: "sector_officer")
    public static let sectorProblem = AuditResource(rawValue: "sector_problem")
    public static let publicMeeting = AuditResource(rawValue: "public_meeting")
    public static let sectorContact = AuditResource(rawValue: "sector_contact")
}

extension ReadPurpose {
    /// An officer or a supervisor reading a resident's message to answer it.
    public static let residentMessage = ReadPurpose(rawValue: "resident_message")
    /// An officer or a supervisor working a problem.
    public static let problemWork = ReadPurpose(rawValue: "problem_work")
    /// An officer reading their own work log (or a supervisor an officer's).
    public static let workLog = ReadPurpose(rawValue: "work_log")
}

/// What RÉSO's audit entries record.
extension AuditAction {
    public static let residentMessageReceived = AuditAction(rawValue: "resident_message_received")
    public static let residentMessageFollowedUp = AuditAction(rawValue: "resident_message_followed_up")
    public static let residentMessageEscalated = AuditAction(rawValue: "resident_message_escalated")
    public static let sectorOfficerSaved = AuditAction(rawValue: "sector_officer_saved")
    public static let sectorOfficerAssigned = AuditAction(rawValue: "sector_officer_assigned")
    public static let sectorOfficerPhotoChanged = AuditAction(rawValue: "sector_officer_photo_changed")
    public static let sectorProblemOpened = AuditAction(rawValue: "sector_problem_opened")
    public static let sectorProblemWorked = AuditAction(rawValue: "sector_problem_worked")
    public static let residentMessageLinked = AuditAction(rawValue: "resident_message_linked")
    public static let publicMeetingPlanned = AuditAction(rawValue: "public_meeting_planned")
    public static let publicMeetingCancelled = AuditAction(rawValue: "public_meeting_cancelled")
    public static let sectorContactRecorded = AuditAction(rawValue: "sector_contact_recorded")

    public static let sectorPolicing: [AuditAction] = [
        .residentMessageReceived, .residentMessageFollowedUp, .residentMessageEscalated, .sectorOfficerSaved,
        .sectorOfficerAssigned, .sectorOfficerPhotoChanged, .sectorProblemOpened, .sectorProblemWorked,
        .residentMessageLinked, .publicMeetingPlanned, .publicMeetingCancelled, .sectorContactRecorded,
    ]
}
