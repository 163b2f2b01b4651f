import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais tokens create --email … --name … [--open311]`: a bearer token for scripts, or an Open311 `api_key` for a
/// partner application, printed once. `relais tokens list --email …` shows an account's tokens (never the tokens
/// themselves); `relais tokens revoke ID` stops one.
struct TokensCommand: AsyncCommandGroup {
    let help = "Manage API tokens."
    var commands: [String: any AnyAsyncCommand] {
        ["create": CreateTokenCommand(), "list": ListTokensCommand(), "revoke": RevokeTokenCommand()]
    }
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
        if !(0...3650).contains(days) { problems.append("--days must be from 0 to 3650") }
        let credentials = try await signature.email.asyncFlatMap { try await store.accounts.credentials(email: $0) }
        if credentials == nil { problems.append("--email must name an existing account") }
        if signature.open311, let user = credentials?.user, user.memberships.map(\.role) != [.open311Client] {
            problems.append("--open311 needs an account with the open311_client role")
        }
        if !signature.open311, let user = credentials?.user, !user.signsIn {
            problems.append("an open311_client account uses Open311 only: add --open311")
        }
        guard problems.isEmpty, let user = credentials?.user else { throw CommandFailure(problems) }
        let scope: APITokenStore.Scope = signature.open311 ? .open311 : .api
        let expiry = days == 0 ? nil : store.now.addingTimeInterval(Double(days) * 86_400)
        let token = try await store.transaction { tx in
            let created = try await tx.tokens.create(for: user.id, name: name, expiresAt: expiry, scope: scope)
            try await tx.audit.append(
                AuditRecord(
                    actor: app.relais.access.actor(for: user), action: .tokenCreated, resourceType: .apiToken,
                    resourceID: created.id.uuidString.lowercased(), purpose: "cli"))
            return created.token
        }
        context.console.print(token)
    }
}

struct ListTokensCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account whose tokens to list.")
        var email: String?
    }

    let help = "List an account's API tokens, newest first: id, name, scope, created, expires, revoked."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.store
        guard
            let user = try await signature.email.asyncFlatMap({ try await store.accounts.credentials(email: $0) })?.user
        else { throw CommandFailure(["--email must name an existing account"]) }
        for token in try await store.tokens.tokens(of: user.id) {
            context.console.print(Self.line(token))
        }
    }

    /// One token on one line, its fields separated by tabs; `-` for a date it does not have.
    static func line(_ token: APITokenStore.Summary) -> String {
        let instant = { (date: Date?) in date.map { $0.formatted(.iso8601) } ?? "-" }
        return [
            token.id.uuidString.lowercased(), token.name, token.scope?.rawValue ?? "-", instant(token.createdAt),
            instant(token.expiresAt), token.revokedAt.map { "revoked \(instant($0))" } ?? "active",
        ].joined(separator: "\t")
    }
}

struct RevokeTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The token's id, as `relais tokens list` shows it.")
        var id: String
    }

    let help = "Revoke an API token: it opens nothing from now on (other running instances within 5 seconds)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let id = UUID(uuidString: signature.id.trimmed) else {
            throw CommandFailure(["the id must be a token's id, as `relais tokens list --email …` shows it"])
        }
        let store = app.store
        let revoked = try await store.transaction { tx -> APITokenStore.Summary? in
            guard let token = try await tx.tokens.revoke(id) else { return nil }
            let owner = try await tx.accounts.user(token.userID)
            try await tx.audit.append(
                AuditRecord(
                    actor: owner.map(app.relais.access.actor(for:)), action: .tokenRevoked, resourceType: .apiToken,
                    resourceID: id.uuidString.lowercased(), purpose: "cli"))
            return token
        }
        guard let revoked else { throw CommandFailure(["no token has the id \(signature.id)"]) }
        context.console.print(ListTokensCommand.line(revoked))
    }
}
