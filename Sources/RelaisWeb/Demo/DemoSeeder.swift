import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais serve --demo`: the programmes' organisations, one account per role, the four ÉMMIS boroughs and the demo
/// directory, then each enabled programme's own demo data.
///
/// Passwords are random and printed once, at the first start on an empty database; they are never fixed.
struct DemoSeeder {
    let app: Application

    /// The demo organisations, by name (the accounts below and each programme's demo refer to them by these names).
    enum Name {
        static let operator_ = "Relais — exploitation"
        static let mobileTeam = "Société de développement social — ÉMMIS"
        static let montrealPolice = "Service de police de la Ville de Montréal"
        static let healthAndSocialServices = "CIUSSS du Centre-Sud-de-l'Île-de-Montréal"
        static let longueuilPolice = "Service de police de l'agglomération de Longueuil"
        static let sudburyTable = "Mobilisation communautaire Sudbury"
        static let shelter = "Accueil Bonneau"
        static let city = "Ville de Montréal"
    }

    static let organisations: [(name: String, kind: Organisation.Kind)] = [
        (Name.operator_, .operator_),
        (Name.mobileTeam, .mobileTeam),
        (Name.montrealPolice, .policeService),
        (Name.healthAndSocialServices, .healthAndSocialServices),
        (Name.longueuilPolice, .policeService),
        (Name.sudburyTable, .agency),
        (Name.shelter, .communityOrganisation),
        (Name.city, .municipality),
    ]

    /// One account per role, in the organisation where that role works.
    static let accounts: [(role: Role, name: String, organisation: String)] = [
        (.admin, "Alex Administration", Name.operator_),
        (.dispatcher, "Camille Répartition", Name.mobileTeam),
        (.mobileWorker, "Jordan Intervention", Name.mobileTeam),
        (.policeOfficer, "Sam Patrouille", Name.montrealPolice),
        (.policeSocialWorker, "Dominique Soutien", Name.healthAndSocialServices),
        (.sectorOfficer, "Charlie Secteur", Name.longueuilPolice),
        (.tableChair, "Morgan Table", Name.sudburyTable),
        (.agencyRepresentative, "Rivka Organisme", Name.shelter),
        (.committeeCoordinator, "Noor Comités", Name.montrealPolice),
        (.analyst, "Léa Analyse", Name.city),
        (.open311Client, "Application 311 de la Ville", Name.city),
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
            let organisationName = account.organisation
            guard let organisation = organisations.first(where: { $0.name == organisationName }) else { continue }
            let password = Self.randomPassword()
            let hash = try await app.password.async.hash(password)
            let email = Self.email(for: account.role)
            try await store.transaction { tx in
                let user = try await tx.accounts.createUser(
                    email: email, displayName: account.name, role: account.role, organisationID: organisation.id,
                    passwordHash: hash, language: app.relais.config.defaultLanguage)
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .userCreated, resourceType: .user, resourceID: user.id.description,
                        purpose: "demo"))
            }
            printed.append((account.role, email, password))
        }
        try await app.importDemoBoroughs()
        try await app.importDemoResources()
        try await app.importDemoPlaces()
        for programme in app.programmes {
            try await programme.seedDemo(app)
        }
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
        if let agency = try await store.accounts.organisation(named: DemoSeeder.Name.shelter) {
            try await store.directory.link(agency.id, to: DemoSeeder.shelterOrganization, by: nil)
        }
    }
}
