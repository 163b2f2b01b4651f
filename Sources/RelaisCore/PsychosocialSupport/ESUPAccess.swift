extension Permission.Resource {
    /// A consult as the ÉSUP team keeps it: the request, the advice, the assessment, the outcome.
    public static let consult = Self(rawValue: "consult")
    /// A consult as the officer who asked sees it: its progress, the outcome, and the approach note.
    public static let consultRequest = Self(rawValue: "consult_request")
    /// The evenings' duos and their statuses.
    public static let duo = Self(rawValue: "duo")
    /// Support plans and follow-up tasks.
    public static let supportPlan = Self(rawValue: "support_plan")
}

extension Relationship {
    /// The actor asked for the consult.
    public static let requester = Self(rawValue: "requester")
    /// The actor's organisation is the ÉSUP team advising on the consult.
    public static let advising = Self(rawValue: "advising")
}

/// Who may ask ÉSUP for a consult: a frontline officer, a social worker, and a sector officer (RÉSO's officers ask
/// the service's social workers for what they are not equipped for).
public enum ESUPAccess {
    public static let requesters: Set<Role> = [.policeOfficer, .policeSocialWorker, .sectorOfficer]
}

extension AccessGrants {
    /// ÉSUP's grants. The team (its officers and social workers, members of the team's organisation) sees its
    /// consults, duos, persons and plans; any officer (a sector officer too) or social worker asks for a consult and
    /// follows their own requests; analysts read the measures (the platform's statistics). Administrators see no person, no consult.
    /// A consult belongs to the asking officer's service; the team reaches it as the advising partner.
    public static let psychosocialSupport = AccessGrants(
        resources: [.consult, .consultRequest, .duo, .supportPlan, .person],
        [
            .policeOfficer:
                teamGrants
                .merging(grant(.related(.requester), [.read, .update], on: [.consultRequest])) { $1 }
                .merging(grant(.everywhere, [.create], on: [.consultRequest])) { $1 },
            .policeSocialWorker:
                teamGrants
                .merging(grant(.related(.requester), [.read, .update], on: [.consultRequest])) { $1 }
                .merging(grant(.everywhere, [.create], on: [.consultRequest])) { $1 },
            .sectorOfficer:
                grant(.related(.requester), [.read, .update], on: [.consultRequest])
                .merging(grant(.everywhere, [.create], on: [.consultRequest])) { $1 },
        ])

    /// What a member of the ÉSUP team may do, in the team's organisation only.
    private static let teamGrants = grant(.partner(.advising), [.read, .update], on: [.consult])
        .merging(grant(.ownOrganisation, [.read, .create, .update], on: [.duo, .supportPlan, .person])) { $1 }
}
