/// Why something cannot be recorded on an intervention in its current state.
public enum InterventionConflict: String, DomainError, Equatable {
    /// The team is not on scene (or escorting) for a request.
    case notOnScene = "not_on_scene"
    /// The intervention is already closed.
    case closed
    /// An escort is already under way.
    case escortUnderWay = "escort_under_way"
    /// No escort is under way to arrive from.
    case noEscort = "no_escort"

    public var code: String { "intervention.\(rawValue)" }
    public var messageKey: String { "mediation.error.intervention.\(rawValue)" }
    public var kind: FailureKind { .conflict }
}
