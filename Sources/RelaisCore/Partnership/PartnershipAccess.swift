extension Permission.Resource {
    /// A committee of the partnership structure and its work: meetings, minutes, concerns, actions, delegates.
    public static let committee = Self(rawValue: "committee")
    /// A committee member's identity and contact details (volunteers: personal information).
    public static let committeeMember = Self(rawValue: "committee_member")
    /// A registration to an open meeting: who comes (personal information).
    public static let meetingRegistration = Self(rawValue: "meeting_registration")
}

extension Relationship {
    /// The actor serves on the committee (their account is a member's with a running term).
    public static let seated = Self(rawValue: "seated")
}

extension AccessGrants {
    /// The partnership committees' grants. A coordinator keeps the committees of their police service: members and
    /// their terms (identities and contact details read only by them, audited), meetings, invitations,
    /// registrations, minutes, concerns, actions, delegates and the annual report. A member with an account reads
    /// their committees' meetings, minutes and actions. The public sees open meetings and the published report
    /// without an account (not a grant: those pages show only what is public).
    public static let partnership = AccessGrants(
        resources: [.committee, .committeeMember, .meetingRegistration],
        [
            .committeeCoordinator: grant(
                .ownOrganisation, [.read, .create, .update], on: [.committee, .committeeMember, .meetingRegistration]),
            .committeeMember: grant(.related(.seated), [.read], on: [.committee]),
        ])
}
