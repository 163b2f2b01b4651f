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
    /// The duo attends a secured scene only: secure it first; a phone consult is open at once.
    case secureSceneFirst
    /// A threat to life or a medical emergency goes to 911 first; a phone consult is open meanwhile.
    case emergencyFirst

    public var code: String {
        switch self {
        case .wrongStage: "consult.wrong_stage"
        case .duoBusy: "consult.duo_busy"
        case .notOnDuo: "consult.not_on_duo"
        case .phoneConsult: "consult.phone_consult"
        case .secureSceneFirst: "consult.secure_scene_first"
        case .emergencyFirst: "consult.emergency_first"
        }
    }

    public var messageKey: String {
        switch self {
        case .wrongStage(let stage): "esup.refusal.wrong_stage.\(stage.rawValue)"
        case .secureSceneFirst: "esup.guidance.secure_scene"
        case .emergencyFirst: "esup.guidance.emergency_first"
        default: "esup.refusal." + code.dropFirst("consult.".count)
        }
    }

    /// The guidance of an on-scene request belongs beside the choice of mode.
    public var fieldProblems: [FieldProblem] {
        switch self {
        case .secureSceneFirst, .emergencyFirst: [FieldProblem(field: "mode", messageKey: messageKey)]
        default: []
        }
    }

    public var kind: FailureKind {
        switch self {
        case .notOnDuo: .forbidden
        case .wrongStage, .duoBusy, .phoneConsult, .secureSceneFirst, .emergencyFirst: .conflict
        }
    }
}
