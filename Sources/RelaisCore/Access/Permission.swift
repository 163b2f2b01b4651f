/// Something a user may do to a kind of resource.
public struct Permission: Hashable, Sendable, CustomStringConvertible {
    /// What is done.
    public enum Action: String, CaseIterable, Sendable {
        case read
        case create
        case update
        case delete
    }

    /// What it is done to.
    public enum Resource: String, CaseIterable, Sendable {
        /// Organisations taking part.
        case organisation
        /// Staff accounts.
        case user
        /// API tokens of staff accounts.
        case apiToken = "api_token"
        /// The append-only audit log.
        case auditLog = "audit_log"
        /// Territories (boroughs, sectors).
        case territory
        /// Requests to the mobile mediation team.
        case serviceRequest = "service_request"
        /// Mobile teams and their shifts.
        case mobileTeam = "mobile_team"
        /// A mobile team's status on duty (available, en route, on scene…), which moves the request it carries.
        case teamStatus = "team_status"
        /// Interventions recorded by mobile teams.
        case intervention
        /// The community resource directory.
        case resourceDirectory = "resource_directory"
        /// Pseudonymous person records of the psychosocial support programme.
        case personRecord = "person_record"
        /// Sector officers' public cards and residents' contacts.
        case sectorContact = "sector_contact"
        /// Partnership committees, memberships and meetings.
        case committee
        /// Situation table discussions.
        case tableDiscussion = "table_discussion"
        /// De-identified statistics.
        case statistics
    }

    public let action: Action
    public let resource: Resource

    public init(_ action: Action, _ resource: Resource) {
        self.action = action
        self.resource = resource
    }

    public var description: String { "\(action.rawValue):\(resource.rawValue)" }
}
