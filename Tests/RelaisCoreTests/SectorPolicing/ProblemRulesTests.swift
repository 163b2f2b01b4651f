import Foundation
import RelaisCore
import Testing

@Suite("RÉSO: problems worked with SARA, and the places that repeat")
struct ProblemRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func problem() -> SectorProblem {
        SectorProblem(
            id: .init(UUID()), organisationID: .init(UUID()), sectorCode: "BRO-1", title: "Seringues au parc",
            place: "Parc de Rome", cell: nil, stage: .scanning, analysis: "", partners: [], assessment: nil,
            openedAt: now, closedAt: nil)
    }

    @Test("the stages go in order; closing needs the assessment; nothing changes a closed problem")
    func stages() throws {
        var problem = Self.problem()
        for expected in [SARAStage.analysis, .response, .assessment] {
            try ProblemRules.work(
                &problem, analysis: "Le soir", partners: "Travaux publics\n\n CIUSSS ", advance: true, assessment: nil,
                now: Self.now)
            #expect(problem.stage == expected)
        }
        #expect(problem.partners == ["Travaux publics", "CIUSSS"])
        #expect(throws: ProblemRefusal.assessmentFirst) {
            try ProblemRules.work(&problem, analysis: nil, partners: nil, advance: true, assessment: nil, now: Self.now)
        }
        #expect(throws: ValidationError.self) {
            try ProblemRules.work(
                &problem, analysis: nil, partners: nil, advance: true, assessment: "maybe", now: Self.now)
        }
        try ProblemRules.work(
            &problem, analysis: "x", partners: nil, advance: true, assessment: "improved", now: Self.now)
        #expect(problem.stage == .closed && problem.closedAt == Self.now && problem.assessment == .improved)
        #expect(throws: ProblemRefusal.closed) {
            try ProblemRules.work(
                &problem, analysis: "y", partners: nil, advance: false, assessment: nil, now: Self.now)
        }
    }

    @Test("an action needs what, who and a due date not in the past")
    func actions() throws {
        let problem = Self.problem()
        let action = try ProblemRules.action(
            on: problem, what: "Bac à seringues", owner: "Ville de Brossard", dueOn: "2027-02-01", today: "2027-01-15")
        #expect(action.owner == "Ville de Brossard")
        #expect(throws: ValidationError.self) {
            try ProblemRules.action(on: problem, what: "x", owner: "y", dueOn: "2027-01-14", today: "2027-01-15")
        }
        #expect(throws: ValidationError.self) {
            try ProblemRules.action(on: problem, what: " ", owner: "", dueOn: "2027-02-30", today: "2027-01-15")
        }
        #expect(throws: ValidationError.self) {
            try ProblemRules.open(title: "", place: String(repeating: "p", count: 201))
        }
    }

    @Test(
        "three events at a place or next to it within 90 days repeat; one place is reported once; old ones do not count"
    )
    func repeatPlaces() {
        let park = GridCell(latitude: 45.4502, longitude: -73.5003)
        let next = GridCell(row: park.row + 1, column: park.column)
        let far = GridCell(latitude: 45.50, longitude: -73.45)
        let day: TimeInterval = 86_400
        var events = [
            RepeatPlaces.Event(cell: park, at: Self.now.addingTimeInterval(-2 * day), sectorCode: "BRO-1"),
            RepeatPlaces.Event(cell: park, at: Self.now.addingTimeInterval(-30 * day), sectorCode: "BRO-1"),
            RepeatPlaces.Event(cell: next, at: Self.now.addingTimeInterval(-60 * day), sectorCode: "BRO-1"),
            RepeatPlaces.Event(cell: far, at: Self.now.addingTimeInterval(-1 * day), sectorCode: "LGL-2"),
            RepeatPlaces.Event(cell: far, at: Self.now.addingTimeInterval(-100 * day), sectorCode: "LGL-2"),
            RepeatPlaces.Event(cell: far, at: Self.now.addingTimeInterval(-120 * day), sectorCode: "LGL-2"),
        ]
        let signals = RepeatPlaces.signals(events, now: Self.now)
        #expect(signals.map(\.cell) == [park] && signals[0].count == 3 && signals[0].sectorCode == "BRO-1")
        events.removeFirst()
        #expect(RepeatPlaces.signals(events, now: Self.now).isEmpty)
        #expect(GridCell("\(park)") == park && GridCell("1:2:3") == nil && GridCell("99999999999:1") == nil)
    }
}
