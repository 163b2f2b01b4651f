import Foundation
import RelaisCore
import Vapor

/// The intake page's form as posted: every field as text, so that a half-typed number is reported, not lost.
struct IntakePageForm: Content {
    var source: String?
    var policeEventNumber: String?
    var anonymous: String?
    var callerName: String?
    var callback: String?
    var address: String?
    var latitude: String?
    var longitude: String?
    var situation: String?
    var description: String?
    var peopleCount: String?
    var vulnerabilities: [String]?
    var immediateDangerToLife: String?
    var weapon: String?
    var crimeInProgress: String?
    var medicalEmergency: String?
    var overrideOutcome: String?
    var overridePriority: String?
    var overrideReason: String?

    /// The form the intake rules check. A number that does not parse becomes NaN, which the rules refuse.
    var intakeForm: IntakeForm {
        func number(_ text: String?) -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return Double(text.replacingOccurrences(of: ",", with: ".")) ?? .nan
        }
        func answer(_ text: String?) -> Bool? {
            switch text {
            case "true": true;
            case "false": false;
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
        form.peopleCount = number(peopleCount).map { $0.isFinite ? Int($0) : -1 }
        form.vulnerabilities = vulnerabilities
        form.immediateDangerToLife = answer(immediateDangerToLife)
        form.weapon = answer(weapon)
        form.crimeInProgress = answer(crimeInProgress)
        form.medicalEmergency = answer(medicalEmergency)
        form.overrideOutcome = overrideOutcome
        form.overridePriority = number(overridePriority).map { $0.isFinite ? Int($0) : -1 }
        form.overrideReason = overrideReason
        return form
    }
}
