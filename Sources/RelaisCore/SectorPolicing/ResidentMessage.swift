import Foundation

/// A resident's non-emergency message to their sector's officer, sent from the public page.
public struct ResidentMessage: Sendable, Equatable {
    public typealias ID = Identifier<ResidentMessage>

    public let id: ID
    /// What the resident is given to quote (`RESO-7K3M-9Q2D`).
    public let reference: String
    /// The police service of the sector's officer.
    public let organisationID: Organisation.ID
    public let sectorCode: String
    /// The sector's officer when it arrived (none when the sector had none).
    public let officerID: SectorOfficer.ID?
    public let receivedAt: Date
    public let language: Language
    public let content: MessageContent
    public var status: MessageStatus
    public var firstReplyAt: Date?
    /// When it went to the covering colleague and the supervisors, unanswered.
    public var escalatedAt: Date?

    public init(
        id: ID, reference: String, organisationID: Organisation.ID, sectorCode: String, officerID: SectorOfficer.ID?,
        receivedAt: Date, language: Language, content: MessageContent, status: MessageStatus, firstReplyAt: Date?,
        escalatedAt: Date?
    ) {
        self.id = id
        self.reference = reference
        self.organisationID = organisationID
        self.sectorCode = sectorCode
        self.officerID = officerID
        self.receivedAt = receivedAt
        self.language = language
        self.content = content
        self.status = status
        self.firstReplyAt = firstReplyAt
        self.escalatedAt = escalatedAt
    }
}

/// What the resident wrote: sealed at rest, read by the officer, the covering colleague and supervisors only.
public struct MessageContent: Sendable, Equatable, Codable {
    public let topic: MessageTopic
    /// Where, as the resident wrote it.
    public let place: String
    /// The point the resident chose or the address gave, if any.
    public let latitude: Double?
    public let longitude: Double?
    public let replyBy: ReplyChannel
    /// The phone number (ten digits) or e-mail address to answer.
    public let contact: String
    /// How to address them, if they said.
    public let name: String?
    public let body: String

    public init(
        topic: MessageTopic, place: String, latitude: Double?, longitude: Double?, replyBy: ReplyChannel,
        contact: String, name: String?, body: String
    ) {
        self.topic = topic
        self.place = place
        self.latitude = latitude
        self.longitude = longitude
        self.replyBy = replyBy
        self.contact = contact
        self.name = name
        self.body = body
    }
}

/// What a message is about.
public enum MessageTopic: String, CaseIterable, Sendable, Codable {
    case neighbours
    case incivility
    case drugs
    case feelingUnsafe = "feeling_unsafe"
    case worriedAboutSomeone = "worried_about_someone"
    case traffic
    case business
    case other

    public var labelKey: String { "reso.topic.\(rawValue)" }
}

/// How the resident wants an answer.
public enum ReplyChannel: String, CaseIterable, Sendable, Codable {
    case phone
    case email

    public var labelKey: String { "reso.reply_by.\(rawValue)" }
}

/// Where a message stands.
public enum MessageStatus: String, CaseIterable, Sendable, Codable {
    /// Nobody has answered yet.
    case new
    /// The resident was answered; the follow-up goes on.
    case answered
    /// Nothing more to do.
    case closed

    public var labelKey: String { "reso.message_status.\(rawValue)" }
}

/// A step of a message's follow-up, by an officer or a supervisor.
public struct MessageStep: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Answered by e-mail (the text went to the resident).
        case emailed
        /// Called back (the note says what was said).
        case called
        /// A follow-up note (a visit, a partner called).
        case note
        /// Closed, with a note.
        case closed
        /// Gone, unanswered, to the covering colleague and the supervisors.
        case escalated

        public var labelKey: String { "reso.step.\(rawValue)" }
        /// Whether it answers the resident (the first one sets the time to first reply).
        public var answers: Bool { self == .emailed || self == .called }
    }

    public let kind: Kind
    public let at: Date
    public let authorID: User.ID?
    public let text: String

    public init(kind: Kind, at: Date, authorID: User.ID?, text: String) {
        self.kind = kind
        self.at = at
        self.authorID = authorID
        self.text = text
    }
}

/// What lists show of a message: nothing the resident wrote.
public struct MessageSummary: Sendable, Equatable {
    public let id: ResidentMessage.ID
    public let reference: String
    public let organisationID: Organisation.ID
    public let sectorCode: String
    public let officerID: SectorOfficer.ID?
    public let topic: MessageTopic
    public let receivedAt: Date
    public let status: MessageStatus
    public let firstReplyAt: Date?
    public let escalatedAt: Date?
    /// The colleague it went to, unanswered.
    public let escalatedTo: SectorOfficer.ID?
    /// The grid cell of its point, if it has one.
    public let cell: GridCell?
    /// The problem it is linked to.
    public let problemID: SectorProblem.ID?

    public init(
        id: ResidentMessage.ID, reference: String, organisationID: Organisation.ID, sectorCode: String,
        officerID: SectorOfficer.ID?, topic: MessageTopic, receivedAt: Date, status: MessageStatus,
        firstReplyAt: Date?, escalatedAt: Date?, escalatedTo: SectorOfficer.ID?, cell: GridCell? = nil,
        problemID: SectorProblem.ID? = nil
    ) {
        self.id = id
        self.reference = reference
        self.organisationID = organisationID
        self.sectorCode = sectorCode
        self.officerID = officerID
        self.topic = topic
        self.receivedAt = receivedAt
        self.status = status
        self.firstReplyAt = firstReplyAt
        self.escalatedAt = escalatedAt
        self.escalatedTo = escalatedTo
        self.cell = cell
        self.problemID = problemID
    }

    /// Whether `officer` answers it: the officer it was addressed to, or the colleague it went to.
    public func isAnswered(by officer: SectorOfficer.ID) -> Bool { officerID == officer || escalatedTo == officer }
}
