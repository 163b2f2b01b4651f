extension AuditResource {
    public static let committee = AuditResource(rawValue: "committee")
    public static let committeeMember = AuditResource(rawValue: "committee_member")
    public static let committeeMeeting = AuditResource(rawValue: "committee_meeting")
    public static let meetingRegistration = AuditResource(rawValue: "meeting_registration")
}

extension ReadPurpose {
    /// A coordinator keeping a committee's members and terms.
    public static let committeeMembers = ReadPurpose(rawValue: "committee_members")
    /// A coordinator reading who registered to a meeting.
    public static let meetingRegistrations = ReadPurpose(rawValue: "meeting_registrations")
}

/// What the partnership committees' audit entries record.
extension AuditAction {
    public static let committeeSaved = AuditAction(rawValue: "committee_saved")
    public static let committeeMemberAdded = AuditAction(rawValue: "committee_member_added")
    public static let committeeMandateGiven = AuditAction(rawValue: "committee_mandate_given")
    public static let committeeMandateEnded = AuditAction(rawValue: "committee_mandate_ended")
    public static let committeeMeetingPlanned = AuditAction(rawValue: "committee_meeting_planned")
    public static let committeeMeetingChanged = AuditAction(rawValue: "committee_meeting_changed")
    public static let committeeMeetingCancelled = AuditAction(rawValue: "committee_meeting_cancelled")
    public static let committeeInvitationsSent = AuditAction(rawValue: "committee_invitations_sent")
    public static let meetingRegistrationReceived = AuditAction(rawValue: "meeting_registration_received")
    public static let meetingRegistrationCancelled = AuditAction(rawValue: "meeting_registration_cancelled")
    public static let committeeMinutesRecorded = AuditAction(rawValue: "committee_minutes_recorded")
    public static let committeeConcernRaised = AuditAction(rawValue: "committee_concern_raised")
    public static let committeeActionSaved = AuditAction(rawValue: "committee_action_saved")
    public static let committeeDelegatesNamed = AuditAction(rawValue: "committee_delegates_named")
    public static let committeeReportPublished = AuditAction(rawValue: "committee_report_published")

    public static let partnership: [AuditAction] = [
        .committeeSaved, .committeeMemberAdded, .committeeMandateGiven, .committeeMandateEnded,
        .committeeMeetingPlanned,
        .committeeMeetingChanged, .committeeMeetingCancelled, .committeeInvitationsSent, .meetingRegistrationReceived,
        .meetingRegistrationCancelled, .committeeMinutesRecorded, .committeeConcernRaised, .committeeActionSaved,
        .committeeDelegatesNamed, .committeeReportPublished,
    ]
}
