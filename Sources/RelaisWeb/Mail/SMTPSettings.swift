import Foundation

/// Where and how Relais hands its e-mail over (`RELAIS_SMTP_URL`): `smtp://host[:25]` (plain, for a relay on the
/// same host or network), `smtp+starttls://user:password@host[:587]` (STARTTLS required) or
/// `smtps://user:password@host[:465]` (TLS from the start). The user name and password are percent-decoded.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        case none
        case startTLS
        case tls
    }

    public let host: String
    public let port: Int
    public let security: Security
    public let username: String?
    public let password: String?

    /// Reads an `smtp://`, `smtp+starttls://` or `smtps://` address, or nil when it is not one.
    public init?(url text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty, url.path.isEmpty || url.path == "/"
        else { return nil }
        switch scheme {
        case "smtp": (security, port) = (.none, url.port ?? 25)
        case "smtp+starttls": (security, port) = (.startTLS, url.port ?? 587)
        case "smtps": (security, port) = (.tls, url.port ?? 465)
        default: return nil
        }
        guard (1...65535).contains(port) else { return nil }
        self.host = host
        username = url.user(percentEncoded: false)
        password = url.password(percentEncoded: false)
        if (username == nil) != (password == nil) { return nil }
    }

    /// The address without its password, for start-up's report and logs.
    public var description: String {
        let scheme = ["none": "smtp", "startTLS": "smtp+starttls", "tls": "smtps"][security.rawValue] ?? "smtp"
        return "\(scheme)://\(username.map { "\($0)@" } ?? "")\(host):\(port)"
    }
}
