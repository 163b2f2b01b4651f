extension AccessGrants {
    /// The platform's grants: administrators run the deployment (organisations, accounts, territories, the audit
    /// log) and every staff member reads what their work needs (organisations, territories, the directory). An
    /// agency's staff keep the directory entries of the services their organisation runs; analysts and
    /// coordinators read de-identified statistics. A programme's records are granted by the programme.
    public static let platform = AccessGrants(
        resources: Permission.Resource.platform,
        [
            .admin: grant(
                .everywhere, [.read, .create, .update, .delete],
                on: [.organisation, .user, .apiToken, .territory, .sharingAgreement]
            )
            .merging(grant(.everywhere, [.read], on: [.auditLog, .statistics, .resourceDirectory])) { $1 },
            .dispatcher: common,
            .mobileWorker: common,
            .policeOfficer: common,
            .policeSocialWorker: common,
            .sectorOfficer: common,
            .sectorSupervisor: common,
            .tableChair: common.merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
            // The directory services their organisation runs: capacity, hours and the referrals made to them.
            .agencyRepresentative: common.merging(grant(.ownOrganisation, [.update], on: [.resourceDirectory])) {
                $1
            },
            .committeeCoordinator: common.merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
            .committeeMember: common,
            .analyst: common.merging(grant(.everywhere, [.read], on: [.statistics])) { $1 },
        ])

    /// What every staff member may read to do their work: organisations, territories and the directory.
    public static let common = grant(.everywhere, [.read], on: [.organisation, .territory, .resourceDirectory])
}
