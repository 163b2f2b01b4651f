import Foundation
import RelaisCore
import Testing

@Suite("RÉSO: what a supervisor writes on an officer's card")
struct OfficerRulesTests {
    @Test(
        "cell numbers are read as people write them; anything else is refused",
        arguments: [
            ("450 555-0100", "4505550100"), ("+1 (450) 555-0100", "4505550100"), ("1-450-555-0100", "4505550100"),
            ("555-0100", nil), ("045 555 0100", nil), ("450 555 0100 ext 2", nil), ("٤٥٠٥٥٥٠١٠٠", nil),
            (String(repeating: "4", count: 5_000), nil),
        ] as [(String, String?)])
    func cellPhone(text: String, digits: String?) {
        #expect(OfficerRules.cellDigits(text) == digits)
    }

    @Test("a card needs a name, a cell number and known languages; each wrong field is named")
    func card() throws {
        let card = try OfficerRules.card(
            name: " Agente Julie Tremblay ", cellPhone: "450 555-0101", languages: ["fr", "en", "fr"])
        #expect(
            card.name == "Agente Julie Tremblay" && card.cellPhone == "4505550101"
                && card.languages == [.french, .english])
        #expect(throws: ValidationError.self) { try OfficerRules.card(name: "", cellPhone: "12", languages: ["xx"]) }
        do {
            _ = try OfficerRules.card(name: String(repeating: "a", count: 81), cellPhone: "12", languages: [])
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["name", "cellPhone", "languages"])
        }
    }

    @Test("a shift that starts when it ends, an unknown day or a malformed time is refused")
    func duty() {
        for row in [
            OfficerRules.DutyRow(day: 0, start: "08:00", end: "08:00"),
            OfficerRules.DutyRow(day: 7, start: "08:00", end: "16:00"),
            OfficerRules.DutyRow(day: 0, start: "8h", end: "16:00"),
            OfficerRules.DutyRow(day: 0, start: "08:00", end: nil),
            OfficerRules.DutyRow(day: 0, start: "25:00", end: "26:00"),
        ] {
            #expect(throws: ValidationError.self) { try OfficerRules.duty([row]) }
        }
        #expect(throws: ValidationError.self) {
            try OfficerRules.duty(
                Array(repeating: OfficerRules.DutyRow(day: 0, start: "08:00", end: "09:00"), count: 29))
        }
        #expect(
            (try? OfficerRules.duty([OfficerRules.DutyRow(day: nil, start: nil, end: nil)]))?.intervals.isEmpty == true)
    }
}
