import Foundation
import RelaisCore
import Testing

@testable import RelaisWeb

@Suite("Situation table: its settings")
struct TableSettingsTests {
    @Test("unset, each takes its default; set, each is read")
    func read() throws {
        #expect(try TableSettings.parse([:]) == TableSettings())
        let settings = try TableSettings.parse([
            "RELAIS_TABLE_VOTE_RULE": "quorum:3", "RELAIS_TABLE_REVEAL_FIELDS": "first_name",
            "RELAIS_TABLE_SHARING_DAYS": "30", "RELAIS_TABLE_RETENTION_DAYS": "365",
            "RELAIS_TABLE_SCHEDULE": "mon,wed 13:00 120",
        ])
        #expect(settings.voteRule == .quorum(3) && settings.revealFields == [.firstName])
        #expect(settings.sharingDays == 30 && settings.retentionDays == 365)
        #expect(settings.schedule == MeetingSchedule(weekdays: [2, 4], hour: 13, minute: 0, minutes: 120))
    }

    @Test("a malformed value stops start-up, naming every variable at fault and what it expects")
    func malformed() {
        let error = #expect(throws: ConfigurationError.self) {
            try TableSettings.parse([
                "RELAIS_TABLE_VOTE_RULE": "majority", "RELAIS_TABLE_RETENTION_DAYS": "-1",
                "RELAIS_TABLE_SHARING_DAYS": "60",
            ])
        }
        #expect(
            error?.lines.map(\.variable) == [
                "RELAIS_TABLE_VOTE_RULE", "RELAIS_TABLE_RETENTION_DAYS",
            ])
        #expect(error?.description.contains("unanimity, or quorum:N") == true)
    }
}
