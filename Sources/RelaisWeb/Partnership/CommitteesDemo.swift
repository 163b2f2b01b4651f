import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The committees' demo: the SPVM's neighbourhood stations (real, `Resources/Demo/spvm-postes-de-quartier.geojson`),
/// its seven partnership committees and the strategic committee with fictional members (staggered terms, some in
/// their second and last), two years of fictional meetings with minutes, concerns and actions, delegates named by
/// most committees, a coming open meeting, and a member with an account.
struct CommitteesDemo {
    let app: Application

    static let memberEmail = "committee-member@demo.relais.example"

    /// Code, kind, community, French and English names, station.
    static let committees: [(String, CommitteeKind, Community?, String, String, String)] = [
        ("strategique", .strategic, nil, "Comité stratégique", "Strategic Committee", "21"),
        ("aines", .partnership, .seniors, "Comité aînés", "Seniors Committee", "38"),
        ("communaute-arabe", .partnership, .arab, "Comité communauté arabe", "Arab Community Committee", "31"),
        (
            "communaute-asiatique", .partnership, .asian, "Comité communauté asiatique", "Asian Community Committee",
            "20"
        ),
        ("communaute-latino", .partnership, .latino, "Comité communauté latino", "Latino Community Committee", "30"),
        ("communaute-noire", .partnership, .black, "Comité communauté noire", "Black Community Committee", "39"),
        ("jeunesse", .partnership, .youth, "Comité jeunesse", "Youth Committee", "23"),
        (
            "profilage-racial", .expert, .everyone, "Comité d'experts en profilage racial",
            "Expert Committee on Racial Profiling", "15"
        ),
    ]

    static let givenNames = [
        "Amina", "Louis", "Mei", "Carlos", "Fatou", "Gabriel", "Yasmine", "Hélène", "Kwame", "Lucía", "Thi", "Marc",
        "Nadia", "Omar", "Rosa", "Samuel", "Chloé", "Jean-Baptiste", "Linh", "Myriam",
    ]
    static let familyNames = [
        "Benali", "Côté", "Chen", "Hernández", "Diallo", "Pelletier", "Haddad", "Bergeron", "Mensah", "Ortiz",
        "Nguyen", "Lavoie", "Saint-Fleur", "Khalil", "Gómez", "Dubé", "Tremblay", "Joseph", "Pham", "Boucher",
    ]
    static let origins = [
        "Centre communautaire du quartier", "Table de concertation jeunesse", "Association des aînés",
        "Maison de la famille", "Carrefour interculturel", "CIUSSS du Centre-Sud", "Commission scolaire",
        "Organisme d'aide aux nouveaux arrivants",
    ]
    static let concerns: [CommitteeTheme: [String]] = [
        .security: [
            "Sentiment d'insécurité près d'une station de métro le soir", "Fraude téléphonique visant des aînés",
            "Vitesse des voitures près d'une école",
        ],
        .perception: [
            "Perception d'une hausse des vols dans le quartier", "Méconnaissance des services du poste de quartier",
        ],
        .relations: [
            "Interpellations vécues comme répétées par des jeunes", "Besoin d'interprètes lors des interventions",
        ],
        .solutions: [
            "Proposer des séances d'information dans les lieux de culte",
            "Patrouilles à pied aux heures de sortie des classes",
        ],
    ]

    func seed() async throws {
        let store = app.store
        let stations = try StationFile.parse(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: app.directory.resourcesDirectory + "Demo/spvm-postes-de-quartier.geojson")))
        try await store.committees.replaceStations(stations)
        guard let service = try await store.accounts.organisation(named: DemoSeeder.Name.montrealPolice) else { return }
        let zone = app.relais.config.timeZone
        let now = store.now
        let today = Evening.day(of: now, timeZone: zone)
        let thisYear = CivilDay.year(today)
        let boroughs = try await store.territories.all(level: .borough).map(\.code)
        var random = DemoRandom(seed: 19)
        let password = DemoSeeder.randomPassword()
        let account = try await store.accounts.createUser(
            email: Self.memberEmail, displayName: "Amina Benali", role: .committeeMember, organisationID: service.id,
            passwordHash: try await app.password.async.hash(password), language: app.relais.config.defaultLanguage)
        print("Comités (démo / demo): membre / member \(Self.memberEmail) \(password)")
        var made: [Committee] = []
        var person = 0
        for (code, kind, community, french, english, station) in Self.committees {
            let committee = Committee(
                id: .init(UUID()), organisationID: service.id, code: code, kind: kind, nameFrench: french,
                nameEnglish: english,
                mandateFrench:
                    "Faire connaître au SPVM les préoccupations de sécurité et proposer des pistes d'action.",
                mandateEnglish: "Bring security concerns to the SPVM and propose possible solutions and actions.",
                community: community, themes: CommitteeTheme.allCases,
                region: ["Nord", "Sud", "Est", "Ouest"][made.count % 4],
                stations: [station], seats: 10)
            try await store.committees.create(committee)
            made.append(committee)
            var mandates: [Mandate] = []
            for seat in 0..<8 {
                let given = Self.givenNames[person % Self.givenNames.count]
                let family = Self.familyNames[(person * 7 + 3) % Self.familyNames.count]
                person += 1
                let police = seat == 0
                let email =
                    person == 2
                    ? Self.memberEmail
                    : "\(given).\(family).\(person)@exemple.org".lowercased().folding(
                        options: .diacriticInsensitive, locale: nil
                    ).replacingOccurrences(of: " ", with: "")
                let member = try await store.committees.addMember(
                    organisation: service.id,
                    identity: MemberIdentity(
                        name: police ? "Sgt \(given) \(family)" : "\(given) \(family)", email: email,
                        phone: "514-555-0\(100 + person)"),
                    origin: police ? DemoSeeder.Name.montrealPolice : Self.origins[person % Self.origins.count],
                    side: police ? .police : .civilian, language: person % 4 == 0 ? .english : .french,
                    user: person == 2 ? account.id : nil)
                // Staggered: first terms from 2021 to 2026; the oldest renewed once.
                let startYear = thisYear - 5 + (seat % 6)
                var start = String(format: "%04d-%02d-01", startYear, 1 + (seat * 5) % 12)
                var number = 0
                repeat {
                    let mandate = try MandateRules.appoint(
                        member: member.id, to: committee,
                        position: seat == 0 ? .policeLiaison : seat == 1 ? .chair : .member, startsOn: start,
                        mandates: mandates)
                    mandates.append(mandate)
                    try await store.committees.insert(mandate)
                    number += 1
                    start = CivilDay.adding(days: 1, to: mandate.endsOn) ?? start
                } while start <= today && kind.terms.allows(term: number + 1)
            }
            try await meetings(
                of: committee, station: stations.first { $0.number == station }, years: [thisYear - 1, thisYear],
                today: today, zone: zone, boroughs: boroughs, random: &random)
        }
        // Delegates of the year: all but two committees named theirs.
        for committee in made.filter(\.kind.namesDelegates).dropLast(2) {
            let seated = try await store.committees.mandates(committees: [committee.id]).filter {
                $0.isActive(on: today)
            }
            let members = try await store.committees.memberSummaries(seated.map(\.memberID))
            if let police = members.first(where: { $0.side == .police }),
                let civilian = members.first(where: { $0.side == .civilian })
            {
                try await store.committeeWork.name(
                    DelegatePair(committeeID: committee.id, year: thisYear, police: police.id, civilian: civilian.id))
            }
        }
        _ = try await store.committeeWork.publish(year: thisYear - 1, organisation: service.id)
    }

    /// Two years of meetings: four a year (the strategic committee five: two joint, one with the delegates), those
    /// past with minutes, concerns and actions; the next ones planned, the first of them open to the public.
    private func meetings(
        of committee: Committee, station: Station?, years: [Int], today: String, zone: TimeZone, boroughs: [String],
        random: inout DemoRandom
    ) async throws {
        guard let station else { return }
        let store = app.store
        let months = committee.kind == .strategic ? [2, 4, 6, 10, 12] : [2, 5, 9, 12]
        var openedOne = false
        for year in years + [years.last! + 1] {
            for (index, month) in months.enumerated() {
                let day = String(format: "%04d-%02d-%02d", year, month, 8 + (committee.code.count + index) % 14)
                guard let start = Meeting.instant(day: day, minute: 18 * 60 + 30, timeZone: zone) else { continue }
                let past = day < today
                if !past && openedOne && year > years.last! { continue }
                let purpose: MeetingPurpose =
                    committee.kind != .strategic
                    ? .regular : month == 4 || month == 10 ? .joint : month == 6 ? .delegates : .regular
                let plan = MeetingPlan(
                    interval: DateInterval(start: start, duration: 7_200), station: station, purpose: purpose,
                    agenda: [
                        AgendaItem(theme: .security, text: "Préoccupations de sécurité du trimestre"),
                        AgendaItem(theme: .relations, text: "Relations avec le poste de quartier"),
                    ], isOpen: !past && !openedOne, capacity: 30)
                let meeting = try await store.committeeMeetings.plan(plan, for: committee)
                if !past {
                    openedOne = true
                    continue
                }
                let seated = try await store.committees.mandates(committees: [committee.id]).filter {
                    $0.isActive(on: day)
                }
                try await store.committeeMeetings.saveMinutes(
                    Minutes(
                        membersPresent: Array(seated.map(\.memberID).prefix(5 + random.next(3))),
                        organisationsPresent: Array(Self.origins.prefix(2 + random.next(4))),
                        residents: committee.kind == .strategic ? 0 : 6 + random.next(20),
                        discussion: [
                            AgendaItem(theme: .security, text: "Tour de table des préoccupations."),
                            AgendaItem(theme: .solutions, text: "Pistes retenues et suivi des actions."),
                        ]), of: meeting.id)
                _ = try await store.meetings.close(meeting.id)
                for _ in 0..<(3 + random.next(3)) {
                    let theme = CommitteeTheme.allCases[random.next(CommitteeTheme.allCases.count)]
                    let texts = Self.concerns[theme] ?? []
                    try await store.committeeWork.raise(
                        Concern(
                            id: .init(UUID()), committeeID: committee.id, meetingID: meeting.id, theme: theme,
                            community: committee.community ?? Community.allCases[random.next(Community.allCases.count)],
                            borough: boroughs.isEmpty ? nil : boroughs[random.next(boroughs.count)],
                            summary: texts[random.next(texts.count)], raisedOn: day))
                }
                let due = CivilDay.adding(months: 3, to: day) ?? day
                let done = due < today && random.next(4) > 0
                try await store.committeeWork.add(
                    CommitteeAction(
                        id: .init(UUID()), committeeID: committee.id, meetingID: meeting.id, concernID: nil,
                        what: "Organiser une rencontre d'information avec le poste de quartier \(station.number)",
                        owner: "Coordination SPVM", dueOn: due, status: done ? .done : due < today ? .underway : .open,
                        doneOn: done ? due : nil))
            }
        }
    }
}

/// A small deterministic generator, so that the demo is the same at every start.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(1, bound)))
    }
}
