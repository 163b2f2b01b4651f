import Foundation
import RelaisCore
import Testing

@Suite("Intervention rules")
struct InterventionRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let merchant = InterventionParty(id: .init(UUID()), role: .merchant, number: 1, identity: nil)
    let person = InterventionParty(id: .init(UUID()), role: .vulnerablePerson, number: 1, identity: nil)

    func intervention(services: [GivenService] = []) -> Intervention {
        Intervention(
            id: .init(UUID()), requestID: .init(UUID()), teamID: .init(UUID()), organisationID: .init(UUID()),
            startedAt: now, parties: [merchant, person],
            services: services.map { InterventionService(id: .init(UUID()), service: $0, recordedAt: now) },
            closing: nil)
    }

    @Test("a verbal agreement needs two of the intervention's parties, each with a commitment")
    func agreement() throws {
        let both = try InterventionRules.agreement(
            commitments: [(merchant.id.description, " Tolère l'abri "), (person.id.description, "Part avant 9 h")],
            dueBy: nil, in: intervention(), now: now)
        #expect(
            both
                == .agreement(
                    commitments: [
                        Commitment(partyID: merchant.id, text: "Tolère l'abri"),
                        Commitment(partyID: person.id, text: "Part avant 9 h"),
                    ], dueBy: nil))
        #expect(
            throws: ValidationError([
                FieldProblem(field: "commitments", messageKey: "mediation.error.agreement.parties_required")
            ]
            )
        ) {
            try InterventionRules.agreement(commitments: [], dueBy: nil, in: intervention(), now: now)
        }
        let stranger = #expect(throws: ValidationError.self) {
            try InterventionRules.agreement(
                commitments: [(merchant.id.description, "x"), (UUID().uuidString, "y")], dueBy: nil,
                in: intervention(), now: now)
        }
        #expect(stranger?.problems.map(\.field) == ["commitments[1].partyId"])
        let silent = #expect(throws: ValidationError.self) {
            try InterventionRules.agreement(
                commitments: [(merchant.id.description, "x"), (person.id.description, "  ")], dueBy: nil,
                in: intervention(), now: now)
        }
        #expect(silent?.problems.map(\.messageKey) == ["mediation.error.commitment.required"])
    }

    @Test("an agreement's day is read in the deployment's time zone; impossible days are refused")
    func dueDay() throws {
        let montreal = try #require(TimeZone(identifier: "America/Toronto"))
        let due = try #require(try InterventionRules.dueDay("2027-01-20", timeZone: montreal))
        #expect(due == Date(timeIntervalSince1970: 1_800_507_540))  // 2027-01-20 23:59 EST
        #expect(try InterventionRules.dueDay("  ", timeZone: montreal) == nil)
        for text in ["2027-02-30", "20-01-2027", "demain", "1838-05-28", "2027-13-01"] {
            #expect(throws: ValidationError([FieldProblem(field: "dueBy", messageKey: "mediation.error.date.invalid")]))
            {
                try InterventionRules.dueDay(text, timeZone: montreal)
            }
        }
    }

    @Test("an escort needs a destination; a referral an active resource")
    func destinations() throws {
        #expect(
            try InterventionRules.escortDestination(resource: nil, address: " 1234 rue Ontario ")
                == .address("1234 rue Ontario"))
        #expect(
            throws: ValidationError([
                FieldProblem(field: "destination", messageKey: "mediation.error.escort.destination_required")
            ])
        ) {
            try InterventionRules.escortDestination(resource: nil, address: "  ")
        }
        #expect(
            throws: ValidationError([FieldProblem(field: "resourceId", messageKey: "mediation.error.resource.closed")])
        ) {
            try InterventionRules.resource("refuge", status: { _ in "inactive" })
        }
        #expect(
            throws: ValidationError([FieldProblem(field: "resourceId", messageKey: "mediation.error.resource.unknown")])
        ) {
            try InterventionRules.resource(String?.none, status: { _ in "active" })
        }
    }

    @Test("the outcome must agree with what was done; time on scene is computed unless given")
    func closing() throws {
        let escort = GivenService.escort(destination: .address("ici"), partyID: nil, departedAt: now, arrivedAt: now)
        let closed = try InterventionRules.closing(
            outcome: "escorted", policeAvoided: true, minutesOnScene: nil, onSceneAt: now.addingTimeInterval(-1_800),
            intervention: intervention(services: [escort]), now: now)
        #expect(closed.minutesOnScene == 30 && closed.outcome == .escorted)
        for (outcome, key) in [
            ("referred", "mediation.error.outcome.no_referral"), ("escorted", "mediation.error.outcome.no_escort"),
            ("done", "mediation.error.outcome.unknown"),
        ] {
            #expect(throws: ValidationError([FieldProblem(field: "outcome", messageKey: key)])) {
                try InterventionRules.closing(
                    outcome: outcome, policeAvoided: false, minutesOnScene: 5, onSceneAt: now,
                    intervention: intervention(),
                    now: now)
            }
        }
        #expect(throws: ValidationError.self) {
            try InterventionRules.closing(
                outcome: "police_needed", policeAvoided: true, minutesOnScene: nil, onSceneAt: now,
                intervention: intervention(), now: now)
        }
    }

    @Test("a referral awaits the resource's answer until the delay runs out, and is answered once")
    func acknowledgement() throws {
        let awaiting = ReferralAcknowledgement.new(at: now, tracked: true, delay: 3_600)
        #expect(awaiting.answer(at: now.addingTimeInterval(3_599)) == .awaiting)
        #expect(awaiting.answer(at: now.addingTimeInterval(3_600)) == .noAnswer)
        let late = try awaiting.answered(.accepted, at: now.addingTimeInterval(7_200))
        #expect(late.answer(at: now.addingTimeInterval(9_000)) == .accepted)
        #expect(throws: ReferralConflict()) { try late.answered(.declined, at: now) }
        #expect(throws: ReferralConflict()) {
            try ReferralAcknowledgement.new(at: now, tracked: false, delay: 3_600).answered(.accepted, at: now)
        }
        #expect(throws: ValidationError.self) { try awaiting.answered(.noAnswer, at: now) }
    }
}
