extension Permission.Resource {
    /// Requests to the mobile mediation team.
    public static let serviceRequest = Self(rawValue: "service_request")
    /// Mobile teams and their shifts.
    public static let mobileTeam = Self(rawValue: "mobile_team")
    /// A mobile team's status on duty (available, en route, on scene…), which moves the request it carries.
    public static let teamStatus = Self(rawValue: "team_status")
    /// Interventions recorded by mobile teams.
    public static let intervention = Self(rawValue: "intervention")
}

extension Relationship {
    /// The record is the actor's own team (a member of it).
    public static let ownTeam = Self(rawValue: "own_team")
    /// The record is assigned to the actor's team (a request it was sent to, its intervention).
    public static let assigned = Self(rawValue: "assigned")
    /// The actor's team is on scene for the record now (recording its intervention).
    public static let onScene = Self(rawValue: "on_scene")
}

extension AccessGrants {
    /// The mobile mediation team's grants. Intake and dispatch work inside the dispatcher's own organisation; a
    /// mobile worker sees the board and the requests sent to their own team, moves only their own team and records
    /// the intervention their team is on scene for. Police and sector officers, and partners' applications through
    /// Open311, send requests from their own channel (``IntakeChannel``). Administrators set up teams and shifts but
    /// read no request.
    public static let mediation = AccessGrants(
        resources: [.serviceRequest, .mobileTeam, .teamStatus, .intervention],
        [
            .admin: grant(.everywhere, [.read, .create, .update, .delete], on: [.mobileTeam]),
            .dispatcher: grant(.ownOrganisation, [.read, .create, .update], on: [.serviceRequest])
                .merging(grant(.ownOrganisation, [.read, .update], on: [.mobileTeam, .teamStatus])) { $1 }
                .merging(grant(.ownOrganisation, [.read], on: [.intervention, .statistics])) { $1 },
            .mobileWorker: grant(.related(.assigned), [.read], on: [.serviceRequest, .intervention])
                .merging(grant(.ownOrganisation, [.read], on: [.mobileTeam, .teamStatus])) { $1 }
                .merging(grant(.related(.ownTeam), [.update], on: [.mobileTeam, .teamStatus])) { $1 }
                .merging(grant(.related(.onScene), [.create, .update], on: [.intervention])) { $1 },
            .policeOfficer: grant(.everywhere, [.create], on: [.serviceRequest]),
            .policeSocialWorker: grant(.everywhere, [.create], on: [.serviceRequest]),
            .sectorOfficer: grant(.everywhere, [.create], on: [.serviceRequest]),
            // Through Open311 only (``Role/signsIn``).
            .open311Client: grant(.everywhere, [.create], on: [.serviceRequest]),
        ])
}
