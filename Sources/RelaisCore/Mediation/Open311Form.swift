import Foundation

/// The attributes of every Relais service definition.
public enum Open311Attributes {
    /// The four safety questions, required, answered `yes` or `no`.
    public static let screening: [(code: String, questionKey: String)] = [
        ("danger_to_life", "mediation.intake.question.immediateDangerToLife"),
        ("weapon", "mediation.intake.question.weapon"),
        ("crime_in_progress", "mediation.intake.question.crimeInProgress"),
        ("medical_emergency", "mediation.intake.question.medicalEmergency"),
    ]
    public static let peopleCount = "people_count"
    public static let vulnerabilities = "vulnerabilities"
}

/// A POST Service Request's form (`application/x-www-form-urlencoded`), with its `attribute[code]` and
/// `attribute[code][]` fields.
public struct Open311Form: Sendable {
    private let fields: FormFields

    public init(body: some Collection<UInt8>) {
        fields = FormFields(body)
    }

    /// The first non-empty value of a field (a blank optional argument counts as absent).
    public func value(_ name: String) -> String? {
        fields.values(name).map(\.trimmed).first { !$0.isEmpty }
    }

    /// Every value of an attribute, single (`attribute[code]`) or multiple (`attribute[code][]`).
    func attribute(_ code: String) -> [String] {
        (fields.values("attribute[\(code)]") + fields.values("attribute[\(code)][]")).map(\.trimmed)
            .filter { !$0.isEmpty }
    }

    /// The intake form this request makes, from a 311 source.
    /// - Throws: ``Open311Failure`` for an unknown service, a missing location or an unanswered safety question.
    public func intakeForm(situations: Set<String>) throws(Open311Failure) -> IntakeForm {
        guard let code = value("service_code") else { throw .missing("service_code") }
        guard situations.contains(code) else { throw .unknownService(code) }
        guard let latitude = value("lat"), let longitude = value("long") else { throw .locationRequired }
        var problems: [String] = []
        var answers: [String: Bool] = [:]
        for (code, _) in Open311Attributes.screening {
            switch attribute(code).first?.lowercased() {
            case "yes", "true", "oui": answers[code] = true
            case "no", "false", "non": answers[code] = false
            default: problems.append(code)
            }
        }
        guard problems.isEmpty else { throw .attributesRequired(problems) }
        var form = IntakeForm()
        form.source = RequestSource.line311.rawValue
        let name = [value("first_name"), value("last_name")].compactMap { $0 }.joined(separator: " ")
        form.callerName = name.isEmpty ? nil : name
        form.callback = value("phone") ?? value("email")
        form.anonymous = form.callback == nil
        form.address = value("address_string") ?? "\(latitude), \(longitude)"
        form.latitude = Double(latitude) ?? .nan
        form.longitude = Double(longitude) ?? .nan
        form.situation = code
        form.description = value("description")
        form.peopleCount = attribute(Open311Attributes.peopleCount).first.map { Int($0) ?? -1 }
        form.vulnerabilities = attribute(Open311Attributes.vulnerabilities)
        form.immediateDangerToLife = answers["danger_to_life"]
        form.weapon = answers["weapon"]
        form.crimeInProgress = answers["crime_in_progress"]
        form.medicalEmergency = answers["medical_emergency"]
        return form
    }
}
