import Foundation
import RelaisCore
import Testing

@Suite("ÉSUP: a consult from the officer's request to its closing")
struct ConsultRulesTests {
    static let clear: [String: String?] = [
        "immediateDangerToLife": "no", "weapon": "no", "crimeInProgress": "no", "medicalEmergency": "no",
    ]

    static func request(
        mode: String = "phone", secured: String = "yes", screening: [String: String?] = clear
    ) throws -> ConsultRequest {
        try ConsultRules.request(
            eventNumber: "26-004512", place: "Métro Berri-UQAM", situations: ["suicidal", "person_in_crisis"],
            sceneSecured: secured, mode: mode, details: nil, screening: screening, callback: "514 555-0100")
    }

    static func consult(_ request: ConsultRequest) -> Consult {
        Consult(
            id: .init(UUID()), reference: "ÉSUP-0001", teamID: .init(UUID()), requesterOrganisationID: .init(UUID()),
            requestedBy: nil, requestedAt: Date(timeIntervalSince1970: 1_800_000_000), request: request)
    }

    static func duo(_ status: DuoStatus = .available) -> Duo {
        Duo(
            id: .init(UUID()), teamID: .init(UUID()), evening: "2026-11-27", callSign: "ÉSUP 1",
            officerID: .init(UUID()), socialWorkerID: .init(UUID()), status: status, statusSince: Date())
    }

    @Test("a phone consult is open at once, even with an emergency first; the kinds come in the list's order")
    func phone() throws {
        let request = try Self.request(secured: "no")
        #expect(request.mode == .phone && request.situations == [.personInCrisis, .suicidal])
        var emergency = Self.clear
        emergency["medicalEmergency"] = "yes"
        #expect(try Self.request(screening: emergency).emergencyFirst)
    }

    @Test("on scene, an unsecured scene or an emergency answers with what to do now, on the mode's field")
    func onSceneGuidance() throws {
        for (secured, answers, refusal) in [
            ("no", Self.clear, ConsultRefusal.secureSceneFirst),
            ("yes", Self.clear.merging(["weapon": "yes"]) { $1 }, .secureSceneFirst),
            ("yes", Self.clear.merging(["immediateDangerToLife": "yes"]) { $1 }, .emergencyFirst),
        ] {
            #expect(throws: refusal) { try Self.request(mode: "on_scene", secured: secured, screening: answers) }
            #expect(refusal.fieldProblems.map(\.field) == ["mode"] && refusal.messageKey.hasPrefix("esup.guidance."))
        }
        #expect(try Self.request(mode: "on_scene").mode == .onScene)
    }

    @Test("a request missing its parts names each of them")
    func missing() {
        let error = #expect(throws: ValidationError.self) {
            try ConsultRules.request(
                eventNumber: " ", place: String(repeating: "x", count: 201), situations: ["riot"],
                sceneSecured: "maybe",
                mode: nil, details: nil, screening: ["weapon": "no"], callback: "12")
        }
        #expect(
            Set(error?.problems.map(\.field) ?? []) == [
                "eventNumber", "place", "situations", "sceneSecured", "mode", "immediateDangerToLife",
                "crimeInProgress", "medicalEmergency", "callback",
            ])
    }

    @Test("a duo takes a consult once; a busy duo cannot; a phone consult has no arrival")
    func accept() throws {
        var consult = Self.consult(try Self.request())
        var duo = Self.duo()
        try ConsultRules.accept(&consult, by: &duo, now: Date())
        #expect(consult.stage == .accepted && consult.duoID == duo.id && duo.status == .advisingByPhone)
        var other = Self.duo()
        #expect(throws: ConsultRefusal.wrongStage(.accepted)) {
            try ConsultRules.accept(&consult, by: &other, now: Date())
        }
        var second = Self.consult(try Self.request())
        #expect(throws: ConsultRefusal.duoBusy) { try ConsultRules.accept(&second, by: &duo, now: Date()) }
        #expect(throws: ConsultRefusal.phoneConsult) { try ConsultRules.arrive(&consult, duo: &duo, now: Date()) }
    }

    @Test("closing needs the outcome; a transport without consent its legal ground; a referral its resources")
    func close() throws {
        var consult = Self.consult(try Self.request())
        var duo: Duo? = Self.duo()
        #expect(throws: ConsultRefusal.wrongStage(.requested)) {
            try ConsultRules.close(
                &consult, duo: &duo, outcome: "referral", legalGround: nil, resourceIDs: [], now: Date())
        }
        var taken = duo!
        try ConsultRules.accept(&consult, by: &taken, now: Date())
        duo = taken
        let attempts: [(String?, String?, [String], String)] = [
            (nil, nil, [], "outcome"), ("involuntary_transport", nil, [], "legalGround"),
            ("referral", nil, [" "], "resources"),
        ]
        for (outcome, ground, resources, field) in attempts {
            let before = consult
            let error = #expect(throws: ValidationError.self) {
                try ConsultRules.close(
                    &consult, duo: &duo, outcome: outcome, legalGround: ground, resourceIDs: resources, now: Date())
            }
            #expect(error?.problems.map(\.field) == [field])
            #expect(consult == before)
        }
        let closedAt = Date(timeIntervalSince1970: 1_800_003_000)
        try ConsultRules.close(
            &consult, duo: &duo, outcome: "involuntary_transport", legalGround: "art8_crisis_worker", resourceIDs: [],
            now: closedAt)
        #expect(consult.stage == .closed && consult.legalGround == .crisisWorkerRequest)
        #expect(consult.officersFreedAt == closedAt && consult.officerMinutes == 50 && duo?.status == .back)
    }

    @Test("the 3rd contact in 30 days counts the two before, not older ones nor itself")
    func repeats() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let id = Consult.ID(UUID())
        func contact(_ days: Double, _ consult: Consult.ID = .init(UUID())) -> RepeatContacts.Contact {
            .init(consultID: consult, reference: "x", at: now.addingTimeInterval(-days * 86_400), outcome: .referral)
        }
        let repeats = RepeatContacts.of(
            [contact(2), contact(29), contact(31), contact(0, id), contact(-1)], before: now, excluding: id)
        #expect(repeats.ordinal == 3 && repeats.earlier.count == 2)
        #expect(repeats.earlier.first?.at == now.addingTimeInterval(-2 * 86_400))
    }

    @Test("the approach note shows only while the plan's consent holds and its review date is not past")
    func approachNote() throws {
        let person = Person.ID(UUID())
        let now = Date()
        var consent = ConsentRecord(
            id: .init(UUID()), personID: person, purpose: .supportPlan, basis: .consent, note: nil, recordedAt: now,
            recordedBy: nil)
        #expect(throws: PersonRefusal.noConsentOrBasis(.supportPlan)) {
            try SupportPlanRules.checked(
                whatHelps: "Parler doucement", toAvoid: nil, peopleToCall: nil, preferredResources: nil,
                approachNote: "Sa sœur l'apaise", reviewOn: "2027-02-01", consents: [], today: "2026-11-27",
                latestReview: "2027-11-27")
        }
        let content = try SupportPlanRules.checked(
            whatHelps: "Parler doucement", toAvoid: nil, peopleToCall: nil, preferredResources: nil,
            approachNote: "Sa sœur l'apaise", reviewOn: "2027-02-01", consents: [consent], today: "2026-11-27",
            latestReview: "2027-11-27")
        let plan = SupportPlan(
            id: .init(UUID()), personID: person, teamID: .init(UUID()), content: content, writtenAt: now, writtenBy: nil
        )
        #expect(SupportPlanRules.approachNote(plan, consents: [consent], today: "2026-11-27") == "Sa sœur l'apaise")
        #expect(SupportPlanRules.approachNote(plan, consents: [consent], today: "2027-02-02") == nil)
        consent.withdrawnAt = now
        #expect(SupportPlanRules.approachNote(plan, consents: [consent], today: "2026-11-27") == nil)
        let late = #expect(throws: ValidationError.self) {
            try SupportPlanRules.checked(
                whatHelps: nil, toAvoid: nil, peopleToCall: nil, preferredResources: nil,
                approachNote: String(repeating: "x", count: 401), reviewOn: "2028-01-01",
                consents: [consent.withdrawn(false)],
                today: "2026-11-27", latestReview: "2027-11-27")
        }
        #expect(Set(late?.problems.map(\.field) ?? []) == ["whatHelps", "approachNote", "reviewOn"])
    }

    @Test("measures: officers' time by nearest rank, the share without transport, contacts around a plan")
    func measures() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let person = Person.ID(UUID())
        let written = now.addingTimeInterval(-100 * 86_400)
        func row(_ daysAgo: Double, _ outcome: ConsultOutcome, _ minutes: Int, _ who: Person.ID? = nil)
            -> ESUPMeasures.Row
        {
            ESUPMeasures.Row(
                requestedAt: now.addingTimeInterval(-daysAgo * 86_400), evening: "e\(Int(daysAgo))", hour: 20,
                situations: [.suicidal], outcome: outcome, officerMinutes: minutes, personID: who)
        }
        let rows = [
            row(150, .arrest, 90, person), row(120, .referral, 30, person), row(105, .noFollowUp, 10, person),
            row(50, .staysWithPlan, 40, person), row(1, .voluntaryTransport, 20),
        ]
        let measures = ESUPMeasures.of(rows, plans: [(person, written)], now: now)
        #expect(measures.total == 5 && measures.evenings == 5 && measures.byHour[20] == 5)
        #expect(measures.officerMinutesMedian == 30 && measures.officerMinutesP90 == 90)
        #expect(measures.resolvedWithoutTransportPercent == 60)
        #expect(measures.plans.people == 1 && measures.plans.contactsBefore == 3 && measures.plans.contactsAfter == 1)
    }
}

extension ConsentRecord {
    fileprivate func withdrawn(_ yes: Bool) -> ConsentRecord {
        var copy = self
        copy.withdrawnAt = yes ? recordedAt : nil
        return copy
    }
}
