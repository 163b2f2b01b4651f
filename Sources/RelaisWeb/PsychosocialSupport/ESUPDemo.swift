import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// ÉSUP's demo: the team (the demo social worker and a duo officer), tonight's duo, the agreement with the mobile
/// mediation team, and a season of fictional consults whose hours and weekdays follow Toronto's persons-in-crisis
/// calls (`Resources/Demo/persons-in-crisis-profile.json`), with people met several times, some of whom have a
/// support plan since, so that the measures are worth reading.
struct ESUPDemo {
    let app: Application

    static let teamName = "Équipe de soutien aux urgences psychosociales (SPVM–CIUSSS)"
    static let officerEmail = "esup-officer@demo.relais.example"
    /// The days of consults before today.
    static let seasonDays = 200

    /// What the demo reads of the Toronto calls' profile.
    struct Profile: Decodable {
        let byHour: [Int]
        let byWeekday: [String: Int]
        let byType: [String: Int]
        let calls: Int
        let apprehensions: Int
    }

    func seed() async throws {
        let store = app.store
        let team = try await store.accounts.createOrganisation(name: Self.teamName, kind: .policeService)
        try await store.duos.setTeam(team.id)
        guard
            let worker = try await store.accounts.credentials(email: DemoSeeder.email(for: .policeSocialWorker))?.user
        else { return }
        try await store.accounts.grant(Membership(.policeSocialWorker, in: team.id), to: worker.id, by: nil)
        let password = DemoSeeder.randomPassword()
        let officer = try await store.accounts.createUser(
            email: Self.officerEmail, displayName: "Alexis Duo", role: .policeOfficer, organisationID: team.id,
            passwordHash: try await app.password.async.hash(password), language: app.relais.config.defaultLanguage)
        print("ÉSUP (démo / demo): agent·e du duo / duo officer \(Self.officerEmail) \(password)")
        if let mediation = try await store.accounts.organisation(named: DemoSeeder.Name.mobileTeam) {
            try await store.sharingAgreements.save(
                SharingAgreement(team.id, mediation.id, signedOn: store.now.addingTimeInterval(-400 * 86_400)))
        }
        let zone = app.relais.config.timeZone
        _ = try await store.duos.form(
            team: team.id, evening: Evening.of(store.now, timeZone: zone), callSign: "ÉSUP 1", officer: officer.id,
            socialWorker: worker.id)
        let profile = try JSONDecoder().decode(
            Profile.self,
            from: Data(
                contentsOf: URL(
                    fileURLWithPath: app.directory.resourcesDirectory + "Demo/persons-in-crisis-profile.json")))
        guard let police = try await store.accounts.organisation(named: DemoSeeder.Name.montrealPolice),
            let requester = try await store.accounts.credentials(email: DemoSeeder.email(for: .policeOfficer))?.user
        else { return }
        try await seedSeason(
            profile: profile, team: team.id, police: police.id, requester: requester.id, officer: officer.id,
            worker: worker.id, zone: zone)
    }

    /// The season: consults evening after evening, people met again, plans written with consent.
    private func seedSeason(
        profile: Profile, team: Organisation.ID, police: Organisation.ID, requester: User.ID, officer: User.ID,
        worker: User.ID, zone: TimeZone
    ) async throws {
        let store = app.store
        var random = SeededRandom(seed: 16)
        let now = store.now
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // The evening shift (15 h to 3 h) takes the calls of those hours, weighted as Toronto's were.
        let shiftHours = Array(15...23) + Array(0...2)
        let hourWeights = shiftHours.map { profile.byHour[$0] }
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let dayWeights = weekdays.map { profile.byWeekday[$0] ?? 1 }
        let typeWeights = [
            profile.byType["Person in Crisis"] ?? 1, profile.byType["Suicide-related"] ?? 1,
            profile.byType["Overdose"] ?? 1,
        ]
        let frequent = try await people(40, team: team, by: worker)
        // The first eight are met often; a plan is written with each, 100 days ago, with their consent.
        let planDay = now.addingTimeInterval(-100 * 86_400)
        var duos: [String: Duo] = [:]
        for day in stride(from: Self.seasonDays, through: 1, by: -1) {
            let evening = calendar.startOfDay(for: now.addingTimeInterval(-Double(day) * 86_400))
            let weekday = calendar.component(.weekday, from: evening) - 1
            // About 2,000 a year, more on weekdays, as Toronto's calls.
            let count = 3 + random.next(4) + (dayWeights[weekday] > 4_500 ? 1 : 0)
            let eveningName = Evening.day(of: evening, timeZone: zone)
            if duos[eveningName] == nil {
                duos[eveningName] = try await store.duos.duos(team: team, evening: eveningName).first
            }
            if duos[eveningName] == nil {
                duos[eveningName] = try await store.duos.form(
                    team: team, evening: eveningName, callSign: "ÉSUP 1", officer: officer, socialWorker: worker)
            }
            for _ in 0..<count {
                let hour = shiftHours[random.pick(hourWeights)]
                let dayOffset = hour < 6 ? 86_400.0 : 0
                let at = evening.addingTimeInterval(dayOffset + Double(hour) * 3_600 + Double(random.next(3_600)))
                guard at < now.addingTimeInterval(-3_600) else { continue }
                // Frequent callers, before their plan, call far more often than after.
                var person: Person.ID?
                let regular = random.next(8)
                let beforePlan = at < planDay
                if random.next(100) < (beforePlan ? 30 : 12) {
                    person = frequent[regular]
                } else if random.next(100) < 35 {
                    person = frequent[8 + random.next(frequent.count - 8)]
                }
                try await consult(
                    at: at, type: random.pick(typeWeights), random: &random, profile: profile, team: team,
                    police: police, requester: requester, duo: duos[eveningName]!, person: person, zone: zone)
            }
        }
        for person in frequent.prefix(8) {
            try await plan(for: person, team: team, by: worker, at: planDay)
        }
    }

    /// Forty fictional people with names, birth dates and, for some, a phone.
    private func people(_ count: Int, team: Organisation.ID, by worker: User.ID) async throws -> [Person.ID] {
        let given = [
            "Jérôme", "Nadia", "Mathieu", "Sophie", "Karim", "Isabelle", "Olivier", "Mélanie", "Samuel", "Awa",
            "Yannick", "Chantal", "Rachid", "Geneviève", "Tommy", "Linh", "Patrice", "Julie", "Hugo", "Fatou",
        ]
        let family = [
            "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet",
            "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
        ]
        var random = SeededRandom(seed: 25)
        var ids: [Person.ID] = []
        for index in 0..<count {
            let phone = index % 3 == 0 ? String(format: "514 555-%04d", 1_000 + index) : nil
            let birth = String(
                format: "%04d-%02d-%02d", 1950 + random.next(55), 1 + random.next(12), 1 + random.next(28))
            let person = try await app.store.persons.record(
                PersonIdentifiers(
                    givenName: given[index % given.count], familyName: family[(index * 7) % family.count],
                    birthDate: birth, phone: phone),
                organisation: team, programme: ESUPProgramme.programmeID, by: worker)
            ids.append(person.id)
        }
        return ids
    }

    private func consult(
        at: Date, type: Int, random: inout SeededRandom, profile: Profile, team: Organisation.ID,
        police: Organisation.ID, requester: User.ID, duo: Duo, person: Person.ID?, zone: TimeZone
    ) async throws {
        let store = app.store
        let situations: [ConsultSituation] =
            switch type {
            case 0: random.next(3) == 0 ? [.personInCrisis, .disorganised] : [.personInCrisis]
            case 1: [.suicidal]
            default: [.intoxicationDistress]
            }
        let mode: ConsultMode = random.next(100) < 45 ? .phone : .onScene
        let request = ConsultRequest(
            eventNumber: String(format: "%02d-%06d", 26, random.next(999_999)),
            place: "Secteur \(20 + random.next(20))",
            situations: random.next(12) == 0 ? situations + [.familyCrisis] : situations, sceneSecured: true,
            mode: mode, details: nil, screening: .clear, callback: nil)
        var consult = try await store.consults.request(
            request, team: team, requesterOrganisation: police, by: requester, timeZone: zone, at: at)
        consult.stage = .accepted
        consult.duoID = duo.id
        consult.acceptedAt = at.addingTimeInterval(Double(60 + random.next(600)))
        if mode == .onScene {
            consult.arrivedAt = consult.acceptedAt!.addingTimeInterval(Double(600 + random.next(1_200)))
        }
        // Officers are freed sooner by phone; on scene, after the assessment.
        let minutes = mode == .phone ? 10 + random.next(35) : 35 + random.next(80)
        consult.officersFreedAt = at.addingTimeInterval(Double(minutes * 60))
        consult.closedAt = consult.officersFreedAt!.addingTimeInterval(Double(300 + random.next(2_400)))
        consult.advice = "Conseils donnés aux patrouilleurs (démo)."
        consult.assessment = Assessment(
            riskToSelf: RiskLevel.allCases[random.pick([5, 3, 2])],
            riskToOthers: RiskLevel.allCases[random.pick([7, 2, 1])], note: nil)
        // Apprehensions as Toronto's (22 %) become P-38 transports; the rest resolved as a duo's are.
        let draw = random.next(profile.calls)
        if draw < profile.apprehensions * 2 / 3 {
            consult.outcome = .involuntaryTransport
            consult.legalGround = .crisisWorkerRequest
        } else {
            consult.outcome =
                [.staysWithPlan, .voluntaryTransport, .referral, .crisisCentre, .noFollowUp, .arrest][
                    random.pick([30, 18, 22, 12, 10, 2])]
        }
        consult.personID = person
        consult.stage = .closed
        try await store.consults.save(consult, from: .requested)
    }

    private func plan(for person: Person.ID, team: Organisation.ID, by worker: User.ID, at date: Date) async throws {
        let store = app.store
        _ = try await store.persons.recordConsent(
            person, purpose: .supportPlan, basis: .consent, note: nil, by: worker)
        _ = try await store.supportPlans.write(
            SupportPlanContent(
                whatHelps: "Parler calmement, lui laisser du temps; sa sœur l'apaise.",
                toAvoid: "Éviter d'entrer à plusieurs dans l'appartement.",
                peopleToCall: "Sa sœur; son intervenante du CLSC.", preferredResources: "Centre de crise du quartier",
                approachNote: "Parler lentement; proposer d'appeler sa sœur. Pas de contention sauf danger.",
                reviewOn: Evening.day(
                    of: store.now.addingTimeInterval(120 * 86_400), timeZone: app.relais.config.timeZone)),
            for: person, team: team, by: worker, at: date)
    }
}
