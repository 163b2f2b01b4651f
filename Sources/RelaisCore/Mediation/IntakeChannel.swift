/// What who submits a request decides about it: the source it comes from, and whether triage may be overridden.
///
/// An intake coordinator takes calls from every source and may override triage, with a reason. Everyone else
/// submits from their own channel — a police officer's request comes from the police, a partner application's
/// from 311 — and gets triage as the rules decide it: a request screened for 911 is never queued for the civilian
/// team by its submitter's say-so.
public struct IntakeChannel: Sendable, Equatable {
    /// The source of every request from this submitter, or nil when the submitter chooses it.
    public let fixedSource: RequestSource?
    /// Whether the submitter may override triage.
    public let mayOverrideTriage: Bool

    public init(fixedSource: RequestSource?, mayOverrideTriage: Bool) {
        self.fixedSource = fixedSource
        self.mayOverrideTriage = mayOverrideTriage
    }

    /// The channel of a role's requests.
    public static func of(_ role: Role) -> IntakeChannel {
        switch role {
        case .dispatcher: IntakeChannel(fixedSource: nil, mayOverrideTriage: true)
        case .policeOfficer, .policeSocialWorker, .sectorOfficer, .sectorSupervisor:
            IntakeChannel(fixedSource: .police, mayOverrideTriage: false)
        case .open311Client: IntakeChannel(fixedSource: .line311, mayOverrideTriage: false)
        case .admin, .mobileWorker, .tableChair, .agencyRepresentative, .committeeCoordinator, .committeeMember,
            .analyst:
            IntakeChannel(fixedSource: nil, mayOverrideTriage: false)
        }
    }

    /// The channel of a person holding several roles: an intake coordinator's if they are one anywhere (they take
    /// calls from every source), else the police's if they hold a police role, else the first role's.
    public static func of(_ actor: Actor) -> IntakeChannel {
        let channels = actor.memberships.map { of($0.role) }
        return channels.first { $0.mayOverrideTriage } ?? channels.first { $0.fixedSource == .police }
            ?? channels.first ?? IntakeChannel(fixedSource: nil, mayOverrideTriage: false)
    }

    /// The form as this channel submits it: its source filled in when fixed.
    /// - Throws: ``IntakeRefusal/overrideNotAllowed`` when the form overrides triage and the submitter may not;
    ///   ``ValidationError`` naming `source` when the form names another source than the fixed one.
    public func admit(_ form: IntakeForm) throws -> IntakeForm {
        let overrides = [form.overrideOutcome, form.overrideReason].contains { $0.trimmedNonEmpty != nil }
        if !mayOverrideTriage && (overrides || form.overridePriority != nil) {
            throw IntakeRefusal.overrideNotAllowed
        }
        guard let fixedSource else { return form }
        if let sent = form.source.trimmedNonEmpty, sent != fixedSource.rawValue {
            throw ValidationError([FieldProblem(field: "source", messageKey: "mediation.error.source.fixed")])
        }
        var admitted = form
        admitted.source = fixedSource.rawValue
        return admitted
    }
}

/// A submission refused for who sent it, whatever its content.
public enum IntakeRefusal: DomainError, Equatable {
    /// Only an intake coordinator may override triage.
    case overrideNotAllowed

    public var code: String { "intake.override_not_allowed" }
    public var messageKey: String { "mediation.error.intake.override_not_allowed" }
    public var kind: FailureKind { .forbidden }
}
