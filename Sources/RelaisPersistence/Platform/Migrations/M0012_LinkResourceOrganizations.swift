import Fluent

/// 0012 — which directory (HSDS) organization an organisation's staff look after: they may update its services'
/// capacity and hours.
struct LinkResourceOrganizations: AsyncMigration {
    /// Frozen: the name recorded in every database this migration ran on (Fluent's default was the type's
    /// module-qualified name; moving the type must not make it run again).
    var name: String { "RelaisPersistence.LinkResourceOrganizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("resource_organization_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").deleteField("resource_organization_id").update()
    }
}
