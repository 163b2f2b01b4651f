import Foundation

/// How a waiting request was closed without a team's work: cancelled (the caller called back, it resolved itself),
/// closed without sending a team (nobody free, not for the team after all), or a duplicate of another request — each
/// with its reason, kept sealed.
public struct RequestClosure: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case cancelled
        case noTeam = "no_team"
        case duplicate

        public var labelKey: String { "mediation.closure.\(rawValue)" }
    }

    public let kind: Kind
    public let reason: String
    /// The request it repeats, for a duplicate.
    public let duplicateOf: ServiceRequest.ID?

    public init(kind: Kind, reason: String, duplicateOf: ServiceRequest.ID?) {
        self.kind = kind
        self.reason = reason
        self.duplicateOf = duplicateOf
    }
}

/// A dated note on a request: what someone learnt, or a call-back made (to the caller, a partner).
public struct RequestNote: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case note
        case callback

        public var labelKey: String { "mediation.note.\(rawValue)" }
    }

    public let kind: Kind
    public let text: String
    public let at: Date
    public let by: User.ID?

    public init(kind: Kind, text: String, at: Date, by: User.ID?) {
        self.kind = kind
        self.text = text
        self.at = at
        self.by = by
    }
}

/// What may close a request and what a note may hold.
public enum RequestClosureRules {
    /// The longest reason or note kept.
    public static let maximumText = 2_000

    /// The closure a form asks for.
    /// - Parameters:
    ///   - status: where the request stands: only a waiting one (no team yet) closes so.
    ///   - duplicateOf: the other request named, when `kind` is `duplicate` (resolved by the caller: it exists and
    ///     is the same organisation's), or nil.
    /// - Throws: ``ValidationError`` naming each bad field; ``RequestClosureRefusal`` when the request is not waiting.
    public static func closure(
        status: RequestStatus, kind: String?, reason: String?, duplicateOf: ServiceRequest.ID?, duplicateNamed: Bool
    ) throws -> RequestClosure {
        guard status == .waiting else { throw RequestClosureRefusal.notWaiting }
        var problems: [FieldProblem] = []
        let kind = kind.flatMap(RequestClosure.Kind.init(rawValue:))
        if kind == nil { problems.append(.init(field: "kind", messageKey: "mediation.error.closure.kind")) }
        let reason = (reason ?? "").trimmed
        if reason.isEmpty {
            problems.append(.init(field: "reason", messageKey: "mediation.error.closure.reason_required"))
        } else if reason.count > maximumText {
            problems.append(.init(field: "reason", messageKey: "mediation.error.closure.reason_too_long"))
        }
        if kind == .duplicate, duplicateOf == nil {
            problems.append(
                .init(
                    field: "duplicateOf",
                    messageKey: duplicateNamed
                        ? "mediation.error.closure.duplicate_unknown" : "mediation.error.closure.duplicate_required"))
        }
        guard problems.isEmpty, let kind else { throw ValidationError(problems) }
        return RequestClosure(kind: kind, reason: reason, duplicateOf: kind == .duplicate ? duplicateOf : nil)
    }

    /// A note from a form.
    /// - Throws: ``ValidationError`` when the kind is unknown or the text empty or too long.
    public static func note(kind: String?, text: String?, at: Date, by: User.ID?) throws -> RequestNote {
        var problems: [FieldProblem] = []
        let kind = kind.flatMap(RequestNote.Kind.init(rawValue:))
        if kind == nil { problems.append(.init(field: "noteKind", messageKey: "mediation.error.note.kind")) }
        let text = (text ?? "").trimmed
        if text.isEmpty || text.count > maximumText {
            problems.append(.init(field: "note", messageKey: "mediation.error.note.text"))
        }
        guard problems.isEmpty, let kind else { throw ValidationError(problems) }
        return RequestNote(kind: kind, text: text, at: at, by: by)
    }
}

/// Why a request cannot be closed so.
public enum RequestClosureRefusal: DomainError, Equatable {
    /// A team is on it, or it was already cleared, closed or sent elsewhere.
    case notWaiting

    public var code: String { "closure.not_waiting" }
    public var messageKey: String { "mediation.error.closure.not_waiting" }
    public var kind: FailureKind { .conflict }
}
