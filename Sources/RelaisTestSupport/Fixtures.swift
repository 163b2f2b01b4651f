import Foundation
import RelaisCore
import RelaisPersistence
import RelaisWeb
import Vapor

/// A staff account made for a test, with its password.
public struct TestAccount: Sendable {
    public let user: User
    public let password: String
}

extension Application {
    /// Creates an organisation (once per name) and an account with `role` in it; the password is long enough.
    public func makeAccount(
        role: Role, email: String? = nil, organisation: String = "Organisme de test",
        kind: Organisation.Kind = .mobileTeam, language: Language = .french
    ) async throws -> TestAccount {
        let store = self.store
        var owner = try await store.accounts.organisation(named: organisation)
        if owner == nil { owner = try await store.accounts.createOrganisation(name: organisation, kind: kind) }
        let password = "correct horse battery staple"
        let hash = try await self.password.async.hash(password)
        let user = try await store.accounts.createUser(
            email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@test.example",
            displayName: "Test \(role.rawValue)",
            role: role, organisationID: owner!.id, passwordHash: hash, language: language)
        return TestAccount(user: user, password: password)
    }

    /// A bearer token for `user`.
    public func makeToken(for user: User, expiresAt: Date? = nil) async throws -> String {
        try await store.tokens.create(for: user.id, name: "test", expiresAt: expiresAt).token
    }
}

extension Application {
    /// A team of the organisation, available at `position` (when given) with a shift covering now in
    /// `borough`.
    public func makeTeam(
        _ name: String, organisationID: Organisation.ID, members: [User.ID] = [], borough: String? = nil,
        position: GeoPoint? = nil, by user: User.ID
    ) async throws -> MobileTeam {
        let store = self.store
        let team = try await store.teams.create(
            organisationID: organisationID, name: name, vehicle: "Véhicule \(name)", members: members)
        if let borough {
            _ = try await store.teams.addShift(
                teamID: team.id, territoryCode: borough,
                interval: DateInterval(start: store.now.addingTimeInterval(-3600), duration: 12 * 3600))
        }
        _ = try await store.transaction { tx in
            try await tx.dispatch.changeStatus(of: team, to: .available, position: position, by: user)
        }
        return try await store.teams.team(team.id)!
    }
}

extension Application {
    /// The actor `user` is in this deployment.
    public func actor(_ user: User) -> Actor { relais.access.actor(for: user) }
}

/// Runs a command of the `relais` executable on `app`, as `relais <arguments>` would.
public func run(_ command: some AsyncCommand, _ arguments: [String], on app: Application) async throws {
    var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["relais"] + arguments))
    context.application = app
    try await command.run(using: &context)
}
