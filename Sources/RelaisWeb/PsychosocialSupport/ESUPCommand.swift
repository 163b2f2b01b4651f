import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais esup team "<organisation>"`: names the organisation whose officers and social workers form the duos;
/// requests go to it.
struct ESUPCommand: AsyncCommandGroup {
    let help = "Run psychosocial emergency support (ÉSUP): name its team."
    var commands: [String: any AnyAsyncCommand] { ["team": ESUPTeamCommand()] }
}

struct ESUPTeamCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "organisation", help: "The team's organisation, by name (relais users lists them).")
        var organisation: String
    }

    let help = "Name the ÉSUP team's organisation."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let organisation = try await app.store.accounts.organisation(named: signature.organisation) else {
            throw CommandFailure(["\(signature.organisation): no such organisation"])
        }
        try await app.store.duos.setTeam(organisation.id)
        try await app.store.audit.append(
            AuditRecord(
                actor: nil, action: .duoFormed, resourceType: .duo, resourceID: organisation.id.description,
                purpose: "team"))
        context.console.print("ÉSUP: \(organisation.name)")
    }
}
