import Foundation
import RelaisCore
import Vapor

/// What RÉSO makes once at start: its settings, the sectors and officers in memory for the public page, and the
/// gates that keep one address or device from flooding the officers.
struct ResoServices: Sendable {
    let settings: ResoSettings
    let book = SectorBook()
    /// Residents' messages: per device and per network address, ``MessageRules/sendLimits``.
    let messages = RateGate()
    /// Address suggestions on the public page: per network address.
    let lookups = RateGate()
}

/// RÉSO's settings (`RELAIS_RESO_*`).
struct ResoSettings: Sendable, Equatable {
    /// How long a message may wait for a first answer before it goes to the covering colleague and the supervisors.
    var replyHours = 24

    static let expected = ["RELAIS_RESO_REPLY_HOURS": "a number of hours from 1 to 720"]

    /// The settings `environment` gives.
    /// - Throws: ``ConfigurationError`` naming a malformed variable and what it expects.
    static func parse(_ environment: [String: String]) throws(ConfigurationError) -> ResoSettings {
        var settings = ResoSettings()
        if let text = environment["RELAIS_RESO_REPLY_HOURS"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard text.count <= 4, let hours = Int(text), (1...720).contains(hours) else {
                throw ConfigurationError(
                    lines: [
                        .init(variable: "RELAIS_RESO_REPLY_HOURS", state: "invalid: expected \(expected.values.first!)")
                    ])
            }
            settings.replyHours = hours
        }
        return settings
    }
}

extension AppServices {
    /// RÉSO's services (the programme is enabled wherever its routes answer).
    var reso: ResoServices {
        guard let services = programmes[ResoServices.self] else {
            preconditionFailure("RÉSO is not running in this deployment")
        }
        return services
    }
}
