/// Why a step of a consult was refused; nothing was changed.
public enum ConsultRefusal: DomainError, Equatable {
    /// The step does not fit where the consult is (taken already, closed, withdrawn).
    case wrongStage(ConsultStage)
    /// The duo is busy with another consult, or off duty.
    case duoBusy
    /// The actor is not one of the duo's two members for this evening.
    case notOnDuo
    /// A phone consult has no arrival on scene.
    case phoneConsult

    public var code: String {
        switch self {
        case .wrongStage: "consult.wrong_stage"
        case .duoBusy: "consult.duo_busy"
        case .notOnDuo: "consult.not_on_duo"
        case .phoneConsult: "consult.phone_consult"
        }
    }

    public var messageKey: String {
        if case .wrongStage(let stage) = self { return "esup.refusal.wrong_stage.\(stage.rawValue)" }
        return "esup.refusal." + code.dropFirst("consult.".count)
    }

    public var kind: FailureKind {
        switch self {
        case .notOnDuo: .forbidden
        case .wrongStage, .duoBusy, .phoneConsult: .conflict
        }
    }
}
