import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais audit verify`: checks every link of the audit log's hash chain and reports the first broken one.
struct AuditCommand: AsyncCommandGroup {
    let help = "Inspect the audit log."
    var commands: [String: any AnyAsyncCommand] { ["verify": VerifyAuditCommand()] }
}

struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    let help = "Verify the audit log's hash chain; exits with an error at the first broken link."

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let result = try await context.application.store.audit.verify()
        if let broken = result.brokenLink {
            throw CommandFailure([
                "Audit log broken at entry \(broken.sequence): \(broken.reason.rawValue) "
                    + "(\(result.checked) entries before it are intact)."
            ])
        }
        context.console.print("Audit log intact: \(result.checked) entries verified.")
    }
}
