import Foundation

/// Whether the receiving resource has taken a referral on: the only thing that stays open after an intervention.
public enum ReferralAnswer: String, CaseIterable, Sendable, Codable {
    /// The resource has no staff in Relais to answer (its organisation is not linked): nothing is awaited.
    case notTracked = "not_tracked"
    case awaiting
    case accepted
    case declined
    /// Still awaiting when the configured delay ran out.
    case noAnswer = "no_answer"

    /// The locale catalogue key of the answer's name.
    public var labelKey: String { "mediation.referral_answer.\(rawValue)" }
}

/// A referral's acknowledgement by the receiving resource, tracked on the referral itself.
public struct ReferralAcknowledgement: Sendable, Equatable {
    /// As recorded: `notTracked`, `awaiting`, `accepted` or `declined` (never `noAnswer`, which is read from time).
    public let recorded: ReferralAnswer
    /// When an awaiting referral becomes "no answer".
    public let dueAt: Date?
    public let answeredAt: Date?

    public init(recorded: ReferralAnswer, dueAt: Date?, answeredAt: Date?) {
        self.recorded = recorded
        self.dueAt = dueAt
        self.answeredAt = answeredAt
    }

    /// A new referral's acknowledgement: awaited for `delay` when the resource has staff to answer.
    public static func new(at date: Date, tracked: Bool, delay: TimeInterval) -> ReferralAcknowledgement {
        tracked
            ? ReferralAcknowledgement(recorded: .awaiting, dueAt: date.addingTimeInterval(delay), answeredAt: nil)
            : ReferralAcknowledgement(recorded: .notTracked, dueAt: nil, answeredAt: nil)
    }

    /// The answer as of `date`: an awaited referral past its delay reads "no answer".
    public func answer(at date: Date) -> ReferralAnswer {
        if recorded == .awaiting, let dueAt, date >= dueAt { return .noAnswer }
        return recorded
    }

    /// The resource answers. A late answer (after "no answer") is still recorded.
    /// - Throws: ``ReferralConflict`` when the referral is not awaited or already answered.
    public func answered(_ answer: ReferralAnswer, at date: Date) throws -> ReferralAcknowledgement {
        guard answer == .accepted || answer == .declined else {
            throw ValidationError([FieldProblem(field: "answer", messageKey: "mediation.error.referral_answer.unknown")]
            )
        }
        guard recorded == .awaiting else { throw ReferralConflict() }
        return ReferralAcknowledgement(recorded: answer, dueAt: dueAt, answeredAt: date)
    }
}

/// A referral that is not awaiting an answer was answered.
public struct ReferralConflict: DomainError, Equatable {
    public init() {}
    public var code: String { "referral.already_answered" }
    public var messageKey: String { "mediation.error.referral.already_answered" }
    public var kind: FailureKind { .conflict }
}
