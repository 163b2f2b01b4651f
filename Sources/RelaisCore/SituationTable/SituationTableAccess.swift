extension Permission.Resource {
    /// A situation as its originating agency knows it, before it is brought to the table (filter 1).
    public static let situation = Self(rawValue: "situation")
    /// The table's de-identified agenda: situations brought to it, their votes and decisions (filter 2 on).
    public static let tableAgenda = Self(rawValue: "table_agenda")
    /// The sealed identity of the people a situation concerns, as its originating agency recorded it.
    public static let situationIdentity = Self(rawValue: "situation_identity")
    /// The full identity shared with the intervening agencies for a limited time (filter 4).
    public static let sharedIdentity = Self(rawValue: "shared_identity")
    /// What the intervening agencies report: the first intervention and the services mobilized.
    public static let interventionReport = Self(rawValue: "intervention_report")
    /// The minimal identity fields revealed to the agencies present (filter 3).
    public static let revealedIdentity = Self(rawValue: "revealed_identity")
    /// An agency's vote on whether a situation meets the threshold of acutely elevated risk.
    public static let tableVote = Self(rawValue: "table_vote")
    /// The table's meetings: schedule, attendance, votes and decisions.
    public static let tableMeeting = Self(rawValue: "table_meeting")
    /// The agencies of the table and their information-sharing agreements.
    public static let tableAgency = Self(rawValue: "table_agency")
    /// The risk factors' taxonomy.
    public static let riskTaxonomy = Self(rawValue: "risk_taxonomy")
    /// One de-identified row per discussion, for the province's reporting.
    public static let tableReport = Self(rawValue: "table_report")
}

extension Relationship {
    /// The actor's agency leads or assists the intervention, within the time identity is shared (filter 4).
    public static let intervening = Self(rawValue: "intervening")
    /// The actor's agency was present, with a signed agreement, when the table revealed the minimal identity
    /// (filter 3).
    public static let present = Self(rawValue: "present")
}

extension AccessGrants {
    /// The situation table's grants, over the four filters. An agency's representatives open and bring their own
    /// agency's situations and see the table's de-identified agenda; identity reaches other agencies only as
    /// filter 3 and 4 allow (``SituationVisibility``). The chair runs the meetings and sees the whole process, with
    /// no identity through the role. Administrators keep the agencies, never a discussion; analysts read trends only
    /// (the platform's statistics).
    public static let situationTable = AccessGrants(
        resources: [
            .situation, .tableAgenda, .situationIdentity, .sharedIdentity, .revealedIdentity, .interventionReport,
            .tableVote,
            .tableMeeting, .tableAgency,
            .riskTaxonomy, .tableReport,
        ],
        [
            .admin: grant(.everywhere, [.read, .create, .update, .delete], on: [.tableAgency]),
            .tableChair: grant(.everywhere, [.read, .update], on: [.tableAgenda, .riskTaxonomy])
                .merging(grant(.everywhere, [.read, .create, .update], on: [.tableMeeting])) { $1 }
                .merging(grant(.everywhere, [.read], on: [.tableAgency, .tableReport])) { $1 },
            .agencyRepresentative: grant(.ownOrganisation, [.read, .create, .update], on: [.situation])
                .merging(grant(.ownOrganisation, [.read, .create], on: [.situationIdentity])) { $1 }
                .merging(grant(.partner(.intervening), [.read], on: [.sharedIdentity])) { $1 }
                .merging(grant(.partner(.intervening), [.create], on: [.interventionReport])) { $1 }
                .merging(grant(.partner(.present), [.read], on: [.revealedIdentity])) { $1 }
                .merging(grant(.everywhere, [.read], on: [.tableAgenda, .tableMeeting, .tableAgency, .riskTaxonomy])) {
                    $1
                }
                // An agency votes for itself, when present (``SituationRules/vote(on:by:present:votes:)``).
                .merging(grant(.everywhere, [.create], on: [.tableVote])) { $1 },
        ])
}
