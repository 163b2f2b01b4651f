import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais serve --demo`: the programmes' organisations, one account per role and the four ÉMMIS boroughs.
///
/// Passwords are random and printed once, at the first start on an empty database; they are never fixed.
struct DemoSeeder {
    let app: Application

    /// The demo organisations and, for each role, the organisation its account belongs to.
    static let organisations: [(name: String, kind: Organisation.Kind)] = [
        ("Relais — exploitation", .operator_),
        ("Société de développement social — ÉMMIS", .mobileTeam),
        ("Service de police de la Ville de Montréal", .policeService),
        ("CIUSSS du Centre-Sud-de-l'Île-de-Montréal", .healthAndSocialServices),
        ("Service de police de l'agglomération de Longueuil", .policeService),
        ("Mobilisation communautaire Sudbury", .agency),
        ("Accueil Bonneau", .communityOrganisation),
        ("Ville de Montréal", .municipality),
    ]

    static let accounts: [(role: Role, name: String, organisation: Int)] = [
        (.admin, "Alex Administration", 0),
        (.dispatcher, "Camille Répartition", 1),
        (.mobileWorker, "Jordan Intervention", 1),
        (.policeOfficer, "Sam Patrouille", 2),
        (.policeSocialWorker, "Dominique Soutien", 3),
        (.sectorOfficer, "Charlie Secteur", 4),
        (.tableChair, "Morgan Table", 5),
        (.agencyRepresentative, "Rivka Organisme", 6),
        (.committeeCoordinator, "Noor Comités", 2),
        (.analyst, "Léa Analyse", 7),
        (.open311Client, "Application 311 de la Ville", 7),
    ]

    /// The fictional 24-hour shelter's directory organization (`Resources/Demo/demo-resources.hsds.json`).
    static let shelterOrganization = "de000000-0000-4000-8001-000000000001"

    /// The e-mail of a role's demo account.
    static func email(for role: Role) -> String {
        "\(role.rawValue.replacingOccurrences(of: "_", with: "-"))@demo.relais.example"
    }

    func seed() async throws {
        let store = app.store
        guard try await store.accounts.countUsers() == 0 else {
            print("Relais (démo) : comptes déjà créés au premier démarrage / demo accounts already exist.")
            print("Connexion / sign in: /connexion à l'adresse ci-dessous / at the address below.")
            print("Pour repartir à neuf / to start afresh: stop Relais and delete \(app.relais.config.dataDirectory).")
            return
        }
        var printed: [(Role, String, String)] = []
        for (name, kind) in Self.organisations {
            _ = try await store.accounts.createOrganisation(name: name, kind: kind)
        }
        let organisations = try await store.accounts.organisations()
        for account in Self.accounts {
            let organisationName = Self.organisations[account.organisation].name
            guard let organisation = organisations.first(where: { $0.name == organisationName }) else { continue }
            let password = Self.randomPassword()
            let hash = try await app.password.async.hash(password)
            let email = Self.email(for: account.role)
            try await store.transaction { tx in
                let user = try await tx.accounts.createUser(
                    email: email, displayName: account.name, role: account.role, organisationID: organisation.id,
                    passwordHash: hash)
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .userCreated, resourceType: "user", resourceID: user.id.description,
                        purpose: "demo"))
            }
            printed.append((account.role, email, password))
        }
        try await app.importDemoBoroughs()
        try await app.importDemoResources()
        try await seedTeams()
        print(
            """

            Relais — démo / demo
            Comptes de démonstration (mots de passe affichés une seule fois) / demo accounts (passwords shown once):
            """)
        for (role, email, password) in printed {
            print(
                "  \(role.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(email.padding(toLength: 44, withPad: " ", startingAt: 0)) \(password)"
            )
        }
        print("Connexion / sign in: /connexion à l'adresse ci-dessous / at the address below.")
        print("")
        // Shown at once even when the output is a file or a pipe (a service manager's log), not at exit.
        fflush(nil)
    }

    /// One team per ÉMMIS borough, available at a typical spot, with 12-hour shifts for the next 30 days; the
    /// demo mobile worker is in the Ville-Marie team.
    static let teams: [(name: String, vehicle: String, borough: String, latitude: Double, longitude: Double)] = [
        ("Équipe Ville-Marie", "Véhicule 1", "VM", 45.5088, -73.5617),
        ("Équipe Sud-Ouest", "Véhicule 2", "SO", 45.4790, -73.5800),
        ("Équipe Plateau", "Véhicule 3", "PM", 45.5245, -73.5810),
        ("Équipe Hochelaga", "Véhicule 4", "MH", 45.5530, -73.5400),
    ]

    private func seedTeams() async throws {
        let store = app.store
        let organisationName = Self.organisations[1].name
        guard let organisation = try await store.accounts.organisation(named: organisationName),
            let worker = try await store.accounts.credentials(email: Self.email(for: .mobileWorker))?.user
        else { return }
        let start = Calendar.current.startOfDay(for: store.now)
        for (index, spec) in Self.teams.enumerated() {
            try await store.transaction { tx in
                let team = try await tx.teams.create(
                    organisationID: organisation.id, name: spec.name, vehicle: spec.vehicle,
                    members: index == 0 ? [worker.id] : [])
                for half in 0..<60 {
                    _ = try await tx.teams.addShift(
                        teamID: team.id, territoryCode: spec.borough,
                        interval: DateInterval(
                            start: start.addingTimeInterval(Double(half) * 12 * 3600), duration: 12 * 3600))
                }
                _ = try await tx.dispatch.changeStatus(
                    of: team, to: .available,
                    position: try GeoPoint(latitude: spec.latitude, longitude: spec.longitude), by: worker.id)
            }
        }
    }

    /// Four groups of four characters from an alphabet without look-alikes: about 95 bits.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }
}

extension Application {
    /// Imports the four ÉMMIS boroughs shipped in `Resources/Demo`, all served.
    public func importDemoBoroughs() async throws {
        let boroughs = try GeoJSONTerritories.read(
            Data(
                contentsOf: URL(fileURLWithPath: directory.resourcesDirectory + "Demo/montreal-emmis-boroughs.geojson")),
            level: .borough, codeProperty: "ABREV", nameProperty: "NOM", served: ["VM", "SO", "PM", "MH"])
        for borough in boroughs {
            try await store.territories.save(borough)
        }
        await relais.territories.invalidate()
    }

    /// Imports the demo directory shipped in `Resources/Demo`: Montréal's community places in the four boroughs
    /// and four fictional resources with hours (a 24-hour shelter, an overnight warming centre…).
    public func importDemoResources() async throws {
        let folder = directory.resourcesDirectory + "Demo/"
        let places = try JSONText.parse(
            Data(contentsOf: URL(fileURLWithPath: folder + "montreal-lieux-interet-emmis.geojson")))
        let fictional = try JSONText.parse(Data(contentsOf: URL(fileURLWithPath: folder + "demo-resources.hsds.json")))
        _ = try await DirectoryImporter(self).importDocuments(
            [("montreal", .array(MontrealPlaces.organizations(from: places))), ("demo", fictional)], partial: false,
            actor: nil)
        // The agency representative's organisation looks after the fictional shelter: its capacity and hours.
        if let agency = try await store.accounts.organisation(named: DemoSeeder.organisations[6].name) {
            try await store.directory.link(agency.id, to: DemoSeeder.shelterOrganization, by: nil)
        }
    }
}
