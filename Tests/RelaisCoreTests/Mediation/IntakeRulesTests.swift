import Foundation
import Testing

@testable import RelaisCore

@Suite("Intake rules")
struct IntakeRulesTests {
    static let situations: Set<String> = ["noise", "person_in_distress"]

    func form() -> IntakeForm {
        var form = IntakeForm()
        form.source = "resident"
        form.callback = " 514-555-0101 "
        form.address = "Place Émilie-Gamelin"
        form.latitude = 45.5155
        form.longitude = -73.5622
        form.situation = "noise"
        form.description = "Musique forte."
        form.immediateDangerToLife = false
        form.weapon = false
        form.crimeInProgress = false
        form.medicalEmergency = false
        return form
    }

    func fields(_ form: IntakeForm) -> [String] {
        do {
            _ = try IntakeRules.validate(form, situations: Self.situations)
            return []
        } catch { return error.problems.map(\.field) }
    }

    @Test("a complete form is accepted, trimmed, with one person by default")
    func accepted() throws {
        let valid = try IntakeRules.validate(form(), situations: Self.situations)
        #expect(valid.caller == CallerContact(name: nil, callback: "514-555-0101"))
        #expect(valid.peopleCount == 1)
        #expect(valid.override == nil)
    }

    @Test("a police request needs its event number; an anonymous caller needs no callback")
    func sourceRules() {
        var police = form()
        police.source = "police"
        #expect(fields(police) == ["policeEventNumber"])
        var anonymous = form()
        anonymous.callback = nil
        #expect(fields(anonymous) == ["callback"])
        anonymous.anonymous = true
        #expect(fields(anonymous).isEmpty)
        // too long is refused even when anonymous (schemathesis found it accepted)
        anonymous.callback = String(repeating: "5", count: IntakeRules.maximumCallback + 1)
        #expect(fields(anonymous) == ["callback"])
    }

    @Test("every problem is reported at once, with both coordinates checked on their own")
    func everyProblem() {
        var bad = form()
        bad.latitude = 91
        bad.longitude = -181
        bad.situation = "graffiti"
        bad.description = String(repeating: "x", count: 4001)
        bad.peopleCount = 0
        bad.vulnerabilities = ["dragon"]
        bad.weapon = nil
        #expect(
            fields(bad) == [
                "latitude", "longitude", "situation", "description", "peopleCount", "vulnerabilities", "screening",
            ])
    }

    @Test("an override needs a known outcome, a priority when queued, and a reason")
    func overrides() throws {
        var queued = form()
        queued.overrideOutcome = "queued"
        queued.overrideReason = "Personne âgée seule"
        #expect(fields(queued) == ["overridePriority"])
        queued.overridePriority = 1
        let valid = try IntakeRules.validate(queued, situations: Self.situations)
        #expect(valid.override?.outcome == .queue(.urgent))
        var unknown = form()
        unknown.overrideOutcome = "moon"
        #expect(fields(unknown) == ["overrideOutcome"])
        var noReason = form()
        noReason.overrideOutcome = "police"
        #expect(fields(noReason) == ["overrideReason"])
    }
}
