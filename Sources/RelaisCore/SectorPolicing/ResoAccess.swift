extension Permission.Resource {
    /// A resident's message to a sector officer, and its follow-up.
    public static let residentMessage = Self(rawValue: "resident_message")
    /// The officers of a police service's RÉSO team: cards, sectors, schedules, photos.
    public static let sectorOfficer = Self(rawValue: "sector_officer")
    /// A recurring problem of a sector (SARA), its actions and linked messages.
    public static let sectorProblem = Self(rawValue: "sector_problem")
    /// An officer's work log: contacts and visits in their sector.
    public static let sectorContact = Self(rawValue: "sector_contact")
}

extension Relationship {
    /// The actor answers the message: the officer of its sector, or the colleague it went to unanswered.
    public static let answering = Self(rawValue: "answering")
    /// The actor is the officer of the record's sector.
    public static let sectorHolder = Self(rawValue: "sector_holder")
}

extension AccessGrants {
    /// RÉSO's grants. An officer reads and follows up the messages they answer (their sector's, and those sent on
    /// to them while a colleague is away), works their sector's problems, and sees their colleagues' cards; a supervisor reads every message of
    /// their service and keeps the officers' cards, sectors, schedules and photos. The public reads the cards
    /// without an account (not a grant: the public page shows only what is public).
    public static let sectorPolicing = AccessGrants(
        resources: [.residentMessage, .sectorOfficer, .sectorProblem, .sectorContact, .person],
        [
            .sectorOfficer:
                grant(.related(.answering), [.read, .update], on: [.residentMessage])
                .merging(grant(.related(.sectorHolder), [.read, .create, .update], on: [.sectorProblem])) { $1 }
                .merging(grant(.related(.sectorHolder), [.read, .create], on: [.sectorContact])) { $1 }
                // The persons of the work log: pseudonymous records of the officer's own police service.
                .merging(grant(.ownOrganisation, [.read, .create], on: [.person])) { $1 }
                .merging(grant(.ownOrganisation, [.read], on: [.sectorOfficer])) { $1 },
            .sectorSupervisor: grant(
                .ownOrganisation, [.read, .create, .update], on: [.residentMessage, .sectorOfficer, .sectorProblem]),
        ])
}
