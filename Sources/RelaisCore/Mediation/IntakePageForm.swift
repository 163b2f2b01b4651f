/// The intake page's form as posted: every field as text, so that a half-typed number is shown again, not lost.
public struct IntakePageForm: Sendable, Equatable {
    public var source: String?
    public var policeEventNumber: String?
    public var anonymous: String?
    public var callerName: String?
    public var callback: String?
    public var address: String?
    public var latitude: String?
    public var longitude: String?
    public var situation: String?
    public var description: String?
    public var peopleCount: String?
    public var vulnerabilities: [String]?
    public var immediateDangerToLife: String?
    public var weapon: String?
    public var crimeInProgress: String?
    public var medicalEmergency: String?
    public var overrideOutcome: String?
    public var overridePriority: String?
    public var overrideReason: String?

    public init() {}

    /// The form from a posted body (`vulnerabilities[]` may repeat).
    public init(_ fields: FormFields) {
        source = fields.first("source")
        policeEventNumber = fields.first("policeEventNumber")
        anonymous = fields.first("anonymous")
        callerName = fields.first("callerName")
        callback = fields.first("callback")
        address = fields.first("address")
        latitude = fields.first("latitude")
        longitude = fields.first("longitude")
        situation = fields.first("situation")
        description = fields.first("description")
        peopleCount = fields.first("peopleCount")
        let ticked = fields.values("vulnerabilities[]")
        vulnerabilities = ticked.isEmpty ? nil : ticked
        immediateDangerToLife = fields.first("immediateDangerToLife")
        weapon = fields.first("weapon")
        crimeInProgress = fields.first("crimeInProgress")
        medicalEmergency = fields.first("medicalEmergency")
        overrideOutcome = fields.first("overrideOutcome")
        overridePriority = fields.first("overridePriority")
        overrideReason = fields.first("overrideReason")
    }

    /// The form the intake rules check. A number that does not parse (or could not be a count) becomes NaN or -1,
    /// which the rules refuse by name.
    public var intakeForm: IntakeForm {
        func number(_ text: String?) -> Double? {
            guard let text = text?.trimmed, !text.isEmpty else { return nil }
            return Double(text.replacing(",", with: ".")) ?? .nan
        }
        /// A whole number within any count's reach; anything else (1e300 stopped the server) is -1.
        func count(_ text: String?) -> Int? {
            number(text).map { value in
                guard value.isFinite, abs(value) <= 1_000_000 else { return -1 }
                return Int(value)
            }
        }
        func answer(_ text: String?) -> Bool? {
            switch text {
            case "true": true
            case "false": false
            default: nil
            }
        }
        var form = IntakeForm()
        form.source = source
        form.policeEventNumber = policeEventNumber
        form.anonymous = anonymous == "true"
        form.callerName = callerName
        form.callback = callback
        form.address = address
        form.latitude = number(latitude)
        form.longitude = number(longitude)
        form.situation = situation
        form.description = description
        form.peopleCount = count(peopleCount)
        form.vulnerabilities = vulnerabilities
        form.immediateDangerToLife = answer(immediateDangerToLife)
        form.weapon = answer(weapon)
        form.crimeInProgress = answer(crimeInProgress)
        form.medicalEmergency = answer(medicalEmergency)
        form.overrideOutcome = overrideOutcome
        form.overridePriority = count(overridePriority)
        form.overrideReason = overrideReason
        return form
    }
}
