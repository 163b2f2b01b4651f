import Foundation
import RelaisCore

/// How a deployment runs its situation table, from the environment (each variable optional):
/// `RELAIS_TABLE_VOTE_RULE` (`unanimity`, or `quorum:N`), `RELAIS_TABLE_REVEAL_FIELDS` (filter 3's fields),
/// `RELAIS_TABLE_SHARING_DAYS` (filter 4's sharing time), `RELAIS_TABLE_RETENTION_DAYS` (identity kept after the
/// conclusion), `RELAIS_TABLE_SCHEDULE` (`tue,thu 09:30 90`) and `RELAIS_TABLE_LOCATION`. The trends withhold counts
/// under the deployment's `RELAIS_STATISTICS_THRESHOLD` (``AppConfig/statisticsThreshold``).
struct TableSettings: Sendable, Equatable {
    var voteRule = VoteRule.unanimity
    var revealFields: Set<IdentityField> = [.firstName, .age]
    var sharingDays = SituationRules.defaultSharingDays
    var retentionDays = SituationRules.defaultRetentionDays
    var schedule = MeetingSchedule(weekdays: [3, 5], hour: 9, minute: 30, minutes: 90)!
    var location: String? = "Salle de la table"

    /// The meetings' series name.
    static let series = "situation_table"

    /// What each variable expects, said when it is malformed.
    static let expected: [String: String] = [
        "RELAIS_TABLE_VOTE_RULE": "unanimity, or quorum:N with N from 1 to 99",
        "RELAIS_TABLE_REVEAL_FIELDS": "comma-separated among first_name, last_name, age",
        "RELAIS_TABLE_SHARING_DAYS": "a number of days from 1 to 3650",
        "RELAIS_TABLE_RETENTION_DAYS": "a number of days from 1 to 3650",
        "RELAIS_TABLE_SCHEDULE": "weekdays, local time and minutes, as tue,thu 09:30 90",
        "RELAIS_TABLE_LOCATION": "at most 200 characters",
    ]

    /// The settings `environment` gives.
    /// - Throws: ``ConfigurationError`` naming every malformed variable and what it expects: a table must not run
    ///   under a rule other than the one its partners agreed to.
    static func parse(_ environment: [String: String]) throws(ConfigurationError) -> TableSettings {
        var settings = TableSettings()
        var malformed: [String] = []
        func read<T>(_ name: String, _ parse: (String) -> T?) -> T? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return nil
            }
            guard let value = parse(text) else {
                malformed.append(name)
                return nil
            }
            return value
        }
        func days(_ text: String) -> Int? {
            text.count <= 4 ? Int(text).flatMap { (1...3_650).contains($0) ? $0 : nil } : nil
        }
        settings.voteRule = read("RELAIS_TABLE_VOTE_RULE", VoteRule.init(setting:)) ?? settings.voteRule
        settings.revealFields =
            read("RELAIS_TABLE_REVEAL_FIELDS", IdentityField.fields(setting:)) ?? settings.revealFields
        settings.sharingDays = read("RELAIS_TABLE_SHARING_DAYS", days) ?? settings.sharingDays
        settings.retentionDays = read("RELAIS_TABLE_RETENTION_DAYS", days) ?? settings.retentionDays
        settings.schedule = read("RELAIS_TABLE_SCHEDULE", MeetingSchedule.init(setting:)) ?? settings.schedule
        settings.location = read("RELAIS_TABLE_LOCATION") { $0.count <= 200 ? $0 : nil } ?? settings.location
        guard malformed.isEmpty else {
            throw ConfigurationError(
                lines: malformed.map {
                    .init(variable: $0, state: "invalid: expected \(expected[$0] ?? "another value")")
                })
        }
        return settings
    }
}
