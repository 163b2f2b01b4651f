import Foundation
import RelaisCore
import Testing

@Suite("Opening hours and search text of the resource directory")
struct OpeningHoursTests {
    static let montreal = TimeZone(identifier: "America/Toronto")!

    /// A moment in Montréal: 2026-11-23 is a Monday.
    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = montreal
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }

    static func hours(_ schedules: [[String: JSONValue]]) -> (OpeningHours, [HSDSProblem]) {
        var problems: [HSDSProblem] = []
        let hours = OpeningHours(schedules: schedules.map(JSONValue.object), path: "s", problems: &problems)
        return (hours, problems)
    }

    @Test("overnight hours run into the next morning, and Sunday night into Monday")
    func overnight() {
        let (hours, problems) = Self.hours([
            [
                "freq": .string("WEEKLY"), "byday": .string("SU,MO"), "opens_at": .string("20:00"),
                "closes_at": .string("08:00"),
            ]
        ])
        #expect(problems.isEmpty)
        #expect(hours.isOpen(at: Self.at(23, 7, 59), in: Self.montreal))  // Monday morning, from Sunday night
        #expect(!hours.isOpen(at: Self.at(23, 8, 0), in: Self.montreal))
        #expect(hours.isOpen(at: Self.at(23, 21), in: Self.montreal))  // Monday night
        #expect(hours.isOpen(at: Self.at(24, 3), in: Self.montreal))  // Tuesday 3 a.m., from Monday night
        #expect(!hours.isOpen(at: Self.at(24, 21), in: Self.montreal))  // Tuesday night: closed
    }

    @Test("weekday hours, validity dates and 24:00")
    func weekdays() {
        let (hours, _) = Self.hours([
            ["byday": .string("MO,TU,WE,TH,FR"), "opens_at": .string("11:30:00"), "closes_at": .string("13:30:00")],
            [
                "byday": .string("SA"), "opens_at": .string("00:00"), "closes_at": .string("24:00"),
                "valid_to": .string("2026-11-01"),
            ],
        ])
        #expect(hours.isOpen(at: Self.at(23, 12), in: Self.montreal))
        #expect(!hours.isOpen(at: Self.at(23, 14), in: Self.montreal))
        #expect(!hours.isOpen(at: Self.at(28, 12), in: Self.montreal))  // Saturday, but the schedule has expired
    }

    @Test("a bad time or day is reported with its path")
    func badInput() {
        let (hours, problems) = Self.hours([
            ["opens_at": .string("25:00"), "closes_at": .string("08:00")],
            ["byday": .string("XX"), "opens_at": .string("08:00"), "closes_at": .string("09:00")],
        ])
        #expect(hours.intervals.isEmpty)
        #expect(problems.map(\.path) == ["s[0].opens_at", "s[1].byday"])
    }

    @Test("search text ignores accents and case, and reads \"ouvert maintenant\" as a filter")
    func searchText() {
        #expect(SearchText.fold("Hébergement d'URGENCE") == "hebergement d urgence")
        let now = Self.at(23, 12)
        let search = DirectorySearch(text: "Hébergement ouvert maintenant pour femmes", now: now)
        #expect(search.words == ["hebergement", "femmes"])
        #expect(search.openAt == now)
        #expect(DirectorySearch(text: "hebergement", now: now).openAt == nil)
    }

    @Test("imported taxonomy terms map to needs by id, code or words")
    func needs() {
        #expect(Need.needs(termID: Need.housing.termID, code: nil, name: nil) == [.housing])
        #expect(Need.needs(termID: "x", code: nil, name: "Emergency Shelter") == [.housing])
        #expect(Need.needs(termID: "x", code: nil, name: "Santé mentale") == [.mentalHealth])
        #expect(Need.needs(termID: "x", code: nil, name: "Bicycle repair").isEmpty)
    }
}
