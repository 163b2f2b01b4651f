extension RelaisStore {
    /// RÉSO's officers: cards, sectors and their history, duty, photos.
    public var sectorOfficers: SectorOfficerStore { SectorOfficerStore(store: self) }
    /// RÉSO's residents' messages and their follow-up.
    public var residentMessages: ResidentMessageStore { ResidentMessageStore(store: self) }
    /// RÉSO's problems (SARA), their actions, and the repeat places.
    public var sectorProblems: SectorProblemStore { SectorProblemStore(store: self) }
    /// RÉSO's officers' work logs.
    public var sectorContacts: SectorContactStore { SectorContactStore(store: self) }
}
