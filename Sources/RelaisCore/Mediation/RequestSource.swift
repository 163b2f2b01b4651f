/// Who brought a request to the mobile mediation team (the programme document names them all).
public enum RequestSource: String, CaseIterable, Sendable, Codable {
    /// The police, for a non-urgent, non-criminal call (with the police event number).
    case police
    case resident
    case merchant
    /// A community organisation.
    case organisation
    case municipalService = "municipal_service"
    case borough
    /// The city's 311 line, or an Open311 client.
    case line311 = "311"

    /// The locale catalogue key of the source's name.
    public var labelKey: String { "mediation.request_source.\(rawValue)" }
}
