import Foundation

/// What a meeting's minutes record: who was there (members, organisations, how many residents) and the
/// discussion by theme.
public struct Minutes: Sendable, Equatable, Codable {
    public var membersPresent: [CommitteeMember.ID]
    public var organisationsPresent: [String]
    public var residents: Int
    public var discussion: [AgendaItem]

    public init(
        membersPresent: [CommitteeMember.ID], organisationsPresent: [String], residents: Int, discussion: [AgendaItem]
    ) {
        self.membersPresent = membersPresent
        self.organisationsPresent = organisationsPresent
        self.residents = residents
        self.discussion = discussion
    }
}

/// A security concern raised at a meeting, tagged so that the annual report can count them.
public struct Concern: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Concern>

    public let id: ID
    public let committeeID: Committee.ID
    public let meetingID: Meeting.ID
    public let theme: CommitteeTheme
    public let community: Community
    /// The borough's territory code, if the concern is about one.
    public let borough: String?
    public let summary: String
    /// The day it was raised (`yyyy-MM-dd`).
    public let raisedOn: String

    public init(
        id: ID, committeeID: Committee.ID, meetingID: Meeting.ID, theme: CommitteeTheme, community: Community,
        borough: String?, summary: String, raisedOn: String
    ) {
        self.id = id
        self.committeeID = committeeID
        self.meetingID = meetingID
        self.theme = theme
        self.community = community
        self.borough = borough
        self.summary = summary
        self.raisedOn = raisedOn
    }
}

/// An action decided at a meeting, carried from meeting to meeting until it is done.
public struct CommitteeAction: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<CommitteeAction>

    public let id: ID
    public let committeeID: Committee.ID
    public let meetingID: Meeting.ID
    public let concernID: Concern.ID?
    public let what: String
    public let owner: String
    public let dueOn: String
    public var status: ActionStatus
    public var doneOn: String?

    public init(
        id: ID, committeeID: Committee.ID, meetingID: Meeting.ID, concernID: Concern.ID?, what: String, owner: String,
        dueOn: String, status: ActionStatus, doneOn: String?
    ) {
        self.id = id
        self.committeeID = committeeID
        self.meetingID = meetingID
        self.concernID = concernID
        self.what = what
        self.owner = owner
        self.dueOn = dueOn
        self.status = status
        self.doneOn = doneOn
    }

    /// Whether it is past its due day and not done.
    public func isLate(today: String) -> Bool { status != .done && dueOn < today }
}

/// Where an action stands.
public enum ActionStatus: String, Sendable, CaseIterable, Codable {
    case open
    case underway
    case done

    public var labelKey: String { "committees.action_status.\(rawValue)" }
}

/// The rules of minutes, concerns and actions.
public enum MinutesRules {
    public static let maximumText = 8_000

    /// Minutes from the form: the members ticked (of those seated), organisations one per line, a number of
    /// residents, and the discussion by theme.
    /// - Throws: ``ValidationError`` naming `residents`, `organisations`, `discussion`, `members`.
    public static func minutes(
        members: [String], seated: [CommitteeMember.ID], organisations: String?, residents: String?,
        discussion: [CommitteeTheme: String]
    ) throws(ValidationError) -> Minutes {
        var problems: [FieldProblem] = []
        let present = members.compactMap { raw in seated.first { $0.description == raw } }
        if present.count != members.count {
            problems.append(FieldProblem(field: "members", messageKey: "committees.error.members"))
        }
        let names = (organisations ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.count > 200 || names.contains(where: { $0.count > 200 }) {
            problems.append(FieldProblem(field: "organisations", messageKey: "committees.error.organisations"))
        }
        let count = residents.trimmedNonEmpty.map { $0.count <= 5 ? Int($0) : nil } ?? 0
        if count == nil || !(0...10_000).contains(count!) {
            problems.append(FieldProblem(field: "residents", messageKey: "committees.error.residents"))
        }
        var items: [AgendaItem] = []
        for theme in CommitteeTheme.allCases {
            guard let text = discussion[theme].trimmedNonEmpty else { continue }
            if text.count > maximumText {
                problems.append(FieldProblem(field: "discussion", messageKey: "committees.error.discussion"))
            }
            items.append(AgendaItem(theme: theme, text: text))
        }
        guard problems.isEmpty, let count else { throw ValidationError(problems) }
        return Minutes(
            membersPresent: present, organisationsPresent: Array(Set(names)).sorted(), residents: count,
            discussion: items)
    }

    /// A concern from the form.
    /// - Throws: ``ValidationError`` naming `theme`, `community`, `borough`, `summary`.
    public static func concern(
        theme: String?, community: String?, borough: String?, boroughs: [String], summary: String?
    ) throws(ValidationError) -> (theme: CommitteeTheme, community: Community, borough: String?, summary: String) {
        var problems: [FieldProblem] = []
        let theme = theme.trimmedNonEmpty.flatMap(CommitteeTheme.init(rawValue:))
        if theme == nil { problems.append(FieldProblem(field: "theme", messageKey: "committees.error.theme")) }
        let community = community.trimmedNonEmpty.flatMap(Community.init(rawValue:))
        if community == nil {
            problems.append(FieldProblem(field: "community", messageKey: "committees.error.community"))
        }
        let borough = borough.trimmedNonEmpty
        if let borough, !boroughs.contains(borough) {
            problems.append(FieldProblem(field: "borough", messageKey: "committees.error.borough"))
        }
        let summary = summary.trimmedNonEmpty
        if summary == nil || summary!.count > 500 {
            problems.append(FieldProblem(field: "summary", messageKey: "committees.error.summary"))
        }
        guard problems.isEmpty, let theme, let community, let summary else { throw ValidationError(problems) }
        return (theme, community, borough, summary)
    }

    /// An action from the form: what, who carries it, by when (a real day).
    /// - Throws: ``ValidationError`` naming `what`, `owner`, `due`.
    public static func action(what: String?, owner: String?, due: String?) throws(ValidationError) -> (
        what: String, owner: String, dueOn: String
    ) {
        var problems: [FieldProblem] = []
        let what = what.trimmedNonEmpty
        if what == nil || what!.count > 300 {
            problems.append(FieldProblem(field: "what", messageKey: "committees.error.action_what"))
        }
        let owner = owner.trimmedNonEmpty
        if owner == nil || owner!.count > 120 {
            problems.append(FieldProblem(field: "owner", messageKey: "committees.error.action_owner"))
        }
        let due = due.trimmedNonEmpty
        if due == nil || CivilDay.date(due!) == nil {
            problems.append(FieldProblem(field: "due", messageKey: "committees.error.action_due"))
        }
        guard problems.isEmpty, let what, let owner, let due else { throw ValidationError(problems) }
        return (what, owner, due)
    }
}
