extension RelaisStore {
    /// Requests to the mobile team: intake, audited reads, timelines.
    public var serviceRequests: ServiceRequestStore { ServiceRequestStore(store: self) }
    /// Mobile teams, their members and shifts.
    public var teams: TeamStore { TeamStore(store: self) }
    /// Assignments and team statuses, as conditional writes.
    public var dispatch: DispatchStore { DispatchStore(store: self) }
    /// Interventions on scene and the referrals they make.
    public var interventions: InterventionStore { InterventionStore(store: self) }
}

extension RelaisStore {
    /// Workers' calls for backup.
    public var backupAlerts: BackupAlertStore { BackupAlertStore(store: self) }
}
