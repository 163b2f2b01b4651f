import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais users create --email … --name … --role … --organisation …` (password read from standard input), and
/// `relais users grant|withdraw --email … --role … --organisation …` for the roles a person holds.
struct UsersCommand: AsyncCommandGroup {
    let help = "Manage staff accounts and the roles they hold."
    var commands: [String: any AnyAsyncCommand] {
        [
            "create": CreateUserCommand(),
            "grant": MembershipCommand(change: .grant),
            "withdraw": MembershipCommand(change: .withdraw),
        ]
    }
}

/// Where a command reads a secret from: standard input, one line (tests pass their own).
typealias SecretReader = @Sendable () -> String?

struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The e-mail address used to sign in.")
        var email: String?
        @Option(name: "name", help: "The name shown to colleagues.")
        var name: String?
        @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String?
        @Option(name: "organisation", help: "The organisation's exact name.")
        var organisation: String?
        @Option(name: "language", help: "fr or en (default: the deployment's, RELAIS_LANGUAGE).")
        var language: String?
    }

    let help = "Create a staff account; the password is read from standard input (at least 12 characters)."
    var readPassword: SecretReader = { readLine(strippingNewline: true) }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.store
        var problems: [String] = []
        let email = signature.email?.trimmingCharacters(in: .whitespaces) ?? ""
        if !email.contains("@") { problems.append("--email: an e-mail address is required") }
        let name = signature.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { problems.append("--name is required") }
        let role = signature.role.flatMap(Role.init(rawValue:))
        if role == nil {
            problems.append("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let organisation = try await signature.organisation.asyncFlatMap {
            try await store.accounts.organisation(named: $0)
        }
        if organisation == nil {
            let known = try await store.accounts.organisations().map(\.name)
            problems.append(
                known.isEmpty
                    ? "--organisation: no organisation exists yet (create one with POST /api/v1/organisations)"
                    : "--organisation must name an existing organisation: \(known.joined(separator: "; "))")
        }
        let language =
            signature.language.map { Language(code: $0) } ?? context.application.relais.config.defaultLanguage
        if language == nil { problems.append("--language must be fr or en") }
        guard problems.isEmpty, let role, let organisation, let language else {
            throw CommandFailure(problems)
        }
        let password = readPassword() ?? ""
        do {
            try PasswordPolicy.check(password, email: email)
        } catch {
            throw CommandFailure([app.relais.catalogue.text(error.messageKey, .english)])
        }
        let hash = try await app.password.async.hash(password)
        let user = try await store.transaction { tx in
            let user = try await tx.accounts.createUser(
                email: email, displayName: name, role: role, organisationID: organisation.id, passwordHash: hash,
                language: language)
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .userCreated, resourceType: .user, resourceID: user.id.description,
                    purpose: "cli"))
            return user
        }
        context.console.print("Created \(role.rawValue) account \(user.id) in \(organisation.name).")
    }
}

/// A command refused its input; each problem is printed on its own line and nothing was written.
struct CommandFailure: Error, CustomStringConvertible {
    let problems: [String]

    init(_ problems: [String]) {
        self.problems = problems
    }

    var description: String { problems.joined(separator: "\n") }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
