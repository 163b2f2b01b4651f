/// The persons' resources: the records, their consents, and the deployment's sharing agreements.
extension Permission.Resource {
    /// A person's record and sealed identifiers.
    public static let person = Self(rawValue: "person")
    /// The information-sharing agreements between organisations.
    public static let sharingAgreement = Self(rawValue: "sharing_agreement")
}

extension AuditResource {
    public static let person = AuditResource(rawValue: "person")
    public static let sharingAgreement = AuditResource(rawValue: "sharing_agreement")
}

extension ReadPurpose {
    /// A team finding or reading a person it keeps the record of.
    public static let personFollowUp = ReadPurpose(rawValue: "person_follow_up")
    /// A person's own record of reads, exported for their access request (Québec's Law 25, s. 27).
    public static let accessRequest = ReadPurpose(rawValue: "access_request")
}

/// What the persons' audit entries record.
extension AuditAction {
    public static let personRecorded = AuditAction(rawValue: "person_recorded")
    public static let personMerged = AuditAction(rawValue: "person_merged")
    public static let personMergeUndone = AuditAction(rawValue: "person_merge_undone")
    public static let consentRecorded = AuditAction(rawValue: "consent_recorded")
    public static let consentWithdrawn = AuditAction(rawValue: "consent_withdrawn")
    public static let crossProgrammeCountShown = AuditAction(rawValue: "cross_programme_count_shown")
    public static let sharingAgreementChanged = AuditAction(rawValue: "sharing_agreement_changed")

    /// The persons' actions (a platform piece, used by several programmes).
    public static let persons: [AuditAction] = [
        .personRecorded, .personMerged, .personMergeUndone, .consentRecorded, .consentWithdrawn,
        .crossProgrammeCountShown, .sharingAgreementChanged,
    ]
}
