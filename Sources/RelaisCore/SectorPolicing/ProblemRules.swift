import Foundation

/// The rules of a problem's work: what opening one needs, the stages in order, actions, and the assessment that
/// closes it. Each throws before anything changes.
public enum ProblemRules {
    public static let maximumTitleLength = 120
    public static let maximumTextLength = 4_000

    /// A new problem's title and place.
    /// - Throws: ``ValidationError`` (`title`, `place`).
    public static func open(title: String?, place: String?) throws(ValidationError) -> (title: String, place: String) {
        var problems: [FieldProblem] = []
        let title = title.trimmedNonEmpty
        if title == nil || title!.count > maximumTitleLength {
            problems.append(FieldProblem(field: "title", messageKey: "reso.error.problem_title"))
        }
        let place = place.trimmedNonEmpty
        if place == nil || place!.count > MessageRules.maximumPlaceLength {
            problems.append(FieldProblem(field: "place", messageKey: "reso.error.place"))
        }
        guard problems.isEmpty, let title, let place else { throw ValidationError(problems) }
        return (title, place)
    }

    /// Saves the analysis and partners, and moves to the next stage when asked; closing needs the assessment.
    /// - Throws: ``ProblemRefusal`` (closed already, no assessment) or ``ValidationError`` (`analysis`).
    public static func work(
        _ problem: inout SectorProblem, analysis: String?, partners: String?, advance: Bool,
        assessment: String?, now: Date
    ) throws {
        guard problem.stage != .closed else { throw ProblemRefusal.closed }
        if (analysis?.count ?? 0) > maximumTextLength || (partners?.count ?? 0) > maximumTextLength {
            throw ValidationError([FieldProblem(field: "analysis", messageKey: "reso.error.too_long")])
        }
        problem.analysis = analysis.trimmedNonEmpty ?? ""
        problem.partners = (partners ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let assessment = assessment.trimmedNonEmpty {
            guard let found = ProblemAssessment(rawValue: assessment) else {
                throw ValidationError([FieldProblem(field: "assessment", messageKey: "reso.error.assessment")])
            }
            problem.assessment = found
        }
        guard advance, let next = problem.stage.next else { return }
        if next == .closed {
            guard problem.assessment != nil else { throw ProblemRefusal.assessmentFirst }
            problem.closedAt = now
        }
        problem.stage = next
    }

    /// A new action of the response.
    /// - Throws: ``ValidationError`` naming `what`, `owner`, `dueOn`; ``ProblemRefusal/closed``.
    public static func action(
        on problem: SectorProblem, what: String?, owner: String?, dueOn: String?, today: String
    ) throws -> (what: String, owner: String, dueOn: String) {
        guard problem.stage != .closed else { throw ProblemRefusal.closed }
        var problems: [FieldProblem] = []
        let what = what.trimmedNonEmpty
        if what == nil || what!.count > 400 {
            problems.append(FieldProblem(field: "what", messageKey: "reso.error.action_what"))
        }
        let owner = owner.trimmedNonEmpty
        if owner == nil || owner!.count > 120 {
            problems.append(FieldProblem(field: "owner", messageKey: "reso.error.action_owner"))
        }
        let due = dueOn.trimmedNonEmpty
        if due == nil || !PersonIdentifiers.isDay(due!) || due! < today {
            problems.append(FieldProblem(field: "dueOn", messageKey: "reso.error.action_due"))
        }
        guard problems.isEmpty, let what, let owner, let due else { throw ValidationError(problems) }
        return (what, owner, due)
    }
}

/// Why a step of a problem was refused; nothing changed.
public enum ProblemRefusal: DomainError, Equatable {
    /// The problem is closed.
    case closed
    /// Closing needs the assessment (resolved, improved, unchanged).
    case assessmentFirst
    /// The message is of another sector than the problem's.
    case otherSector

    public var code: String {
        switch self {
        case .closed: "problem.closed"
        case .assessmentFirst: "problem.assessment_first"
        case .otherSector: "problem.other_sector"
        }
    }

    public var messageKey: String {
        switch self {
        case .closed: "reso.refusal.problem_closed"
        case .assessmentFirst: "reso.refusal.assessment_first"
        case .otherSector: "reso.refusal.other_sector"
        }
    }

    public var kind: FailureKind { .conflict }
}
