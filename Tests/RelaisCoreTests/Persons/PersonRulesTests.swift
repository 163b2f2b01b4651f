import Foundation
import RelaisCore
import Testing

@Suite("Persons: identifiers, blind-index keys, consent and merging")
struct PersonRulesTests {
    @Test("the same person written differently gives the same keys; a name alone gives none")
    func keys() throws {
        let a = try PersonIdentifiers.checked(
            givenName: " Marie-Ève ", familyName: "TREMBLAY", birthDate: "1984-02-29", phone: "(514) 555-0142",
            today: "2026-11-27")
        let b = try PersonIdentifiers.checked(
            givenName: "marie eve", familyName: "Tremblay", birthDate: "1984-02-29", phone: "1 514 555 0142",
            today: "2026-11-27")
        #expect(a.keys == b.keys && a.keys.count == 2)
        #expect(a.keys.contains(PersonKey(kind: .phone, value: "5145550142")))
        let nameOnly = try PersonIdentifiers.checked(
            givenName: "Marie", familyName: "Tremblay", birthDate: nil, phone: nil, today: "2026-11-27")
        #expect(nameOnly.keys.isEmpty)
        // a phone's key never matches a name's
        #expect(PersonKey(kind: .phone, value: "x").indexed != PersonKey(kind: .nameAndBirthDate, value: "x").indexed)
    }

    @Test("bad identifiers are named, field by field")
    func badIdentifiers() {
        let error = #expect(throws: ValidationError.self) {
            try PersonIdentifiers.checked(
                givenName: " ", familyName: nil, birthDate: "2027-01-01", phone: "555-01", today: "2026-11-27")
        }
        #expect(Set(error?.problems.map(\.field) ?? []) == ["givenName", "familyName", "birthDate", "phone"])
        #expect(!PersonIdentifiers.isDay("2025-02-29") && PersonIdentifiers.isDay("2024-02-29"))
        #expect(!PersonIdentifiers.isDay("2024-13-01") && !PersonIdentifiers.isDay("24-01-01"))
        #expect(PersonIdentifiers.phoneDigits(String(repeating: "5", count: 41)) == nil)
    }

    @Test("the latest consent not withdrawn holds; none, or a withdrawn one, refuses the disclosure")
    func consent() throws {
        let person = Person.ID(UUID())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var given = ConsentRecord(
            id: .init(UUID()), personID: person, purpose: .supportPlan, basis: .consent, note: nil, recordedAt: now,
            recordedBy: nil)
        #expect(try ConsentRules.require(.supportPlan, in: [given]) == given)
        #expect(throws: PersonRefusal.noConsentOrBasis(.healthSharing)) {
            try ConsentRules.require(.healthSharing, in: [given])
        }
        given.withdrawnAt = now.addingTimeInterval(60)
        #expect(throws: PersonRefusal.noConsentOrBasis(.supportPlan)) {
            try ConsentRules.require(.supportPlan, in: [given])
        }
        // imminent danger needs its description
        let error = #expect(throws: ValidationError.self) {
            try ConsentRules.checked(purpose: "support_plan", basis: "imminent_danger", note: " ")
        }
        #expect(error?.problems.map(\.field) == ["note"])
        #expect(try ConsentRules.checked(purpose: "health_sharing", basis: "consent", note: nil).0 == .healthSharing)
    }

    @Test("merging refuses the same record, another team's, one merged already, and a merge without a reason")
    func merging() throws {
        let team = Organisation.ID(UUID())
        let now = Date()
        func person(_ team: Organisation.ID, merged: Person.ID? = nil) -> Person {
            Person(
                id: .init(UUID()), organisationID: team, programme: "esup", reference: "P-1", createdAt: now,
                mergedInto: merged)
        }
        let a = person(team)
        let b = person(team)
        #expect(
            try PersonMergeRules.check(survivor: a, merged: b, reason: " même date de naissance ")
                == "même date de naissance")
        #expect(throws: PersonRefusal.sameRecord) { try PersonMergeRules.check(survivor: a, merged: a, reason: "x") }
        #expect(throws: PersonRefusal.otherTeam) {
            try PersonMergeRules.check(survivor: a, merged: person(Organisation.ID(UUID())), reason: "x")
        }
        #expect(throws: PersonRefusal.alreadyMerged) {
            try PersonMergeRules.check(survivor: a, merged: person(team, merged: a.id), reason: "x")
        }
        #expect(throws: ValidationError.self) { try PersonMergeRules.check(survivor: a, merged: b, reason: nil) }
    }

    @Test("a count crosses only to an organisation with an agreement, never to its own")
    func crossing() {
        let esup = Organisation.ID(UUID())
        let mediation = Organisation.ID(UUID())
        let sector = Organisation.ID(UUID())
        let matches = [
            CrossProgrammeCount(programme: "mediation", organisationID: mediation, count: 2),
            CrossProgrammeCount(programme: "sector", organisationID: sector, count: 1),
        ]
        let agreement = SharingAgreement(mediation, esup, signedOn: Date())
        #expect(CrossProgrammeCount.crossing(matches, to: esup, agreements: [agreement]) == [matches[0]])
        #expect(CrossProgrammeCount.crossing(matches, to: esup, agreements: []).isEmpty)
        #expect(agreement == SharingAgreement(esup, mediation, signedOn: agreement.signedOn))
    }
}
