import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `relais backup record [--note TEXT]`: the operator records that a backup was made (after `pg_dump`, or a copy of
/// the SQLite file and the key); the administrator's home shows the latest. Relais does not make the backup itself.
struct BackupCommand: AsyncCommandGroup {
    let help = "Record that a backup of the database (and its key) was made."
    var commands: [String: any AnyAsyncCommand] { ["record": RecordBackupCommand()] }
}

struct RecordBackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "note", help: "Where or how, e.g. \"pg_dump to the offsite bucket\" (200 characters at most).")
        var note: String?
    }

    let help = "Record that a backup was made now (an audit entry the administrator's home shows)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let note = (signature.note ?? "").trimmed
        guard note.count <= 200 else { throw CommandFailure(["--note is longer than 200 characters"]) }
        let entry = try await app.store.transaction { tx in
            try await tx.audit.append(
                AuditRecord(actor: nil, action: .backupRecorded, purpose: note.isEmpty ? "cli" : note))
        }
        context.console.print("Backup recorded at \(entry.occurredAt) (audit entry \(entry.sequence)).")
    }
}
