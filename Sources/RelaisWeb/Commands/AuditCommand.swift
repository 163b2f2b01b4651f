import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais audit verify [--anchor SEQUENCE:HASH]` checks every link of the audit log's keyed hash chain and that it
/// still holds an anchor copied earlier; `relais audit anchor` prints the chain's head, to copy outside the database.
struct AuditCommand: AsyncCommandGroup {
    let help = "Inspect the audit log."
    var commands: [String: any AnyAsyncCommand] { ["verify": VerifyAuditCommand(), "anchor": AnchorAuditCommand()] }
}

struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(
            name: "anchor",
            help: "SEQUENCE:HASH printed earlier by relais audit anchor: the log must still hold that entry unchanged.")
        var anchor: String?
    }

    let help = "Verify the audit log's hash chain (and an anchor); exits with an error at the first broken link."

    func run(using context: CommandContext, signature: Signature) async throws {
        var anchors: [AuditChain.Anchor] = []
        if let text = signature.anchor {
            guard let anchor = AuditChain.Anchor(text) else {
                throw CommandFailure(["--anchor must be SEQUENCE:HASH as relais audit anchor prints it"])
            }
            anchors.append(anchor)
        }
        try await context.application.autoMigrate()
        let result = try await context.application.store.audit.verify(anchors: anchors)
        if let broken = result.brokenLink {
            let what =
                broken.reason == AuditChain.BrokenLink.Reason.anchorMissing
                ? "the anchored entry \(broken.sequence) is gone or changed: the log was cut short or rewritten"
                : "broken at entry \(broken.sequence): \(broken.reason.rawValue)"
            throw CommandFailure(["Audit log \(what) (\(result.checked) entries before it are intact)."])
        }
        let head = result.head.map { "; head \($0)" } ?? ""
        context.console.print(
            "Audit log intact: \(result.checked) entries verified\(anchors.isEmpty ? "" : ", anchor found")\(head).")
    }
}

struct AnchorAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "Print the audit log's head as SEQUENCE:HASH, after verifying the chain: copy it outside the database."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let result = try await context.application.store.audit.verify()
        if let broken = result.brokenLink {
            throw CommandFailure([
                "Audit log broken at entry \(broken.sequence): \(broken.reason.rawValue); no anchor printed."
            ])
        }
        guard let head = result.head else { throw CommandFailure(["The audit log is empty: nothing to anchor yet."]) }
        context.console.print("relais-audit-anchor \(head)")
    }
}
