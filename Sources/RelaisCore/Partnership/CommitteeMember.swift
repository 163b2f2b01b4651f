import Foundation

/// A volunteer who serves on committees in a personal capacity: who they are and how to reach them are personal
/// information (sealed, read by coordinators only, audited); the organisation they come from is not.
public struct CommitteeMember: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<CommitteeMember>

    public let id: ID
    public let organisationID: Organisation.ID
    public var identity: MemberIdentity
    /// The community or institutional organisation they come from.
    public var origin: String
    public var side: MemberSide
    public var language: Language
    /// Their account, if they have one (to see their committees' meetings, minutes and actions).
    public var userID: User.ID?

    public init(
        id: ID, organisationID: Organisation.ID, identity: MemberIdentity, origin: String, side: MemberSide,
        language: Language, userID: User.ID?
    ) {
        self.id = id
        self.organisationID = organisationID
        self.identity = identity
        self.origin = origin
        self.side = side
        self.language = language
        self.userID = userID
    }
}

/// What is sealed of a member.
public struct MemberIdentity: Sendable, Equatable, Codable {
    public let name: String
    public let email: String
    public let phone: String

    public init(name: String, email: String, phone: String) {
        self.name = name
        self.email = email
        self.phone = phone
    }

    /// Empty: a member listed without their identity (the identity is an audited read).
    public static let withheld = MemberIdentity(name: "", email: "", phone: "")
}

/// One term of a member on a committee.
public struct Mandate: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Mandate>

    public let id: ID
    public let memberID: CommitteeMember.ID
    public let committeeID: Committee.ID
    public var position: CommitteePosition
    /// First and last day (`yyyy-MM-dd`).
    public let startsOn: String
    public let endsOn: String
    /// 1 for a first term, 2 for its renewal…
    public let number: Int
    /// The day it ended early (a resignation), if it did.
    public var endedOn: String?

    public init(
        id: ID, memberID: CommitteeMember.ID, committeeID: Committee.ID, position: CommitteePosition, startsOn: String,
        endsOn: String, number: Int, endedOn: String? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.committeeID = committeeID
        self.position = position
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.number = number
        self.endedOn = endedOn
    }

    /// The last day it runs: its end, or the day it ended early.
    public var lastDay: String { min(endsOn, endedOn ?? endsOn) }

    /// Whether it runs on `day`.
    public func isActive(on day: String) -> Bool { startsOn <= day && day <= lastDay }
}
