import Foundation

/// The consult's rules, from the officer's request to its closing: each step checks where the consult is and what
/// was sent, and throws before anything changes.
public enum ConsultRules {
    public static let maximumEventNumberLength = 40
    public static let maximumPlaceLength = 200
    public static let maximumTextLength = 2_000
    public static let maximumResources = 10

    /// A request as a form or the API sent it. An in-person attendance needs the scene secured and no emergency
    /// first: the answer says what to do now (secure the scene, call 911) and that a phone consult is open at once.
    /// - Throws: ``ValidationError`` naming each wrong field; then ``ConsultRefusal/secureSceneFirst`` or
    ///   ``ConsultRefusal/emergencyFirst`` (the `mode` field's problem) for a well-formed on-scene request the rules
    ///   refuse.
    public static func request(
        eventNumber: String?, place: String?, situations: [String], sceneSecured: String?, mode: String?,
        details: String?, screening answers: [String: String?], callback: String?
    ) throws -> ConsultRequest {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ key: String) { problems.append(FieldProblem(field: field, messageKey: key)) }
        // Lengths are counted in Unicode scalars as sent, as JSON Schema's maxLength counts them (the API's document
        // says exactly what is accepted).
        func tooLong(_ text: String?, _ maximum: Int) -> Bool { (text?.unicodeScalars.count ?? 0) > maximum }
        let event = eventNumber.trimmedNonEmpty
        if event == nil || tooLong(eventNumber, maximumEventNumberLength) {
            problem("eventNumber", "esup.error.event_number")
        }
        let rawPlace = place
        let place = place.trimmedNonEmpty
        if place == nil || tooLong(rawPlace, maximumPlaceLength) { problem("place", "esup.error.place") }
        let kinds = situations.compactMap(ConsultSituation.init(rawValue:))
        if kinds.isEmpty || kinds.count != situations.count { problem("situations", "esup.error.situations") }
        let secured = Self.yesNo(sceneSecured)
        if secured == nil { problem("sceneSecured", "esup.error.scene_secured") }
        let mode = mode.flatMap(ConsultMode.init(rawValue:))
        if mode == nil { problem("mode", "esup.error.mode") }
        if tooLong(details, maximumTextLength) { problem("details", "esup.error.too_long") }
        let details = details.trimmedNonEmpty
        var screening = SafetyScreening.clear
        let questions: [(String, WritableKeyPath<SafetyScreening, Bool>)] = [
            ("immediateDangerToLife", \.immediateDangerToLife), ("weapon", \.weapon),
            ("crimeInProgress", \.crimeInProgress), ("medicalEmergency", \.medicalEmergency),
        ]
        for (field, path) in questions {
            guard let answer = Self.yesNo(answers[field] ?? nil) else {
                problem(field, "esup.error.screening")
                continue
            }
            screening[keyPath: path] = answer
        }
        if tooLong(callback, 40) { problem("callback", "person.error.phone") }
        let callback = callback.trimmedNonEmpty
        if let callback, PersonIdentifiers.phoneDigits(callback) == nil { problem("callback", "person.error.phone") }
        guard problems.isEmpty, let event, let place, let secured, let mode else { throw ValidationError(problems) }
        if mode == .onScene {
            if screening.immediateDangerToLife || screening.medicalEmergency { throw ConsultRefusal.emergencyFirst }
            if !secured || screening.weapon || screening.crimeInProgress { throw ConsultRefusal.secureSceneFirst }
        }
        return ConsultRequest(
            eventNumber: event, place: place, situations: Self.ordered(kinds), sceneSecured: secured, mode: mode,
            details: details, screening: screening, callback: callback)
    }

    /// A duo takes a consult: its status becomes advising by phone or en route.
    /// - Throws: ``ConsultRefusal`` when the consult was taken or ended, or the duo is busy.
    public static func accept(_ consult: inout Consult, by duo: inout Duo, now: Date) throws(ConsultRefusal) {
        guard consult.stage == .requested else { throw .wrongStage(consult.stage) }
        guard duo.status.takesConsults else { throw .duoBusy }
        consult.stage = .accepted
        consult.duoID = duo.id
        consult.acceptedAt = now
        duo.status = consult.request.mode == .phone ? .advisingByPhone : .enRoute
        duo.statusSince = now
    }

    /// The duo is on scene.
    public static func arrive(_ consult: inout Consult, duo: inout Duo, now: Date) throws(ConsultRefusal) {
        guard consult.stage == .accepted else { throw .wrongStage(consult.stage) }
        guard consult.request.mode == .onScene else { throw .phoneConsult }
        consult.arrivedAt = consult.arrivedAt ?? now
        duo.status = .onScene
        duo.statusSince = now
    }

    /// The advice given, and to whom.
    /// - Throws: ``ConsultRefusal`` or ``ValidationError`` (`advice`, `advisedTo`).
    public static func advise(_ consult: inout Consult, advice: String?, to advisedTo: String?) throws {
        guard consult.stage == .accepted else { throw ConsultRefusal.wrongStage(consult.stage) }
        var problems: [FieldProblem] = []
        let advice = advice.trimmedNonEmpty
        let advisedTo = advisedTo.trimmedNonEmpty
        if advice == nil || (advice?.count ?? 0) > maximumTextLength {
            problems.append(FieldProblem(field: "advice", messageKey: "esup.error.advice"))
        }
        if (advisedTo?.count ?? 0) > 120 {
            problems.append(FieldProblem(field: "advisedTo", messageKey: "esup.error.too_long"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        consult.advice = advice
        consult.advisedTo = advisedTo
    }

    /// The social worker's assessment.
    /// - Throws: ``ConsultRefusal`` or ``ValidationError`` (`riskToSelf`, `riskToOthers`, `assessmentNote`).
    public static func assess(_ consult: inout Consult, riskToSelf: String?, riskToOthers: String?, note: String?)
        throws
    {
        guard consult.stage == .accepted else { throw ConsultRefusal.wrongStage(consult.stage) }
        var problems: [FieldProblem] = []
        let toSelf = riskToSelf.flatMap(RiskLevel.init(rawValue:))
        let toOthers = riskToOthers.flatMap(RiskLevel.init(rawValue:))
        let note = note.trimmedNonEmpty
        if toSelf == nil { problems.append(FieldProblem(field: "riskToSelf", messageKey: "esup.error.risk")) }
        if toOthers == nil { problems.append(FieldProblem(field: "riskToOthers", messageKey: "esup.error.risk")) }
        if (note?.count ?? 0) > maximumTextLength {
            problems.append(FieldProblem(field: "assessmentNote", messageKey: "esup.error.too_long"))
        }
        guard problems.isEmpty, let toSelf, let toOthers else { throw ValidationError(problems) }
        consult.assessment = Assessment(riskToSelf: toSelf, riskToOthers: toOthers, note: note)
    }

    /// The frontline officers go back to their other duties.
    public static func freeOfficers(_ consult: inout Consult, now: Date) throws(ConsultRefusal) {
        guard consult.stage == .accepted else { throw .wrongStage(consult.stage) }
        consult.officersFreedAt = consult.officersFreedAt ?? now
    }

    /// Closes the consult with its outcome; a transport without consent needs its legal ground, a referral the
    /// resources it links. The officers are freed now if they were not before, and the duo is back.
    /// - Throws: ``ConsultRefusal`` or ``ValidationError`` (`outcome`, `legalGround`, `resources`).
    public static func close(
        _ consult: inout Consult, duo: inout Duo?, outcome: String?, legalGround: String?, resourceIDs: [String],
        now: Date
    ) throws {
        guard consult.stage == .accepted else { throw ConsultRefusal.wrongStage(consult.stage) }
        var problems: [FieldProblem] = []
        let outcome = outcome.flatMap(ConsultOutcome.init(rawValue:))
        let ground = legalGround.trimmedNonEmpty.flatMap(P38Ground.init(rawValue:))
        let resources = Array(Set(resourceIDs.map(\.trimmed).filter { !$0.isEmpty })).sorted()
        if outcome == nil { problems.append(FieldProblem(field: "outcome", messageKey: "esup.error.outcome")) }
        if outcome == .involuntaryTransport, ground == nil {
            problems.append(FieldProblem(field: "legalGround", messageKey: "esup.error.legal_ground"))
        }
        if outcome == .referral, resources.isEmpty {
            problems.append(FieldProblem(field: "resources", messageKey: "esup.error.referral_resources"))
        }
        if resources.count > maximumResources || resources.contains(where: { $0.count > 100 }) {
            problems.append(FieldProblem(field: "resources", messageKey: "esup.error.too_many_resources"))
        }
        guard problems.isEmpty, let outcome else { throw ValidationError(problems) }
        consult.outcome = outcome
        consult.legalGround = outcome == .involuntaryTransport ? ground : nil
        consult.resourceIDs = resources
        consult.officersFreedAt = consult.officersFreedAt ?? now
        consult.closedAt = now
        consult.stage = .closed
        duo?.status = .back
        duo?.statusSince = now
    }

    /// The officer who asked withdraws the request before a duo takes it.
    public static func withdraw(_ consult: inout Consult, now: Date) throws(ConsultRefusal) {
        guard consult.stage == .requested else { throw .wrongStage(consult.stage) }
        consult.stage = .withdrawn
        consult.closedAt = now
    }

    /// `yes` / `no` (`oui` / `non`, `true` / `false`) as a Boolean, or nil.
    static func yesNo(_ text: String?) -> Bool? {
        switch text?.trimmed.lowercased() {
        case "yes", "oui", "true", "1": true
        case "no", "non", "false", "0": false
        default: nil
        }
    }

    private static func ordered(_ kinds: [ConsultSituation]) -> [ConsultSituation] {
        ConsultSituation.allCases.filter(kinds.contains)
    }
}
