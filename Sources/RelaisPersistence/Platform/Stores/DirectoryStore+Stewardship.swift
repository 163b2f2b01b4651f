import Fluent
import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import SQLKit

/// Which organisation looks after a service, and what its staff change: capacity, hours.
extension DirectoryStore {

    /// Whether a service exists, and which organisation's staff look after it (through its HSDS organization).
    public func steward(ofService id: String) async throws -> (exists: Bool, owner: Organisation.ID?) {
        guard let target = try await target(ofService: id) else { return (false, nil) }
        return (true, target.steward)
    }

    /// A service as a referral or an escort names it.
    public struct Target: Sendable, Equatable {
        public let reference: ResourceReference
        /// The HSDS status: only `active` services take referrals.
        public let status: String
        /// The organisation whose staff look after it, if any.
        public let steward: Organisation.ID?
    }

    /// The service with this id as a referral names it, nil when unknown.
    public func target(ofService id: String) async throws -> Target? {
        guard
            let row = try await sql.raw(
                """
                SELECT s.name, s.status, s.address, o.id AS owner FROM resource_services s
                LEFT JOIN organisations o ON o.resource_organization_id = s.organization_id WHERE s.id = \(bind: id)
                """
            ).first()
        else { return nil }
        return Target(
            reference: ResourceReference(
                serviceID: id, name: try row.decode(column: "name", as: String.self),
                address: try row.decode(column: "address", as: String?.self)),
            status: try row.decode(column: "status", as: String.self),
            steward: try row.decode(column: "owner", as: UUID?.self).map(Organisation.ID.init))
    }

    /// A service an organisation's staff look after, with its current capacity.
    public struct StewardedService: Sendable, Equatable {
        public let id: String
        public let name: String
        public let status: String
        public let capacityAvailable: Int?
        public let capacityTotal: Int?
        public let capacityUpdatedAt: Date?
    }

    /// The services an organisation's staff look after, by name.
    public func services(stewardedBy organisation: Organisation.ID) async throws -> [StewardedService] {
        try await sql.raw(
            """
            SELECT s.id, s.name, s.status, s.capacity_available, s.capacity_total, s.capacity_updated_at
            FROM resource_services s JOIN organisations o ON o.resource_organization_id = s.organization_id
            WHERE o.id = \(bind: organisation.rawValue) ORDER BY s.name
            """
        ).all().map { row in
            StewardedService(
                id: try row.decode(column: "id", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                status: try row.decode(column: "status", as: String.self),
                capacityAvailable: try row.decode(column: "capacity_available", as: Int?.self),
                capacityTotal: try row.decode(column: "capacity_total", as: Int?.self),
                capacityUpdatedAt: try row.decode(column: "capacity_updated_at", as: Date?.self))
        }
    }

    /// Makes an organisation's staff the stewards of a directory organization's services (nil: of none).
    public func link(_ organisation: Organisation.ID, to resourceOrganizationID: String?, by actor: Actor?) async throws
    {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            try await sql.raw(
                """
                UPDATE organisations SET resource_organization_id = \(bind: resourceOrganizationID)
                WHERE id = \(bind: organisation.rawValue)
                """
            ).run()
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceOrganizationLinked, resourceType: .organisation,
                    resourceID: organisation.description, purpose: resourceOrganizationID))
        }
    }

    /// Records how many places a service has free, when and by whom, and audits it.
    public func setCapacity(_ capacity: ResourceCapacity, ofService id: String, by actor: Actor) async throws {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            try await sql.raw(
                """
                UPDATE resource_services SET capacity_available = \(bind: capacity.available),
                capacity_total = \(bind: capacity.total), capacity_updated_at = \(bind: transaction.now),
                capacity_updated_by = \(bind: actor.userID.description) WHERE id = \(bind: id)
                """
            ).run()
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceCapacityChanged, resourceType: .resourceService, resourceID: id,
                    purpose: "\(capacity.available)/\(capacity.total.map(String.init) ?? "?")"))
        }
    }

    /// Replaces a service's own weekly hours in its HSDS document, updates search, and audits it.
    public func setHours(_ update: HoursUpdate, ofService id: String, by actor: Actor) async throws {
        try await store.transaction { transaction in
            let sql = try DirectoryStore(store: transaction).sql
            guard
                let row = try await sql.raw(
                    "SELECT document FROM resource_service_documents WHERE service_id = \(bind: id)"
                ).first(),
                case .object(var document) = try Self.json(row)
            else { return }
            document["schedules"] = .array(
                update.schedules.map { schedule in
                    var members = schedule.object ?? [:]
                    if members["id"]?.text == nil { members["id"] = .string(UUID().uuidString.lowercased()) }
                    members["service_id"] = .string(id)
                    return .object(members)
                })
            try await sql.raw(
                """
                UPDATE resource_service_documents SET document = \(bind: Self.text(.object(document)))
                WHERE service_id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                "UPDATE resource_services SET updated_at = \(bind: transaction.now) WHERE id = \(bind: id)"
            )
            .run()
            // Search follows every schedule of the document: the new ones and those listed at its locations.
            var ignored: [HSDSProblem] = []
            let hours = OpeningHours(
                schedules: HSDSReader.allSchedules(of: .object(document)), path: "schedules", problems: &ignored)
            try await sql.raw("DELETE FROM resource_service_hours WHERE service_id = \(bind: id)").run()
            try await DirectoryStore(store: transaction).insert(
                sql, "resource_service_hours", ["service_id", "start_minute", "end_minute", "valid_from", "valid_to"],
                hours.intervals.map { [id, $0.start, $0.end, $0.validFrom, $0.validTo] })
            _ = try await transaction.audit.append(
                AuditRecord(
                    actor: actor, action: .resourceHoursChanged, resourceType: .resourceService, resourceID: id))
        }
    }
}
