import Foundation

/// A resident's (or a target organisation's) registration to an open meeting: who comes is sealed; its place is
/// in the hall or on the waiting list, in the order registrations came.
public struct Registration: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Registration>

    public let id: ID
    public let meetingID: Meeting.ID
    public var registrant: Registrant
    public let language: Language
    public var status: RegistrationStatus
    public let registeredAt: Date

    public init(
        id: ID, meetingID: Meeting.ID, registrant: Registrant, language: Language, status: RegistrationStatus,
        registeredAt: Date
    ) {
        self.id = id
        self.meetingID = meetingID
        self.registrant = registrant
        self.language = language
        self.status = status
        self.registeredAt = registeredAt
    }
}

/// What is sealed of a registration.
public struct Registrant: Sendable, Equatable, Codable {
    public let name: String
    public let email: String
    /// The organisation they come for, if any.
    public let organisation: String

    public init(name: String, email: String, organisation: String) {
        self.name = name
        self.email = email
        self.organisation = organisation
    }
}

/// Where a registration stands.
public enum RegistrationStatus: String, Sendable, CaseIterable, Codable {
    case registered
    case waiting
    case cancelled

    public var labelKey: String { "committees.registration.\(rawValue)" }
}

/// The rules of registering to an open meeting.
public enum RegistrationRules {
    /// Reads the public form: a name, an e-mail to send the confirmation and changes to, an optional organisation.
    /// - Throws: ``ValidationError`` naming `name`, `email`, `organisation`.
    public static func registrant(name: String?, email: String?, organisation: String?) throws(ValidationError)
        -> Registrant
    {
        var problems: [FieldProblem] = []
        let name = name.trimmedNonEmpty
        if name == nil || name!.count > 120 {
            problems.append(FieldProblem(field: "name", messageKey: "committees.error.registrant_name"))
        }
        let email = email.trimmedNonEmpty?.lowercased()
        if email == nil || !MailAddress.isPlain(email!) {
            problems.append(FieldProblem(field: "email", messageKey: "committees.error.registrant_email"))
        }
        let organisation = organisation.trimmedNonEmpty ?? ""
        if organisation.count > 200 {
            problems.append(FieldProblem(field: "organisation", messageKey: "committees.error.registrant_organisation"))
        }
        guard problems.isEmpty, let name, let email else { throw ValidationError(problems) }
        return Registrant(name: name, email: email, organisation: organisation)
    }

    /// How many registrations to one meeting one network address may make in ``addressWindow`` (a household, an organisation
    /// registering a few people; not a robot filling the hall).
    public static let addressLimit = 6
    public static let addressWindow: TimeInterval = 3_600

    /// The status of a new registration when `registered` seats of `capacity` are taken.
    public static func status(registered: Int, capacity: Int) -> RegistrationStatus {
        registered < capacity ? .registered : .waiting
    }

    /// The waiting registrations that move up, in the order they came, while seats are free.
    public static func promoted(waiting: [Registration], registered: Int, capacity: Int) -> [Registration.ID] {
        Array(
            waiting.filter { $0.status == .waiting }.sorted { $0.registeredAt < $1.registeredAt }
                .prefix(max(0, capacity - registered)).map(\.id))
    }

    /// Whether a meeting still takes registrations at `now`: open, not cancelled or closed, not begun.
    public static func takesRegistrations(_ meeting: CommitteeMeeting, now: Date) -> Bool {
        meeting.isOpen && meeting.meeting.isOpen(at: now) && meeting.meeting.startsAt > now
    }
}
