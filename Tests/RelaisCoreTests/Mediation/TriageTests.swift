import Foundation
import RelaisCore
import Testing

@Suite("Triage of requests to the mobile team")
struct TriageTests {
    static let villeMarie = TerritoryIndex.Match(level: .borough, code: "VM", name: "Ville-Marie", served: true)
    static let westmount = TerritoryIndex.Match(level: .borough, code: "WM", name: "Westmount", served: false)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let screening: SafetyScreening
        let territory: TerritoryIndex.Match?
        let situation: String
        let people: Int
        let vulnerabilities: Set<String>
        let expected: TriageOutcome
        var testDescription: String { name }
    }

    static func screening(danger: Bool = false, weapon: Bool = false, crime: Bool = false, medical: Bool = false)
        -> SafetyScreening
    {
        SafetyScreening(
            immediateDangerToLife: danger, weapon: weapon, crimeInProgress: crime, medicalEmergency: medical)
    }

    static let cases: [Case] = [
        Case(
            name: "a weapon: call 911, even in a served borough", screening: screening(weapon: true),
            territory: villeMarie, situation: "conflict_between_people", people: 2, vulnerabilities: [],
            expected: .call911),
        Case(
            name: "danger to life: call 911", screening: screening(danger: true), territory: villeMarie,
            situation: "noise", people: 1, vulnerabilities: [], expected: .call911),
        Case(
            name: "a medical emergency: call 911, even outside the territory", screening: screening(medical: true),
            territory: nil, situation: "intoxication", people: 1, vulnerabilities: [], expected: .call911),
        Case(
            name: "a crime in progress: police", screening: screening(crime: true), territory: villeMarie,
            situation: "loitering", people: 3, vulnerabilities: [], expected: .referToPolice),
        Case(
            name: "a linked city that is not served: out of territory", screening: .clear, territory: westmount,
            situation: "noise", people: 1, vulnerabilities: [], expected: .outOfTerritory),
        Case(
            name: "no territory at all (the river): out of territory", screening: .clear, territory: nil,
            situation: "noise", people: 1, vulnerabilities: [], expected: .outOfTerritory),
        Case(
            name: "a person in distress who is vulnerable: urgent", screening: .clear, territory: villeMarie,
            situation: "person_in_distress", people: 1, vulnerabilities: ["mental_health"], expected: .queue(.urgent)),
        Case(
            name: "a conflict between two people: high", screening: .clear, territory: villeMarie,
            situation: "conflict_between_people", people: 2, vulnerabilities: [], expected: .queue(.high)),
        Case(
            name: "intoxication in a group of six: high", screening: .clear, territory: villeMarie,
            situation: "intoxication", people: 6, vulnerabilities: [], expected: .queue(.high)),
        Case(
            name: "noise: normal", screening: .clear, territory: villeMarie, situation: "noise", people: 1,
            vulnerabilities: [], expected: .queue(.normal)),
        Case(
            name: "an unknown situation code weighs nothing", screening: .clear, territory: villeMarie,
            situation: "other", people: 1, vulnerabilities: ["minor"], expected: .queue(.normal)),
    ]

    @Test("each answer set gives the documented outcome", arguments: cases)
    func decide(_ testCase: Case) {
        let input = TriageInput(
            screening: testCase.screening, territory: testCase.territory, situation: testCase.situation,
            peopleCount: testCase.people, vulnerabilities: testCase.vulnerabilities)
        #expect(TriagePolicy().decide(input) == testCase.expected)
    }

    @Test("the weights are the deployment's configuration")
    func configurableWeights() {
        let input = TriageInput(
            screening: .clear, territory: Self.villeMarie, situation: "noise", peopleCount: 1, vulnerabilities: [])
        #expect(TriagePolicy(situationWeights: ["noise": 2]).decide(input) == .queue(.high))
    }

    @Test("an override needs a reason")
    func override() throws {
        #expect(throws: ValidationError.self) { try TriageOverride(outcome: .queue(.urgent), reason: "   ") }
        let accepted = try TriageOverride(outcome: .queue(.urgent), reason: " Personne âgée seule la nuit ")
        #expect(accepted.reason == "Personne âgée seule la nuit")
    }
}

@Suite("Mobile team status")
struct TeamStatusTests {
    static let allowed: Set<String> = [
        "off_duty→available", "available→off_duty", "available→assigned", "assigned→en_route", "assigned→available",
        "en_route→on_scene", "en_route→available", "on_scene→escorting", "on_scene→available", "escorting→on_scene",
        "escorting→available",
    ]

    @Test("exactly the documented transitions are allowed, each timestamped")
    func matrix() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for from in TeamStatus.allCases {
            for to in TeamStatus.allCases {
                let key = "\(from.rawValue)→\(to.rawValue)"
                if Self.allowed.contains(key) {
                    #expect(
                        try from.transition(to: to, at: now) == TeamStatusChange(from: from, to: to, at: now), "\(key)")
                } else {
                    #expect(throws: IllegalTeamTransition(from: from, to: to), "\(key)") {
                        try from.transition(to: to, at: now)
                    }
                }
            }
        }
    }
}

@Suite("Dispatch ranking")
struct DispatchRankingTests {
    static let cityHall = try! GeoPoint(latitude: 45.5088, longitude: -73.5542)
    static let atwater = try! GeoPoint(latitude: 45.4799, longitude: -73.5772)
    static let olympicStadium = try! GeoPoint(latitude: 45.5580, longitude: -73.5515)

    @Test("the distance matches a known figure (city hall to the Atwater market, about 3.7 km)")
    func distance() {
        #expect(abs(Self.cityHall.kilometres(to: Self.atwater) - 3.66) < 0.05)
        #expect(DispatchRanking().travelMinutes(from: Self.cityHall, to: Self.atwater) == 13)
    }

    @Test("available teams only, nearest first; then the team serving the borough; then the lighter workload")
    func ranking() throws {
        let candidates = [
            DispatchCandidate(
                teamID: "far", status: .available, lastPosition: Self.olympicStadium, boroughs: ["MH"], workload: 0),
            DispatchCandidate(
                teamID: "busy", status: .onScene, lastPosition: Self.cityHall, boroughs: ["VM"], workload: 0),
            DispatchCandidate(
                teamID: "near-other-borough", status: .available, lastPosition: Self.cityHall, boroughs: ["SO"],
                workload: 0),
            DispatchCandidate(
                teamID: "near-serving-tired", status: .available, lastPosition: Self.cityHall, boroughs: ["VM"],
                workload: 4),
            DispatchCandidate(
                teamID: "near-serving", status: .available, lastPosition: Self.cityHall, boroughs: ["VM"], workload: 1),
            DispatchCandidate(
                teamID: "unknown-position", status: .available, lastPosition: nil, boroughs: ["VM"], workload: 0),
        ]
        let ranked = DispatchRanking().rank(candidates, to: Self.cityHall, borough: "VM")
        #expect(
            ranked.map(\.teamID) == [
                "near-serving", "near-serving-tired", "near-other-borough", "far", "unknown-position",
            ])
        #expect(ranked.first?.travelMinutes == 0)
        #expect(ranked.last?.travelMinutes == nil)
    }
}
