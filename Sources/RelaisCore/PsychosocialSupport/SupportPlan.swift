import Foundation

/// A support plan for a person with frequent contacts, written with their consent (or a documented basis): what
/// helps, what to avoid, whom to call, preferred resources, until a review date. Its short approach note may be
/// shown to officers attending a call about the person, only while the consent holds.
public struct SupportPlan: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<SupportPlan>

    public let id: ID
    public let personID: Person.ID
    public let teamID: Organisation.ID
    public var content: SupportPlanContent
    public let writtenAt: Date
    public let writtenBy: User.ID?

    public init(
        id: ID, personID: Person.ID, teamID: Organisation.ID, content: SupportPlanContent, writtenAt: Date,
        writtenBy: User.ID?
    ) {
        self.id = id
        self.personID = personID
        self.teamID = teamID
        self.content = content
        self.writtenAt = writtenAt
        self.writtenBy = writtenBy
    }
}

/// What a support plan says (sealed at rest).
public struct SupportPlanContent: Sendable, Equatable, Codable {
    public let whatHelps: String
    public let toAvoid: String?
    public let peopleToCall: String?
    public let preferredResources: String?
    /// A few lines for officers attending a call ("speak slowly; his sister Annie calms him: 514 …").
    public let approachNote: String?
    /// `yyyy-MM-dd`: the plan holds until then.
    public let reviewOn: String

    public init(
        whatHelps: String, toAvoid: String?, peopleToCall: String?, preferredResources: String?,
        approachNote: String?, reviewOn: String
    ) {
        self.whatHelps = whatHelps
        self.toAvoid = toAvoid
        self.peopleToCall = peopleToCall
        self.preferredResources = preferredResources
        self.approachNote = approachNote
        self.reviewOn = reviewOn
    }
}

/// The rules of support plans.
public enum SupportPlanRules {
    public static let maximumLength = 2_000
    public static let maximumApproachNoteLength = 400
    /// A plan is reviewed within a year.
    public static let maximumDaysToReview = 366

    /// A plan as a form sent it, for a person whose support-plan consent (or basis) holds.
    /// - Throws: ``PersonRefusal/noConsentOrBasis(_:)`` before anything else when nothing holds, then
    ///   ``ValidationError`` naming each wrong field.
    public static func checked(
        whatHelps: String?, toAvoid: String?, peopleToCall: String?, preferredResources: String?,
        approachNote: String?, reviewOn: String?, consents: [ConsentRecord], today: String, latestReview: String
    ) throws -> SupportPlanContent {
        _ = try ConsentRules.require(.supportPlan, in: consents)
        var problems: [FieldProblem] = []
        let helps = whatHelps.trimmedNonEmpty
        if helps == nil { problems.append(FieldProblem(field: "whatHelps", messageKey: "esup.error.what_helps")) }
        let texts = [
            ("whatHelps", helps), ("toAvoid", toAvoid.trimmedNonEmpty),
            ("peopleToCall", peopleToCall.trimmedNonEmpty), ("preferredResources", preferredResources.trimmedNonEmpty),
        ]
        for (field, text) in texts where (text?.count ?? 0) > maximumLength {
            problems.append(FieldProblem(field: field, messageKey: "esup.error.too_long"))
        }
        let note = approachNote.trimmedNonEmpty
        if (note?.count ?? 0) > maximumApproachNoteLength {
            problems.append(FieldProblem(field: "approachNote", messageKey: "esup.error.approach_note"))
        }
        let review = reviewOn.trimmedNonEmpty
        if review.map({ !PersonIdentifiers.isDay($0) || $0 <= today || $0 > latestReview }) ?? true {
            problems.append(FieldProblem(field: "reviewOn", messageKey: "esup.error.review_on"))
        }
        guard problems.isEmpty, let helps, let review else { throw ValidationError(problems) }
        return SupportPlanContent(
            whatHelps: helps, toAvoid: toAvoid.trimmedNonEmpty, peopleToCall: peopleToCall.trimmedNonEmpty,
            preferredResources: preferredResources.trimmedNonEmpty, approachNote: note, reviewOn: review)
    }

    /// Whether the plan holds on `today`: before its review date, and its consent (or basis) still holding.
    public static func holds(_ plan: SupportPlan, consents: [ConsentRecord], today: String) -> Bool {
        plan.content.reviewOn >= today && ConsentRules.holding(.supportPlan, in: consents) != nil
    }

    /// The approach note an officer attending a call about the person may read now, if any.
    public static func approachNote(_ plan: SupportPlan?, consents: [ConsentRecord], today: String) -> String? {
        guard let plan, holds(plan, consents: consents, today: today) else { return nil }
        return plan.content.approachNote
    }
}

/// A follow-up task: who does what, by when ("call the local health centre tomorrow").
public struct FollowUpTask: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<FollowUpTask>
    public static let maximumLength = 300

    public let id: ID
    public let teamID: Organisation.ID
    public let consultID: Consult.ID?
    public let personID: Person.ID?
    public let what: String
    public let assigneeID: User.ID
    public let dueOn: String
    public var doneAt: Date?

    public init(
        id: ID, teamID: Organisation.ID, consultID: Consult.ID?, personID: Person.ID?, what: String,
        assigneeID: User.ID, dueOn: String, doneAt: Date? = nil
    ) {
        self.id = id
        self.teamID = teamID
        self.consultID = consultID
        self.personID = personID
        self.what = what
        self.assigneeID = assigneeID
        self.dueOn = dueOn
        self.doneAt = doneAt
    }

    /// A task as a form sent it.
    /// - Throws: ``ValidationError`` naming `what`, `assignee` or `dueOn`.
    public static func checked(what: String?, assignee: User.ID?, among team: [User.ID], dueOn: String?, today: String)
        throws(ValidationError) -> (String, User.ID, String)
    {
        var problems: [FieldProblem] = []
        let what = what.trimmedNonEmpty
        if what == nil || (what?.count ?? 0) > maximumLength {
            problems.append(FieldProblem(field: "what", messageKey: "esup.error.task_what"))
        }
        if assignee.map({ !team.contains($0) }) ?? true {
            problems.append(FieldProblem(field: "assignee", messageKey: "esup.error.task_assignee"))
        }
        let due = dueOn.trimmedNonEmpty
        if due.map({ !PersonIdentifiers.isDay($0) || $0 < today }) ?? true {
            problems.append(FieldProblem(field: "dueOn", messageKey: "esup.error.task_due"))
        }
        guard problems.isEmpty, let what, let assignee, let due else { throw ValidationError(problems) }
        return (what, assignee, due)
    }
}
