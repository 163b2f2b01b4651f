extension RelaisStore {
    /// Situations through the four filters: agendas, votes, audited identity reads, redaction and retention.
    public var situations: SituationStore { SituationStore(store: self) }
    /// The table's agencies and their agreements.
    public var tableAgencies: TableAgencyStore { TableAgencyStore(store: self) }
    /// The risk taxonomy in use and its versions.
    public var riskTaxonomies: RiskTaxonomyStore { RiskTaxonomyStore(store: self) }
}
