import Fluent

/// 0012 — which directory (HSDS) organization an organisation's staff look after: they may update its services'
/// capacity and hours.
struct LinkResourceOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("resource_organization_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").deleteField("resource_organization_id").update()
    }
}
