import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The situation table's demo: a Sudbury table of fictional agencies (and the demo shelter, whose representative
/// is a demo account), its meetings, and two years of fictional discussions so that the trends are worth reading.
struct TableDemo {
    let app: Application

    /// The fictional agencies, their sectors, and whether they signed the agreement.
    static let agencies: [(name: String, sector: AgencySector, signed: Bool)] = [
        ("Police du Grand Sudbury (fictif)", .police, true),
        ("Santé Nord-Est (fictif)", .health, true),
        ("Santé mentale et dépendances du Nord (fictif)", .mentalHealthAddictions, true),
        ("Enfance et familles Sudbury (fictif)", .childWelfare, true),
        ("Conseil scolaire du Nord (fictif)", .education, true),
        ("Centre autochtone du Nord (fictif)", .indigenous, true),
        ("Centre francophone du Grand Sudbury (fictif)", .francophone, true),
        ("Services sociaux municipaux (fictif)", .municipalSocialServices, true),
        ("Probation et libération conditionnelle (fictif)", .justice, true),
        ("Réseau 2SLGBTQ+ du Nord (fictif)", .lgbtq, false),
    ]

    func seed() async throws {
        let store = app.store
        let settings = app.relais.table.settings
        let zone = app.relais.config.timeZone
        let now = store.now
        var agencies: [TableAgency] = []
        for spec in Self.agencies {
            let organisation = try await store.accounts.createOrganisation(name: spec.name, kind: .agency)
            let signed = spec.signed ? now.addingTimeInterval(-800 * 86_400) : nil
            try await store.tableAgencies.save(organisation.id, sector: spec.sector, agreementSignedOn: signed)
            agencies.append(
                TableAgency(
                    organisationID: organisation.id, name: spec.name, sector: spec.sector, agreementSignedOn: signed))
        }
        if let shelter = try await store.accounts.organisation(named: DemoSeeder.Name.shelter) {
            let signed = now.addingTimeInterval(-800 * 86_400)
            try await store.tableAgencies.save(shelter.id, sector: .housing, agreementSignedOn: signed)
            agencies.append(
                TableAgency(organisationID: shelter.id, name: shelter.name, sector: .housing, agreementSignedOn: signed)
            )
        }
        guard
            let representative = try await store.accounts.credentials(
                email: DemoSeeder.email(for: .agencyRepresentative))?.user
        else { return }
        try await TableUpkeep(store: store, settings: settings, timeZone: zone).schedule()
        try await seedHistory(agencies: agencies, by: representative.id, settings: settings, zone: zone)
    }

    /// Two years of discussions, two meetings a week, decided and concluded as a busy table's are (a fixed seed:
    /// the same demo every time).
    private func seedHistory(
        agencies: [TableAgency], by userID: User.ID, settings: TableSettings, zone: TimeZone
    ) async throws {
        let store = app.store
        let now = store.now
        var random = SeededRandom(seed: 2014)
        let taxonomy = RiskTaxonomy.relaisDefault
        let codes = taxonomy.categories.flatMap { $0.factors.map(\.code) }
        let signed = agencies.filter { $0.agreementSignedOn != nil }
        let past = try await store.meetings.schedule(
            series: TableSettings.series, settings.schedule,
            in: DateInterval(start: now.addingTimeInterval(-730 * 86_400), end: now.addingTimeInterval(-86_400)),
            timeZone: zone, location: settings.location)
        var count = 0
        for meeting in past {
            let present = Set(signed.filter { _ in random.next(100) < 85 }.map(\.organisationID))
            try await store.meetings.recordAttendance(meeting.id, present: present)
            for _ in 0..<(1 + random.next(3)) {
                count += 1
                let origin = signed[random.next(signed.count)]
                let factors = (0..<(2 + random.next(5))).map { _ in codes[random.next(codes.count)] }
                let description = SituationDescription(
                    subject: [SubjectType.individual, .individual, .individual, .family, .location, .group][
                        random.next(6)],
                    riskFactors: Array(Set(factors)).sorted(),
                    ageCohorts: [AgeCohort.allCases[random.next(AgeCohort.allCases.count)]],
                    // Few non-binary people (one in a hundred): a small cell the trends withhold.
                    genders: [count % 100 == 0 ? .nonBinary : [Gender.woman, .man, .man, .unknown][random.next(4)]],
                    summary: "Situation de démonstration (fictive).")
                let opened = meeting.startsAt.addingTimeInterval(-Double(1 + random.next(4)) * 86_400)
                var situation = try await store.situations.open(
                    description,
                    identity: SituationIdentity(
                        people: [.init(firstName: "Démo", lastName: nil, birthDate: nil)], place: nil),
                    agency: origin, by: userID, taxonomy: taxonomy, timeZone: zone, at: opened)
                var meetingOpen = meeting
                meetingOpen.closedAt = nil
                try SituationRules.bring(&situation, to: meetingOpen, by: origin.organisationID, now: meeting.startsAt)
                let voters = present.union([origin.organisationID])
                let accepted = random.next(100) < 78
                _ = try SituationRules.decide(
                    &situation, rule: .quorum(1), present: voters,
                    votes: Dictionary(uniqueKeysWithValues: voters.map { ($0, accepted) }),
                    reason: RejectionReason.allCases[random.next(RejectionReason.allCases.count)],
                    now: meeting.startsAt)
                if accepted {
                    let others = Array(voters.subtracting([origin.organisationID]))
                    let lead = others.isEmpty ? origin.organisationID : others[random.next(others.count)]
                    try SituationRules.name(
                        lead: lead,
                        assisting: [origin.organisationID == lead ? others.first ?? lead : origin.organisationID],
                        in: &situation, present: voters,
                        agencies: Dictionary(uniqueKeysWithValues: agencies.map { ($0.organisationID, $0) }),
                        sharingDays: settings.sharingDays, now: meeting.startsAt)
                    let knocked = meeting.startsAt.addingTimeInterval(Double(2 + random.next(120)) * 3_600)
                    try SituationRules.report(
                        on: &situation, by: lead, firstInterventionAt: min(knocked, now),
                        services: "Visite conjointe et orientation (démo).", reportBackTo: nil,
                        now: max(knocked, meeting.startsAt))
                    let concluded = knocked.addingTimeInterval(Double(7 + random.next(21)) * 86_400)
                    if concluded < now {
                        let outcomes: [Conclusion] = [
                            .riskLowered, .riskLowered, .riskLowered, .connectedToServices, .connectedToServices,
                            .stillElevated, .refusedServices, .movedOrUnreachable,
                        ]
                        try SituationRules.conclude(
                            &situation, with: outcomes[random.next(outcomes.count)], on: concluded, now: concluded)
                        if SituationRules.identityDue(situation, retentionDays: settings.retentionDays, now: now) {
                            situation.identityDestroyedAt = now
                        }
                    }
                }
                try await store.situations.save(situation, from: .opened)
            }
            _ = try await store.meetings.close(meeting.id)
        }
    }
}
