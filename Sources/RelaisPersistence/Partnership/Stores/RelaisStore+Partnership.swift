extension RelaisStore {
    /// The committees, the stations they meet in, their members and terms.
    public var committees: CommitteeStore { CommitteeStore(store: self) }
    /// The committees' meetings, agendas, minutes and registrations.
    public var committeeMeetings: CommitteeMeetingStore { CommitteeMeetingStore(store: self) }
    /// The committees' concerns, actions, delegates and published reports.
    public var committeeWork: CommitteeWorkStore { CommitteeWorkStore(store: self) }
}
