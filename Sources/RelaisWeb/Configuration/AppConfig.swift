import Foundation
import RelaisCore
import RelaisPersistence

/// The whole configuration of a Relais process, parsed once from the environment at start.
///
/// With no variable set it runs on SQLite in `./relais-data`; `DATABASE_URL` switches to PostgreSQL.
public struct AppConfig: Sendable, Equatable {
    public var dataDirectory: String
    public var database: DatabaseLocation
    /// The 32-byte key that seals identifying fields; nil means "read or create `encryption.key` in the data folder".
    public var encryptionKey: [UInt8]?
    /// The address people use to reach Relais; `https` turns on `Secure` cookies.
    public var publicURL: URL
    /// Whether roles that read personal information must use a second factor.
    public var requireSecondFactor: Bool
    /// The deployment's time zone, for showing dates (storage is UTC).
    public var timeZone: TimeZone
    /// Whether a reverse proxy in front sets `X-Forwarded-For` (used for per-address sign-in throttling).
    public var trustForwardedFor: Bool
    /// How long a referral awaits the receiving resource's answer before it reads "no answer".
    public var referralAnswerDelay: TimeInterval = 48 * 3600
    /// Database connections per event loop (nil: 1 on SQLite, 4 on PostgreSQL).
    public var databasePool: Int?
    /// Whether a SQLite commit waits for the disk (an acknowledged call survives a power cut by default).
    public var sqliteDurability: SQLiteDurability = .full
    /// The programmes this deployment runs, by name (nil: every programme of this build).
    public var programmes: Set<String>?
    /// The language of whoever has not chosen one (French unless the deployment says otherwise; an Ontario
    /// situation table may want English first). Both languages stay complete.
    public var defaultLanguage: Language = .default
    /// The smallest count statistics show (`RELAIS_STATISTICS_THRESHOLD`); smaller ones are withheld.
    public var statisticsThreshold = SmallCells.defaultThreshold
    /// A tile server in the XYZ convention (`https://tiles.example/{z}/{x}/{y}.png`, `RELAIS_MAP_TILES_URL`); nil:
    /// maps draw what Relais has (territories, street lines, stations, landmarks).
    public var mapTilesURL: String?
    /// The SMTP server e-mail goes through (`RELAIS_SMTP_URL`); nil: messages wait in the outbox.
    public var smtp: SMTPSettings?
    /// The sender of Relais's e-mail (`RELAIS_MAIL_FROM`; default `relais@` the public address's host).
    public var mailFrom: String {
        get { mailFromSetting ?? "relais@\(mailHeloName)" }
        set { mailFromSetting = newValue }
    }
    private var mailFromSetting: String?

    /// The name Relais gives itself in SMTP's EHLO: the public address's host, or `localhost` for an address.
    var mailHeloName: String {
        let host = publicURL.host ?? "localhost"
        return host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? "localhost" : host
    }

    /// The tile server's origin (`https://tiles.example`), which pages may load images from.
    public var mapTilesOrigin: String? {
        guard let text = mapTilesURL,
            let url = URL(string: text.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
            let scheme = url.scheme, let host = url.host
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The connections each event loop's pool opens.
    public var connectionsPerEventLoop: Int { databasePool ?? database.defaultConnectionsPerEventLoop }

    public init(
        dataDirectory: String = "./relais-data", database: DatabaseLocation? = nil, encryptionKey: [UInt8]? = nil,
        publicURL: URL = URL(string: "http://127.0.0.1:8080")!, requireSecondFactor: Bool = false,
        timeZone: TimeZone = TimeZone(identifier: "America/Toronto")!, trustForwardedFor: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.database = database ?? .sqliteFile(path: dataDirectory + "/relais.sqlite")
        self.encryptionKey = encryptionKey
        self.publicURL = publicURL
        self.requireSecondFactor = requireSecondFactor
        self.timeZone = timeZone
        self.trustForwardedFor = trustForwardedFor
    }

    /// Whether cookies must carry `Secure`.
    public var secureCookies: Bool { publicURL.scheme == "https" }

    /// The variables Relais reads, in the order they are reported.
    public static let variables = [
        "RELAIS_DATA_DIR", "DATABASE_URL", "RELAIS_ENCRYPTION_KEY", "RELAIS_PUBLIC_URL", "RELAIS_REQUIRE_TOTP",
        "RELAIS_TIME_ZONE", "RELAIS_TRUST_FORWARDED_FOR", "RELAIS_REFERRAL_ANSWER_HOURS", "RELAIS_DATABASE_POOL",
        "RELAIS_SQLITE_SYNCHRONOUS", "RELAIS_PROGRAMMES", "RELAIS_LANGUAGE", "RELAIS_STATISTICS_THRESHOLD",
        "RELAIS_MAP_TILES_URL", "RELAIS_SMTP_URL", "RELAIS_MAIL_FROM",
    ]

    /// Parses the configuration from environment variables.
    /// - Throws: ``ConfigurationError`` naming every variable and its state when any value is malformed.
    public static func parse(_ environment: [String: String]) throws(ConfigurationError) -> AppConfig {
        var report: [ConfigurationError.Line] = []
        var failed = false
        func note(_ name: String, _ state: String, bad: Bool = false) {
            report.append(.init(variable: name, state: state))
            failed = failed || bad
        }
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }

        var config = AppConfig()
        if let dir = value("RELAIS_DATA_DIR") {
            config.dataDirectory = dir
            note("RELAIS_DATA_DIR", "set: \(dir)")
        } else {
            note("RELAIS_DATA_DIR", "unset (default ./relais-data)")
        }
        config.database = .sqliteFile(path: config.dataDirectory + "/relais.sqlite")

        if let url = value("DATABASE_URL") {
            if let parsed = URL(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
                parsed.host?.isEmpty == false
            {
                config.database = .postgres(url: url)
                note("DATABASE_URL", "set: PostgreSQL at \(parsed.host!)\(parsed.port.map { ":\($0)" } ?? "")")
            } else {
                note("DATABASE_URL", "invalid: expected postgres://user:password@host:port/database", bad: true)
            }
        } else {
            note("DATABASE_URL", "unset (SQLite in the data folder)")
        }

        if let key = value("RELAIS_ENCRYPTION_KEY") {
            if let bytes = Data(base64Encoded: key), bytes.count == 32 {
                config.encryptionKey = Array(bytes)
                note("RELAIS_ENCRYPTION_KEY", "set (32 bytes)")
            } else {
                note(
                    "RELAIS_ENCRYPTION_KEY", "invalid: expected 32 random bytes in base64 (openssl rand -base64 32)",
                    bad: true)
            }
        } else if config.database.engine == .postgres {
            note(
                "RELAIS_ENCRYPTION_KEY", "unset: required with DATABASE_URL, every instance needs the same key",
                bad: true)
        } else {
            note("RELAIS_ENCRYPTION_KEY", "unset (kept in encryption.key in the data folder)")
        }

        if let url = value("RELAIS_PUBLIC_URL") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.publicURL = parsed
                note("RELAIS_PUBLIC_URL", "set: \(url)")
            } else {
                note("RELAIS_PUBLIC_URL", "invalid: expected an http:// or https:// address", bad: true)
            }
        } else {
            note("RELAIS_PUBLIC_URL", "unset (default http://127.0.0.1:8080)")
        }

        // The production store defaults to the protective setting; the embedded demo store does not.
        config.requireSecondFactor = config.database.engine == .postgres
        if let flag = value("RELAIS_REQUIRE_TOTP") {
            if let parsed = parseBool(flag) {
                config.requireSecondFactor = parsed
                note("RELAIS_REQUIRE_TOTP", "set: \(parsed)")
            } else {
                note("RELAIS_REQUIRE_TOTP", "invalid: expected true or false", bad: true)
            }
        } else {
            note("RELAIS_REQUIRE_TOTP", "unset (default \(config.requireSecondFactor))")
        }

        if let zone = value("RELAIS_TIME_ZONE") {
            if let parsed = TimeZone(identifier: zone) {
                config.timeZone = parsed
                note("RELAIS_TIME_ZONE", "set: \(zone)")
            } else {
                note("RELAIS_TIME_ZONE", "invalid: expected an IANA zone such as America/Toronto", bad: true)
            }
        } else {
            note("RELAIS_TIME_ZONE", "unset (default America/Toronto)")
        }

        if let flag = value("RELAIS_TRUST_FORWARDED_FOR") {
            if let parsed = parseBool(flag) {
                config.trustForwardedFor = parsed
                note("RELAIS_TRUST_FORWARDED_FOR", "set: \(parsed)")
            } else {
                note("RELAIS_TRUST_FORWARDED_FOR", "invalid: expected true or false", bad: true)
            }
        } else {
            note("RELAIS_TRUST_FORWARDED_FOR", "unset (default false)")
        }

        if let hours = value("RELAIS_REFERRAL_ANSWER_HOURS") {
            if let parsed = Double(hours), parsed > 0, parsed <= 24 * 30 {
                config.referralAnswerDelay = parsed * 3600
                note("RELAIS_REFERRAL_ANSWER_HOURS", "set: \(hours)")
            } else {
                note("RELAIS_REFERRAL_ANSWER_HOURS", "invalid: expected hours between 0 and 720", bad: true)
            }
        } else {
            note("RELAIS_REFERRAL_ANSWER_HOURS", "unset (default 48)")
        }

        if let pool = value("RELAIS_DATABASE_POOL") {
            if let parsed = Int(pool), (1...64).contains(parsed) {
                config.databasePool = parsed
                note("RELAIS_DATABASE_POOL", "set: \(parsed) per event loop")
            } else {
                note("RELAIS_DATABASE_POOL", "invalid: expected connections per event loop, from 1 to 64", bad: true)
            }
        } else {
            note(
                "RELAIS_DATABASE_POOL",
                "unset (default \(config.database.defaultConnectionsPerEventLoop) per event loop)")
        }

        if let mode = value("RELAIS_SQLITE_SYNCHRONOUS") {
            if let parsed = SQLiteDurability(rawValue: mode.lowercased()) {
                config.sqliteDurability = parsed
                note("RELAIS_SQLITE_SYNCHRONOUS", "set: \(parsed.rawValue)")
            } else {
                note("RELAIS_SQLITE_SYNCHRONOUS", "invalid: expected full or normal", bad: true)
            }
        } else {
            note("RELAIS_SQLITE_SYNCHRONOUS", "unset (default full: every acknowledged write is on disk)")
        }

        if let list = value("RELAIS_PROGRAMMES") {
            let names = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                .subtracting([""])
            let unknown = names.subtracting(Programmes.ids)
            if unknown.isEmpty {
                config.programmes = names
                note("RELAIS_PROGRAMMES", "set: \(names.sorted().joined(separator: ","))")
            } else {
                note(
                    "RELAIS_PROGRAMMES",
                    "invalid: \(unknown.sorted().joined(separator: ", ")) unknown; this build runs "
                        + Programmes.ids.joined(separator: ", "), bad: true)
            }
        } else {
            note("RELAIS_PROGRAMMES", "unset (default: every programme, \(Programmes.ids.joined(separator: ", ")))")
        }

        if let code = value("RELAIS_LANGUAGE") {
            if let parsed = Language(rawValue: code.lowercased()) {
                config.defaultLanguage = parsed
                note("RELAIS_LANGUAGE", "set: \(parsed.rawValue)")
            } else {
                note("RELAIS_LANGUAGE", "invalid: expected fr or en", bad: true)
            }
        } else {
            note("RELAIS_LANGUAGE", "unset (default fr)")
        }

        if let text = value("RELAIS_STATISTICS_THRESHOLD") {
            if text.count <= 3, let threshold = Int(text), (2...100).contains(threshold) {
                config.statisticsThreshold = threshold
                note("RELAIS_STATISTICS_THRESHOLD", "set: \(threshold)")
            } else {
                note("RELAIS_STATISTICS_THRESHOLD", "invalid: expected a whole number from 2 to 100", bad: true)
            }
        } else {
            note("RELAIS_STATISTICS_THRESHOLD", "unset (default \(SmallCells.defaultThreshold))")
        }

        if let template = value("RELAIS_MAP_TILES_URL") {
            config.mapTilesURL = template
            if ["{z}", "{x}", "{y}"].allSatisfy(template.contains), config.mapTilesOrigin != nil,
                template.hasPrefix("https://") || template.hasPrefix("http://"), !template.contains("'"),
                !template.contains(" ")
            {
                note("RELAIS_MAP_TILES_URL", "set: \(config.mapTilesOrigin ?? "")")
            } else {
                config.mapTilesURL = nil
                note(
                    "RELAIS_MAP_TILES_URL", "invalid: expected an http(s) address with {z}, {x} and {y}", bad: true)
            }
        } else {
            note("RELAIS_MAP_TILES_URL", "unset (maps drawn from the imported streets and places)")
        }

        if let url = value("RELAIS_SMTP_URL") {
            if let settings = SMTPSettings(url: url) {
                config.smtp = settings
                note("RELAIS_SMTP_URL", "set: \(settings.description)")
            } else {
                note(
                    "RELAIS_SMTP_URL",
                    "invalid: expected smtp://host[:port], smtp+starttls://user:password@host[:587] or smtps://…",
                    bad: true)
            }
        } else {
            note("RELAIS_SMTP_URL", "unset (e-mail waits in the outbox)")
        }
        if let sender = value("RELAIS_MAIL_FROM") {
            if MailAddress.isPlain(sender) {
                config.mailFrom = sender
                note("RELAIS_MAIL_FROM", "set: \(sender)")
            } else {
                note("RELAIS_MAIL_FROM", "invalid: expected an address like relais@example.org", bad: true)
            }
        } else {
            note("RELAIS_MAIL_FROM", "unset (default \(config.mailFrom))")
        }

        if failed { throw ConfigurationError(lines: report) }
        return config
    }

    private static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "oui": true
        case "false", "0", "no", "non": false
        default: nil
        }
    }
}

/// The configuration could not be read: every variable is listed with its state (secrets never shown).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Line: Sendable, Equatable {
        public let variable: String
        public let state: String
    }

    public let lines: [Line]

    public var description: String {
        (["Relais cannot start: the configuration is not valid."] + lines.map { "  \($0.variable) = \($0.state)" })
            .joined(separator: "\n")
    }
}
