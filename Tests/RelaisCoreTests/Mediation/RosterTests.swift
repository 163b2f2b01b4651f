import Foundation
import Testing

@testable import RelaisCore

@Suite("Roster, team status effects and the borough map")
struct RosterTests {
    let monday = Date(timeIntervalSince1970: 1_800_000_000)
    let team = MobileTeam.ID(UUID())
    let other = MobileTeam.ID(UUID())

    func shift(_ team: MobileTeam.ID, _ borough: String, from hours: Double, to end: Double) -> Shift {
        Shift(
            id: Shift.ID(UUID()), teamID: team, territoryCode: borough,
            interval: DateInterval(
                start: monday.addingTimeInterval(hours * 3600), end: monday.addingTimeInterval(end * 3600)))
    }

    @Test("gaps in a borough's 24/7 coverage, with overlapping shifts of several teams merged")
    func gaps() {
        let shifts = [
            shift(team, "VM", from: 0, to: 12), shift(other, "VM", from: 10, to: 20),
            shift(team, "SO", from: 0, to: 24),
        ]
        let day = DateInterval(start: monday, duration: 24 * 3600)
        let gaps = Roster.gaps(in: day, territoryCode: "VM", shifts: shifts)
        #expect(gaps == [DateInterval(start: monday.addingTimeInterval(20 * 3600), end: day.end)])
        #expect(Roster.gaps(in: day, territoryCode: "SO", shifts: shifts).isEmpty)
        #expect(Roster.gaps(in: day, territoryCode: "PM", shifts: shifts) == [day])
    }

    @Test("a shift must end after it starts, last 16 hours at most and not overlap the team's others")
    func validation() throws {
        let existing = [shift(team, "VM", from: 0, to: 12)]
        func problem(_ start: Double, _ end: Double) -> String? {
            do {
                try Roster.validate(
                    DateInterval(
                        start: monday.addingTimeInterval(start * 3600),
                        end: monday.addingTimeInterval(max(start, end) * 3600)), against: existing)
                return nil
            } catch { return error.problems.first?.messageKey }
        }
        #expect(problem(12, 24) == nil)
        #expect(problem(12, 12) == "mediation.error.shift.ends_before_start")
        #expect(problem(12, 30) == "mediation.error.shift.too_long")
        #expect(problem(11, 20) == "mediation.error.shift.overlaps")
    }

    @Test("the boroughs a team serves right now come from its current shifts")
    func boroughsNow() {
        let shifts = [shift(team, "VM", from: 0, to: 12), shift(team, "SO", from: 12, to: 24)]
        #expect(Roster.boroughs(of: team, at: monday.addingTimeInterval(3600), shifts: shifts) == ["VM"])
        #expect(Roster.boroughs(of: team, at: monday.addingTimeInterval(12 * 3600), shifts: shifts) == ["SO"])
        #expect(Roster.boroughs(of: other, at: monday, shifts: shifts).isEmpty)
    }

    @Test(
        "each status change marks its milestone on the team's request",
        arguments: [
            (TeamStatus.assigned, TeamStatus.enRoute, RequestEffect.enRoute),
            (.enRoute, .onScene, .onScene), (.onScene, .escorting, .none), (.escorting, .onScene, .none),
            (.onScene, .available, .cleared), (.escorting, .available, .cleared), (.assigned, .available, .released),
            (.enRoute, .available, .released), (.available, .offDuty, .none),
        ])
    func effects(from: TeamStatus, to: TeamStatus, effect: RequestEffect) throws {
        let change = try from.transition(to: to, at: monday)
        #expect(change.requestEffect == effect)
    }

    @Test("a map opens on the territories' box, at a zoom where it fits")
    func bounds() throws {
        let square = Territory(
            level: .borough, code: "XX", name: "Carré",
            geometryJSON:
                #"{"type":"Polygon","coordinates":[[[-73.6,45.5],[-73.5,45.5],[-73.5,45.6],[-73.6,45.6],[-73.6,45.5]]]}"#,
            served: true)
        let bounds = try #require(GeoBounds([square]))
        #expect(abs(bounds.centre.latitude - 45.55) < 1e-9 && abs(bounds.centre.longitude - -73.55) < 1e-9)
        // 0.1° of longitude is 146 px at zoom 11, 291 at 12, 582 at 13: 12 fits 300 px wide, 13 does not
        #expect(bounds.zoom(toFit: 300, 1000) == 12)
        #expect(GeoBounds([]) == nil)
        // outlines out of range (outside input) open at the widest zoom rather than stopping the server
        let wild = Territory(
            level: .borough, code: "YY", name: "Hors limites",
            geometryJSON: #"{"type":"Polygon","coordinates":[[[-1e308,95],[1e308,95],[1e308,-95],[-1e308,95]]]}"#,
            served: true)
        #expect(try #require(GeoBounds([wild])).zoom(toFit: 600, 350) == 2)
    }
}

@Suite("The organisation that takes a request from outside")
struct ServingOrganisationTests {
    let a = Organisation.ID(UUID())
    let b = Organisation.ID(UUID())
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the one serving the borough now, else the nearest shift, else the first; one alone always")
    func choice() {
        let current = DateInterval(start: now.addingTimeInterval(-3600), duration: 12 * 3600)
        let tomorrow = DateInterval(start: now.addingTimeInterval(20 * 3600), duration: 12 * 3600)
        let lastNight = DateInterval(start: now.addingTimeInterval(-14 * 3600), duration: 12 * 3600)
        #expect(ServingOrganisation.choose(among: [a, b], shifts: [(b, current)], at: now) == b)
        #expect(ServingOrganisation.choose(among: [a, b], shifts: [(a, tomorrow), (b, lastNight)], at: now) == b)
        #expect(ServingOrganisation.choose(among: [a, b], shifts: [], at: now) == a)
        #expect(ServingOrganisation.choose(among: [b], shifts: [(a, current)], at: now) == b)
        #expect(ServingOrganisation.choose(among: [], shifts: [], at: now) == nil)
    }
}
