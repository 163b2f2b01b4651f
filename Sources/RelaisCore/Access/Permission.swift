/// Something a user may do to a kind of resource.
public struct Permission: Hashable, Sendable, CustomStringConvertible {
    /// What is done.
    public enum Action: String, CaseIterable, Sendable {
        case read
        case create
        case update
        case delete
    }

    /// What it is done to: the platform's resources are declared here, each programme's beside its rules.
    public struct Resource: RawRepresentable, Hashable, Sendable {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Organisations taking part.
        public static let organisation = Resource(rawValue: "organisation")
        /// Staff accounts and their memberships.
        public static let user = Resource(rawValue: "user")
        /// API tokens of staff accounts.
        public static let apiToken = Resource(rawValue: "api_token")
        /// The append-only audit log.
        public static let auditLog = Resource(rawValue: "audit_log")
        /// Territories (boroughs, sectors).
        public static let territory = Resource(rawValue: "territory")
        /// The community resource directory.
        public static let resourceDirectory = Resource(rawValue: "resource_directory")
        /// De-identified statistics.
        public static let statistics = Resource(rawValue: "statistics")

        /// The platform's resources, in the order pages list them.
        public static let platform: [Resource] = [
            .organisation, .user, .apiToken, .auditLog, .territory, .resourceDirectory, .statistics,
            .sharingAgreement,
        ]

        /// The locale catalogue key of the resource's name.
        public var labelKey: String { "resource.\(rawValue)" }
    }

    public let action: Action
    public let resource: Resource

    public init(_ action: Action, _ resource: Resource) {
        self.action = action
        self.resource = resource
    }

    public var description: String { "\(action.rawValue):\(resource.rawValue)" }
}
