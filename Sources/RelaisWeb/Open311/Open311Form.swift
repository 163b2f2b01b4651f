import Foundation
import RelaisCore

/// The attributes of every Relais service definition.
enum Open311Attributes {
    /// The four safety questions, required, answered `yes` or `no`.
    static let screening: [(code: String, questionKey: String)] = [
        ("danger_to_life", "intake.question.immediateDangerToLife"),
        ("weapon", "intake.question.weapon"),
        ("crime_in_progress", "intake.question.crimeInProgress"),
        ("medical_emergency", "intake.question.medicalEmergency"),
    ]
    static let peopleCount = "people_count"
    static let vulnerabilities = "vulnerabilities"
}

/// A POST Service Request's form (`application/x-www-form-urlencoded`), with its `attribute[code]` and
/// `attribute[code][]` fields.
struct Open311Form {
    private var fields: [String: [String]] = [:]

    init(body: String) {
        // `+` is a space in forms; URLComponents decodes percent escapes only.
        let components = URLComponents(string: "?" + body.replacingOccurrences(of: "+", with: "%20"))
        for item in components?.queryItems ?? [] {
            fields[item.name, default: []].append(item.value ?? "")
        }
    }

    /// The first non-empty value of a field (a blank optional argument counts as absent).
    func value(_ name: String) -> String? {
        fields[name]?.map { $0.trimmed }.first { !$0.isEmpty }
    }

    /// Every value of an attribute, single (`attribute[code]`) or multiple (`attribute[code][]`).
    func attribute(_ code: String) -> [String] {
        ((fields["attribute[\(code)]"] ?? []) + (fields["attribute[\(code)][]"] ?? []))
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The intake form this request makes, from a 311 source.
    /// - Throws: ``Open311Failure`` for an unknown service, a missing location or an unanswered safety question.
    func intakeForm(situations: Set<String>) throws(Open311Failure) -> IntakeForm {
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

/// The errors of the Open311 endpoint, answered in the specification's error format.
enum Open311Failure: Error, Sendable {
    case apiKey
    case notAForm
    case missing(String)
    case unknownService(String)
    case unknownRequest
    case unknownToken
    case locationRequired
    case attributesRequired([String])
    case invalid([FieldProblem])
    /// Already-localised messages (query argument problems).
    case messages([String])
    case notFound
    case methodNotAllowed
    case serverError

    var status: Int {
        switch self {
        case .apiKey: 403
        case .unknownService, .unknownRequest, .unknownToken, .notFound: 404
        case .methodNotAllowed: 405
        case .serverError: 500
        default: 400
        }
    }

    /// The Open311 argument name of an intake field.
    static func argument(_ field: String) -> String {
        switch field {
        case "latitude": "lat"
        case "longitude": "long"
        case "address": "address_string"
        case "callback": "phone"
        case "callerName": "first_name"
        case "situation": "service_code"
        case "screening": "attribute"
        case "peopleCount": "attribute[people_count]"
        case "vulnerabilities": "attribute[vulnerabilities]"
        default: field
        }
    }

    /// The errors' descriptions, in the caller's language.
    func descriptions(_ t: (String, [String]) -> String) -> [String] {
        switch self {
        case .apiKey: [t("open311.error.api_key", [])]
        case .notAForm: [t("open311.error.not_a_form", [])]
        case .missing(let name): [t("open311.error.missing", [name])]
        case .unknownService(let code): [t("open311.error.unknown_service", [code])]
        case .unknownRequest: [t("open311.error.unknown_request", [])]
        case .unknownToken: [t("open311.error.unknown_token", [])]
        case .locationRequired: [t("open311.error.location", [])]
        case .attributesRequired(let codes): codes.map { t("open311.error.attribute", [$0]) }
        case .invalid(let problems): problems.map { "\(Self.argument($0.field)): \(t($0.messageKey, []))" }
        case .messages(let messages): messages
        case .notFound: [t("error.status.404", [])]
        case .methodNotAllowed: [t("error.status.405", [])]
        case .serverError: [t("error.status.500", [])]
        }
    }
}
