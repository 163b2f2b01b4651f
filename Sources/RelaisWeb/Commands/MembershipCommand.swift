import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais users grant|withdraw --email … --role … --organisation …`: gives a person a role in an organisation, or
/// takes it back. Each change is audited (as the command line's).
struct MembershipCommand: AsyncCommand {
    enum Change {
        case grant
        case withdraw
    }

    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account's e-mail address.")
        var email: String?
        @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String?
        @Option(name: "organisation", help: "The organisation's exact name.")
        var organisation: String?
    }

    let change: Change

    var help: String {
        switch change {
        case .grant: "Give a person a role in an organisation (they keep their other roles)."
        case .withdraw: "Take a role in an organisation from a person (an account keeps at least one)."
        }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.store
        var problems: [String] = []
        let user = try await signature.email.asyncFlatMap { try await store.accounts.credentials(email: $0)?.user }
        if user == nil { problems.append("--email must name an existing account") }
        let role = signature.role.flatMap(Role.init(rawValue:))
        if role == nil {
            problems.append("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let organisation = try await signature.organisation.asyncFlatMap {
            try await store.accounts.organisation(named: $0)
        }
        if organisation == nil { problems.append("--organisation must name an existing organisation") }
        guard problems.isEmpty, let user, let role, let organisation else { throw CommandFailure(problems) }
        let membership = Membership(role, in: organisation.id)
        do {
            switch change {
            case .grant: try await store.accounts.grant(membership, to: user.id, by: nil, requestID: "cli")
            case .withdraw: try await store.accounts.withdraw(membership, from: user.id, by: nil, requestID: "cli")
            }
        } catch let refusal as MembershipRefusal {
            throw CommandFailure([app.relais.catalogue.text(refusal.messageKey, .english)])
        }
        let done = change == .grant ? "now holds" : "no longer holds"
        context.console.print("\(user.email) \(done) the \(role.rawValue) role in \(organisation.name).")
    }
}
