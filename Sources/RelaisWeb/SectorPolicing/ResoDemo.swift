import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import SQLKit
import Vapor

/// RÉSO's demo: the 17 fictional sectors cut from the five real cities of the Longueuil agglomeration
/// (`Resources/Demo/longueuil-sectors-fictional.geojson`), a fictional officer in each (the demo's sector officer
/// account in Brossard 1) with a week of shifts and a colleague who covers, a supervisor account, and a few weeks of
/// fictional residents' messages, some answered.
struct ResoDemo {
    let app: Application

    static let supervisorEmail = "reso-supervisor@demo.relais.example"

    /// The officers: name, sector, languages, shift (days 0–6, start, end).
    static let officers:
        [(
            name: String, sector: String, languages: [SpokenLanguage], days: ClosedRange<Int>, start: String,
            end: String
        )] = [
            ("Agent Charlie Secteur", "BRO-1", [.french, .english], 0...4, "08:00", "16:00"),
            ("Agente Maude Lévesque", "BRO-2", [.french, .english, .mandarin], 0...4, "14:00", "22:00"),
            ("Agent Karim Haddad", "BRO-3", [.french, .arabic, .english], 2...6, "08:00", "16:00"),
            ("Agente Sophie Tran", "BRO-4", [.french, .vietnamese], 1...5, "10:00", "18:00"),
            ("Agent Patrick Cormier", "LGL-1", [.french, .english], 0...4, "07:00", "15:00"),
            ("Agente Nadia Joseph", "LGL-2", [.french, .haitianCreole], 0...4, "15:00", "23:00"),
            ("Agent Luis Moreno", "LGL-3", [.french, .spanish], 2...6, "12:00", "20:00"),
            ("Agente Isabelle Roy", "LGL-4", [.french], 0...4, "08:00", "16:00"),
            ("Agent Marc-André Gagnon", "LGL-5", [.french, .english], 3...6, "09:00", "17:00"),
            ("Agente Ana Ferreira", "LGL-6", [.french, .portuguese], 0...4, "16:00", "23:59"),
            ("Agent Olivier Bouchard", "BOU-1", [.french], 0...4, "08:00", "16:00"),
            ("Agente Julie Tremblay", "BOU-2", [.french, .english], 1...5, "13:00", "21:00"),
            ("Agent Simon Pelletier", "BOU-3", [.french], 2...6, "08:00", "16:00"),
            ("Agente Claire Martin", "SBM-1", [.french, .english], 0...4, "08:00", "16:00"),
            ("Agent Étienne Girard", "SBM-2", [.french, .italian], 2...6, "14:00", "22:00"),
            ("Agente Rachel Cohen", "SLB-1", [.french, .english], 0...4, "09:00", "17:00"),
            ("Agent Thomas Nguyen", "SLB-2", [.french, .english, .vietnamese], 3...6, "12:00", "20:00"),
        ]

    func seed() async throws {
        let store = app.store
        let file = app.directory.resourcesDirectory + "Demo/longueuil-sectors-fictional.geojson"
        let sectors = try GeoJSONTerritories.read(
            try Data(contentsOf: URL(fileURLWithPath: file)), level: .sector, codeProperty: "code",
            nameProperty: "nom", served: [], parentProperty: "ville")
        guard let service = try await store.accounts.organisation(named: DemoSeeder.Name.longueuilPolice) else {
            return
        }
        let password = DemoSeeder.randomPassword()
        let supervisor = try await store.accounts.createUser(
            email: Self.supervisorEmail, displayName: "Dominic Supervision", role: .sectorSupervisor,
            organisationID: service.id, passwordHash: try await app.password.async.hash(password),
            language: app.relais.config.defaultLanguage)
        print("RÉSO (démo / demo): supervision / supervisor \(Self.supervisorEmail) \(password)")
        let charlie = try await store.accounts.credentials(email: DemoSeeder.email(for: .sectorOfficer))?.user.id
        let made = try await store.transaction { tx -> [SectorOfficer] in
            var made: [SectorOfficer] = []
            for sector in sectors { try await tx.territories.save(sector) }
            for (index, entry) in Self.officers.enumerated() {
                let duty = try OfficerRules.duty(
                    entry.days.map { OfficerRules.DutyRow(day: $0, start: entry.start, end: entry.end) })
                var officer = try await tx.sectorOfficers.add(
                    organisation: service.id, user: index == 0 ? charlie : nil, name: entry.name,
                    cellPhone: "450555" + String(format: "%04d", 100 + index), languages: entry.languages, duty: duty)
                try await tx.sectorOfficers.assign(officer.id, to: entry.sector)
                officer.sectorCode = entry.sector
                made.append(officer)
            }
            // Each covers the next of the same city, the last the first.
            for (index, officer) in made.enumerated() {
                let city = officer.sectorCode?.prefix(3)
                let colleagues = made.filter { $0.sectorCode?.prefix(3) == city }
                guard let at = colleagues.firstIndex(where: { $0.id == officer.id }), colleagues.count > 1 else {
                    continue
                }
                made[index].coverID = colleagues[(at + 1) % colleagues.count].id
                try await tx.sectorOfficers.save(made[index])
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .sectorOfficerSaved, resourceType: .sectorOfficer,
                    resourceID: "demo:\(made.count)", purpose: "demo"))
            return made
        }
        try await seedMessages(officers: made, service: service.id, supervisor: supervisor.id)
    }

    /// A few weeks of fictional messages, most answered; four about the same park of Brossard 1 (a repeat place).
    private func seedMessages(officers: [SectorOfficer], service: Organisation.ID, supervisor: User.ID) async throws {
        let store = app.store
        var random = SeededRandom(seed: 18)
        let texts: [(MessageTopic, String, String)] = [
            (
                .neighbours, "Bruit tous les soirs après 23 h au 2e étage, on n'ose plus aller frapper.",
                "rue Principale"
            ),
            (.drugs, "Des seringues dans le parc près des balançoires, deux fois cette semaine.", "parc du secteur"),
            (.feelingUnsafe, "Un groupe s'installe devant le dépanneur le soir, les clients ont peur.", "boulevard"),
            (.worriedAboutSomeone, "Un voisin âgé ne sort plus et semble confus, sa famille est loin.", "avenue"),
            (.traffic, "Les autos roulent très vite devant l'école à 8 h.", "près de l'école"),
            (.business, "Vols à l'étalage répétés, on aimerait des conseils.", "commerce du boulevard"),
        ]
        for day in stride(from: 40, through: 1, by: -1) where random.next(3) == 0 || day % 9 == 0 {
            // Every ninth day, needles again in the same park of Brossard 1: a repeat place to open a problem at.
            let park = day % 9 == 0
            let officer = park ? officers[0] : officers[random.next(officers.count)]
            guard let sector = officer.sectorCode else { continue }
            let (topic, body, place) = park ? texts[1] : texts[random.next(texts.count)]
            let content = MessageContent(
                topic: topic, place: park ? "Parc près de la rue de Rome" : place,
                latitude: park ? 45.4502 + Double(random.next(5)) / 10_000 : nil,
                longitude: park ? -73.5003 + Double(random.next(5)) / 10_000 : nil, replyBy: .phone,
                contact: "450555" + String(format: "%04d", 150 + random.next(40)), name: nil, body: body)
            let message = try await store.residentMessages.receive(
                content, organisation: service, sector: sector, officer: officer.id, language: .french)
            try await backdate(message.id, by: Double(day) * 86_400)
            guard day > 2,
                var opened = try await store.residentMessages.message(
                    message.id, by: Reader(nil, for: .residentMessage))?.message
            else { continue }
            let step = try MessageRules.step(
                .called, text: "Rappelé·e, visite prévue dans le secteur.", on: &opened,
                by: officer.userID ?? supervisor,
                now: opened.receivedAt.addingTimeInterval(Double(2 + random.next(20)) * 3_600))
            try await store.residentMessages.record(step, on: opened, from: .new)
        }
    }

    private func backdate(_ id: ResidentMessage.ID, by seconds: TimeInterval) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        try await sql.update("reso_messages").set("received_at", to: app.store.now.addingTimeInterval(-seconds))
            .where("id", .equal, id.rawValue).run()
    }
}
