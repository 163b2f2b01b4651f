/// Why a meeting step is refused; nothing was changed.
public enum MeetingRefusal: DomainError, Equatable {
    /// Another meeting is booked in the station at that time.
    case stationTaken
    /// The meeting was cancelled or closed.
    case closed
    /// Minutes are for a meeting that took place.
    case notHeld
    /// It changed meanwhile.
    case changed
    /// The meeting takes no registrations (not open, past, cancelled).
    case notTakingRegistrations
    /// The address is already registered.
    case alreadyRegistered
    /// Too many registrations from one network address in the hour.
    case tooMany

    public var code: String {
        switch self {
        case .stationTaken: "committees.station_taken"
        case .closed: "committees.meeting_closed"
        case .notHeld: "committees.not_held"
        case .changed: "committees.changed"
        case .notTakingRegistrations: "committees.no_registrations"
        case .alreadyRegistered: "committees.already_registered"
        case .tooMany: "committees.too_many_registrations"
        }
    }

    public var messageKey: String { "committees.error." + code.dropFirst("committees.".count) }
    public var kind: FailureKind {
        switch self {
        case .notTakingRegistrations: .notFound
        case .tooMany: .throttled
        default: .conflict
        }
    }
}
