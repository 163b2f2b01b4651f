import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais tokens create --email … --name … [--open311]`: a bearer token for scripts, or an Open311 `api_key` for a
/// partner application, printed once.
struct TokensCommand: AsyncCommandGroup {
    let help = "Manage API tokens."
    var commands: [String: any AnyAsyncCommand] { ["create": CreateTokenCommand()] }
}

struct CreateTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account the token acts as.")
        var email: String?
        @Option(name: "name", help: "What the token is for, for example \"nightly export\".")
        var name: String?
        @Option(name: "days", help: "Days until it expires (default 90, 0 for never).")
        var days: Int?
        @Flag(name: "open311", help: "An Open311 api_key for a partner application's account (works nowhere else).")
        var open311: Bool
    }

    let help = "Create an API token for an account; the token is printed once and stored only as a hash."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.store
        let name = signature.name?.trimmingCharacters(in: .whitespaces) ?? ""
        let days = signature.days ?? 90
        var problems: [String] = []
        if name.isEmpty { problems.append("--name is required") }
        if days < 0 { problems.append("--days must be 0 or more") }
        let credentials = try await signature.email.asyncFlatMap { try await store.accounts.credentials(email: $0) }
        if credentials == nil { problems.append("--email must name an existing account") }
        if signature.open311, let role = credentials?.user.role, role != .open311Client {
            problems.append("--open311 needs an account with the open311_client role")
        }
        guard problems.isEmpty, let user = credentials?.user else { throw CommandFailure(problems) }
        let scope: APITokenStore.Scope = signature.open311 ? .open311 : .api
        let expiry = days == 0 ? nil : store.now.addingTimeInterval(Double(days) * 86_400)
        let token = try await store.transaction { tx in
            let created = try await tx.tokens.create(for: user.id, name: name, expiresAt: expiry, scope: scope)
            try await tx.audit.append(
                AuditRecord(
                    actor: user.actor, action: .tokenCreated, resourceType: "api_token",
                    resourceID: created.id.uuidString.lowercased(), purpose: "cli"))
            return created.token
        }
        context.console.print(token)
    }
}
