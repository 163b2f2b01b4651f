import Foundation

/// A request as an intake coordinator (or a partner's client) sends it, before validation.
public struct IntakeForm: Sendable, Equatable, Codable {
    public var source: String?
    public var policeEventNumber: String?
    /// True when the caller does not give a way to call back.
    public var anonymous: Bool?
    public var callerName: String?
    public var callback: String?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var situation: String?
    public var description: String?
    public var peopleCount: Int?
    public var vulnerabilities: [String]?
    public var immediateDangerToLife: Bool?
    public var weapon: Bool?
    public var crimeInProgress: Bool?
    public var medicalEmergency: Bool?
    /// A coordinator's override of triage: an outcome code (`call_911`, `police`, `out_of_territory`, `queued`),
    /// the priority when queued, and why.
    public var overrideOutcome: String?
    public var overridePriority: Int?
    public var overrideReason: String?

    public init() {}
}

/// Who called and how to call them back; absent for an anonymous caller.
public struct CallerContact: Sendable, Equatable, Codable {
    public var name: String?
    public var callback: String

    public init(name: String?, callback: String) {
        self.name = name
        self.callback = callback
    }

    /// The contact as JSON text that `JSONDecoder` reads back (an absent name left out), written without the
    /// encoder's cost on the intake's path.
    public var jsonText: String {
        var members: [String: JSONValue] = ["callback": .string(callback)]
        if let name { members["name"] = .string(name) }
        return JSONText.write(.object(members))
    }
}

/// A request that passed validation: every field present, in range and from the configured lists.
public struct ValidIntake: Sendable, Equatable {
    public let source: RequestSource
    public let policeEventNumber: String?
    public let caller: CallerContact?
    public let address: String
    public let point: GeoPoint
    public let situation: String
    public let description: String
    public let peopleCount: Int
    public let vulnerabilities: Set<String>
    public let screening: SafetyScreening
    /// The coordinator's override of triage, if any.
    public let override: TriageOverride?

    public init(
        source: RequestSource, policeEventNumber: String?, caller: CallerContact?, address: String, point: GeoPoint,
        situation: String, description: String, peopleCount: Int, vulnerabilities: Set<String>,
        screening: SafetyScreening, override: TriageOverride? = nil
    ) {
        self.source = source
        self.policeEventNumber = policeEventNumber
        self.caller = caller
        self.address = address
        self.point = point
        self.situation = situation
        self.description = description
        self.peopleCount = peopleCount
        self.vulnerabilities = vulnerabilities
        self.screening = screening
        self.override = override
    }
}

/// The rules an intake must meet.
public enum IntakeRules {
    /// Vulnerability flags a coordinator may tick.
    public static let vulnerabilities: Set<String> = [
        "minor", "elderly", "mental_health", "substance_use", "unhoused", "disability", "language_barrier",
    ]
    public static let maximumDescription = 4_000
    public static let maximumAddress = 300
    public static let maximumName = 200
    public static let maximumCallback = 100

    /// Checks a form against the rules and the deployment's situations.
    /// - Throws: ``ValidationError`` naming every field at fault; nothing is half-accepted.
    public static func validate(_ form: IntakeForm, situations: Set<String>) throws(ValidationError) -> ValidIntake {
        var problems: [FieldProblem] = []
        /// `field` is the JSON key the client sent; the message key uses the snake-case name.
        func problem(_ field: String, _ code: String) {
            let snake = field.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) }
            problems.append(FieldProblem(field: field, messageKey: "mediation.error.\(snake).\(code)"))
        }
        func text(_ value: String?) -> String { (value ?? "").trimmed }

        let source = RequestSource(rawValue: text(form.source))
        if source == nil { problem("source", text(form.source).isEmpty ? "required" : "unknown") }
        let eventNumber = text(form.policeEventNumber)
        if source == .police && eventNumber.isEmpty { problem("policeEventNumber", "required") }
        if eventNumber.count > 50 { problem("policeEventNumber", "too_long") }

        var caller: CallerContact?
        let name = text(form.callerName)
        let callback = text(form.callback)
        // Too long is wrong even from an anonymous caller (whose name and number are then not kept).
        if callback.count > maximumCallback { problem("callback", "too_long") }
        if name.count > maximumName { problem("callerName", "too_long") }
        if form.anonymous != true {
            if callback.isEmpty { problem("callback", "required") }
            caller = CallerContact(name: name.isEmpty ? nil : name, callback: callback)
        }

        let address = text(form.address)
        if address.isEmpty { problem("address", "required") }
        if address.count > maximumAddress { problem("address", "too_long") }
        var point: GeoPoint?
        switch (form.latitude, form.longitude) {
        case (let latitude?, let longitude?):
            // Each coordinate is checked on its own, so that both can be reported at once.
            // The platform's words for a point off the globe (as ``GeoPoint`` says it).
            if !(-90...90).contains(latitude) {
                problems.append(FieldProblem(field: "latitude", messageKey: "error.latitude.out_of_range"))
            }
            if !(-180...180).contains(longitude) {
                problems.append(FieldProblem(field: "longitude", messageKey: "error.longitude.out_of_range"))
            }
            point = try? GeoPoint(latitude: latitude, longitude: longitude)
        default:
            problem("latitude", "required")
            problem("longitude", "required")
        }

        let situation = text(form.situation)
        if !situations.contains(situation) { problem("situation", situation.isEmpty ? "required" : "unknown") }
        let description = text(form.description)
        if description.isEmpty { problem("description", "required") }
        if description.count > maximumDescription { problem("description", "too_long") }
        let people = form.peopleCount ?? 1
        if !(1...500).contains(people) { problem("peopleCount", "out_of_range") }
        let flags = Set(form.vulnerabilities ?? [])
        if !flags.isSubset(of: vulnerabilities) { problem("vulnerabilities", "unknown") }

        let answers = [form.immediateDangerToLife, form.weapon, form.crimeInProgress, form.medicalEmergency]
        if answers.contains(where: { $0 == nil }) { problem("screening", "required") }

        var override: TriageOverride?
        let overrideCode = text(form.overrideOutcome)
        if !overrideCode.isEmpty {
            let priority = form.overridePriority.flatMap(Priority.init(rawValue:))
            if form.overridePriority != nil && priority == nil { problem("overridePriority", "unknown") }
            if let outcome = TriageOutcome(code: overrideCode, priority: overrideCode == "queued" ? priority : nil) {
                do { override = try TriageOverride(outcome: outcome, reason: form.overrideReason ?? "") } catch {
                    problems.append(contentsOf: error.fieldProblems)
                }
            } else {
                problem(
                    overrideCode == "queued" ? "overridePriority" : "overrideOutcome",
                    overrideCode == "queued" ? "required" : "unknown")
            }
        }

        guard problems.isEmpty, let source, let point else { throw ValidationError(problems) }
        return ValidIntake(
            source: source, policeEventNumber: eventNumber.isEmpty ? nil : eventNumber, caller: caller,
            address: address, point: point, situation: situation, description: description, peopleCount: people,
            vulnerabilities: flags,
            screening: SafetyScreening(
                immediateDangerToLife: form.immediateDangerToLife ?? false, weapon: form.weapon ?? false,
                crimeInProgress: form.crimeInProgress ?? false, medicalEmergency: form.medicalEmergency ?? false),
            override: override)
    }
}
