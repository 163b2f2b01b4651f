/// What a person does in the programmes: the jobs of the five programmes' users. A person holds a role in an
/// organisation (``Membership``), and may hold several.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Runs the deployment: organisations, accounts, the audit log.
    case admin
    /// Intake coordinator and dispatcher of the mobile mediation team.
    case dispatcher
    /// Civilian social worker of a mobile team, working from a car.
    case mobileWorker = "mobile_worker"
    /// Frontline police officer.
    case policeOfficer = "police_officer"
    /// Social worker advising police in psychosocial emergencies.
    case policeSocialWorker = "police_social_worker"
    /// Officer assigned to a sector, whom residents contact directly.
    case sectorOfficer = "sector_officer"
    /// Supervisor of a police service's sector officers: every sector of the service.
    case sectorSupervisor = "sector_supervisor"
    /// Chair of a situation table.
    case tableChair = "table_chair"
    /// Representative of an agency at a situation table.
    case agencyRepresentative = "agency_representative"
    /// Coordinator of partnership committees.
    case committeeCoordinator = "committee_coordinator"
    /// A volunteer member of a committee with an account: their committees' meetings, minutes and actions.
    case committeeMember = "committee_member"
    /// Reads de-identified statistics only.
    case analyst
    /// A partner's application (a 311 line, a residents' app) sending requests through Open311.
    case open311Client = "open311_client"

    /// Roles whose work includes reading personal information about the people served.
    /// A deployment can require a second factor for them (`RELAIS_REQUIRE_TOTP`).
    public var readsPersonalInformation: Bool {
        switch self {
        case .admin, .dispatcher, .mobileWorker, .policeOfficer, .policeSocialWorker, .sectorOfficer, .sectorSupervisor,
            .tableChair, .agencyRepresentative, .committeeCoordinator:
            true
        case .committeeMember, .analyst, .open311Client:
            false
        }
    }

    /// Whether accounts with this role sign in to pages and use the staff API. A partner application's account
    /// (`open311_client`) does neither: its only door is Open311, with an `api_key` made for it.
    public var signsIn: Bool { self != .open311Client }

    /// The locale catalogue key of the role's name.
    public var labelKey: String { "role.\(rawValue)" }
}
