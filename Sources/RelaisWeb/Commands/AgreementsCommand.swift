import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais agreements list|add|remove`: the information-sharing agreements between organisations. Where one binds two
/// organisations, each programme's team may learn that a person it meets is known to the other's (a count and whom
/// to call, never who); without one, nothing crosses. Each change is audited (as the command line's).
struct AgreementsCommand: AsyncCommandGroup {
    let help = "Keep the information-sharing agreements between organisations."
    var commands: [String: any AnyAsyncCommand] {
        [
            "list": ListAgreementsCommand(), "add": ChangeAgreementCommand(adds: true),
            "remove": ChangeAgreementCommand(adds: false),
        ]
    }
}

struct ListAgreementsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "List the agreements in force."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let names = Dictionary(try await app.store.accounts.organisations().map { ($0.id, $0.name) }) { a, _ in a }
        let day = DateFormatter.day(in: app.relais.config.timeZone)
        for agreement in try await app.store.sharingAgreements.all() {
            context.console.print(
                "\(names[agreement.firstID] ?? "?") — \(names[agreement.secondID] ?? "?"), signed \(day.string(from: agreement.signedOn))"
            )
        }
    }
}

struct ChangeAgreementCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "first", help: "An organisation, by its exact name.")
        var first: String
        @Argument(name: "second", help: "The other organisation, by its exact name.")
        var second: String
        @Option(name: "signed", help: "The day it was signed (YYYY-MM-DD; today if not given).")
        var signed: String?
    }

    let adds: Bool

    var help: String {
        adds
            ? "Record an agreement between two organisations (or its new date)."
            : "End the agreement between two organisations."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.store
        let zone = app.relais.config.timeZone
        var problems: [String] = []
        let first = try await store.accounts.organisation(named: signature.first)
        let second = try await store.accounts.organisation(named: signature.second)
        if first == nil { problems.append("\(signature.first): no such organisation") }
        if second == nil { problems.append("\(signature.second): no such organisation") }
        if let first, first.id == second?.id { problems.append("an agreement binds two different organisations") }
        var signedOn = store.now
        if let text = signature.signed {
            if PersonIdentifiers.isDay(text), let day = DateFormatter.day(in: zone).date(from: text) {
                signedOn = day
            } else {
                problems.append("--signed must be a day, YYYY-MM-DD")
            }
        }
        guard problems.isEmpty, let first, let second else { throw CommandFailure(problems) }
        let adds = adds
        let agreement = SharingAgreement(first.id, second.id, signedOn: signedOn)
        try await store.transaction { tx in
            if adds {
                try await tx.sharingAgreements.save(agreement)
            } else {
                try await tx.sharingAgreements.remove(first.id, second.id)
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: nil, action: .sharingAgreementChanged, resourceType: .sharingAgreement,
                    resourceID: "\(first.id) \(second.id)", purpose: adds ? "add" : "remove", requestID: "cli"))
        }
        context.console.print(
            adds
                ? "\(first.name) and \(second.name) share counts from now."
                : "Nothing crosses between \(first.name) and \(second.name) from now.")
    }
}
