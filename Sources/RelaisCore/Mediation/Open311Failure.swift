/// The errors of the Open311 endpoint, answered in the specification's error format.
public enum Open311Failure: Error, Sendable {
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
    /// The server is busy: try again shortly.
    case overloaded
    case serverError

    /// The HTTP status Open311 answers with.
    public var status: Int {
        switch self {
        case .apiKey: 403
        case .unknownService, .unknownRequest, .unknownToken, .notFound: 404
        case .methodNotAllowed: 405
        case .serverError: 500
        case .overloaded: 503
        default: 400
        }
    }

    /// The Open311 argument name of an intake field.
    public static func argument(_ field: String) -> String {
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
    public func descriptions(_ t: (String, [String]) -> String) -> [String] {
        switch self {
        case .apiKey: [t("mediation.open311.error.api_key", [])]
        case .notAForm: [t("mediation.open311.error.not_a_form", [])]
        case .missing(let name): [t("mediation.open311.error.missing", [name])]
        case .unknownService(let code): [t("mediation.open311.error.unknown_service", [code])]
        case .unknownRequest: [t("mediation.open311.error.unknown_request", [])]
        case .unknownToken: [t("mediation.open311.error.unknown_token", [])]
        case .locationRequired: [t("mediation.open311.error.location", [])]
        case .attributesRequired(let codes): codes.map { t("mediation.open311.error.attribute", [$0]) }
        case .invalid(let problems): problems.map { "\(Self.argument($0.field)): \(t($0.messageKey, []))" }
        case .messages(let messages): messages
        case .notFound: [t("error.status.404", [])]
        case .methodNotAllowed: [t("error.status.405", [])]
        case .overloaded: [t("error.status.503", [])]
        case .serverError: [t("error.status.500", [])]
        }
    }
}
