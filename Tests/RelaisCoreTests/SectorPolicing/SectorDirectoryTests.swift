import Foundation
import RelaisCore
import Testing

@Suite("RÉSO: who answers for a sector, now")
struct SectorDirectoryTests {
    static let zone = TimeZone(identifier: "America/Toronto")!
    static let service = Organisation.ID(UUID())
    /// Wednesday 2026-11-25 at 10:00 and at 20:00, Montréal time.
    static let morning = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00Z")!
    static let evening = ISO8601DateFormatter().date(from: "2026-11-26T01:00:00Z")!

    static func officer(_ name: String, _ sector: String?, days: [Int], _ start: String, _ end: String) throws
        -> SectorOfficer
    {
        SectorOfficer(
            id: .init(UUID()), organisationID: service, userID: nil, name: name, cellPhone: "4505550100",
            languages: [.french], sectorCode: sector, coverID: nil,
            duty: try OfficerRules.duty(days.map { OfficerRules.DutyRow(day: $0, start: start, end: end) }),
            photoVersion: 0)
    }

    static let sectors = [
        Sector(code: "BRO-1", name: "Brossard 1", city: "Brossard"),
        Sector(code: "BRO-2", name: "Brossard 2", city: "Brossard"),
        Sector(code: "SLB-1", name: "Saint-Lambert 1", city: "Saint-Lambert"),
    ]

    @Test("an officer on duty answers for their sector, with no one else named")
    func onDuty() throws {
        let day = try Self.officer("Day", "BRO-1", days: [0, 1, 2, 3, 4], "08:00", "16:00")
        let directory = SectorDirectory(sectors: Self.sectors, officers: [day])
        let answer = try #require(directory.answer(for: "BRO-1", at: Self.morning, in: Self.zone))
        #expect(answer.officer == day && answer.onDuty && answer.cover == nil)
    }

    @Test("off duty: the designated colleague if on duty, else one on duty in the same city, never another city's")
    func cover() throws {
        var day = try Self.officer("Day", "BRO-1", days: [0, 1, 2, 3, 4], "08:00", "16:00")
        let evening = try Self.officer("Evening", "BRO-2", days: [2], "14:00", "22:00")
        let elsewhere = try Self.officer("Elsewhere", "SLB-1", days: [2], "14:00", "23:00")
        var directory = SectorDirectory(sectors: Self.sectors, officers: [day, evening, elsewhere])
        var answer = try #require(directory.answer(for: "BRO-1", at: Self.evening, in: Self.zone))
        #expect(!answer.onDuty && answer.cover == evening)
        // the designated colleague comes first when on duty
        day.coverID = elsewhere.id
        directory = SectorDirectory(sectors: Self.sectors, officers: [day, evening, elsewhere])
        answer = try #require(directory.answer(for: "BRO-1", at: Self.evening, in: Self.zone))
        #expect(answer.cover == elsewhere)
        // nobody of the city on duty: nobody is promised
        day.coverID = nil
        directory = SectorDirectory(sectors: Self.sectors, officers: [day, elsewhere])
        answer = try #require(directory.answer(for: "BRO-1", at: Self.evening, in: Self.zone))
        #expect(answer.cover == nil && !answer.onDuty)
    }

    @Test("an officer with no schedule is never on duty, and a sector without an officer still finds a colleague")
    func noSchedule() throws {
        let unscheduled = SectorOfficer(
            id: .init(UUID()), organisationID: Self.service, userID: nil, name: "No schedule", cellPhone: "4505550100",
            languages: [.french], sectorCode: "BRO-1", coverID: nil, duty: OpeningHours(intervals: []), photoVersion: 0)
        let colleague = try Self.officer("Colleague", "BRO-2", days: [2], "08:00", "18:00")
        let directory = SectorDirectory(sectors: Self.sectors, officers: [unscheduled, colleague])
        let answer = try #require(directory.answer(for: "BRO-1", at: Self.morning, in: Self.zone))
        #expect(!answer.onDuty && answer.cover == colleague)
        let empty = try #require(
            SectorDirectory(sectors: Self.sectors, officers: [colleague]).answer(
                for: "BRO-1", at: Self.morning, in: Self.zone))
        #expect(empty.officer == nil && empty.cover == colleague)
        #expect(directory.answer(for: "XXX-9", at: Self.morning, in: Self.zone) == nil)
    }

    @Test("a night shift runs past midnight, and Sunday night into Monday")
    func nightShift() throws {
        let night = try Self.officer("Night", "BRO-1", days: [1, 6], "22:00", "06:00")
        // Wednesday 03:00 local: Tuesday's shift
        #expect(night.duty.isOpen(at: ISO8601DateFormatter().date(from: "2026-11-25T08:00:00Z")!, in: Self.zone))
        // Monday 05:00 local: Sunday's shift
        #expect(night.duty.isOpen(at: ISO8601DateFormatter().date(from: "2026-11-23T10:00:00Z")!, in: Self.zone))
        #expect(!night.duty.isOpen(at: Self.morning, in: Self.zone))
        // and the form shows it back as written
        #expect(
            OfficerRules.rows(night.duty) == [
                OfficerRules.DutyRow(day: 1, start: "22:00", end: "06:00"),
                OfficerRules.DutyRow(day: 6, start: "22:00", end: "06:00"),
            ])
    }
}
