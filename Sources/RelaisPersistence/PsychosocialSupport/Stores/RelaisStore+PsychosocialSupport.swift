extension RelaisStore {
    /// ÉSUP's consults: the queue, the officers' own requests, the measures' rows.
    public var consults: ConsultStore { ConsultStore(store: self) }
    /// ÉSUP's duos of each evening and their statuses.
    public var duos: DuoStore { DuoStore(store: self) }
    /// ÉSUP's support plans and follow-up tasks.
    public var supportPlans: SupportPlanStore { SupportPlanStore(store: self) }
}
