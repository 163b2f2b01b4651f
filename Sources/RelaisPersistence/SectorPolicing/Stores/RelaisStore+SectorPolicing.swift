extension RelaisStore {
    /// RÉSO's officers: cards, sectors and their history, duty, photos.
    public var sectorOfficers: SectorOfficerStore { SectorOfficerStore(store: self) }
    /// RÉSO's residents' messages and their follow-up.
    public var residentMessages: ResidentMessageStore { ResidentMessageStore(store: self) }
}
