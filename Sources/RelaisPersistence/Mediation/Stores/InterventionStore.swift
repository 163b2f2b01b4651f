import Foundation
import RelaisCore
import SQLKit

/// Interventions, their parties and services. Identifying details and free text are sealed; the caller audits
/// reads of an intervention that holds identifying details.
public struct InterventionStore: Sendable {
    let store: RelaisStore
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// A service's sealed details, whichever its kind.
    private struct Detail: Codable {
        var partyID: UUID?
        var asked: String?
        var topics: [InformationTopic]?
        var note: String?
        var commitments: [Commitment]?
        var dueBy: Date?
        var address: String?
    }

    /// The intervention on a request, if one was started, its parties' identities and its services' details opened:
    /// the read is audited for `reader` in the same transaction.
    public func read(requestID: ServiceRequest.ID, by reader: Reader) async throws -> Intervention? {
        try await store.audited(.intervention, by: reader, id: { $0.id.description }) { tx in
            try await tx.interventions.intervention(requestID: requestID)
        }
    }

    /// The intervention on a request, unaudited: for the store's own use.
    func intervention(requestID: ServiceRequest.ID) async throws -> Intervention? {
        guard
            let row = try await sql.raw("SELECT * FROM interventions WHERE request_id = \(bind: requestID.rawValue)")
                .first()
        else { return nil }
        return try await intervention(from: row)
    }

    /// Starts the intervention of a request its team is on, or returns the one already started.
    public func start(
        requestID: ServiceRequest.ID, teamID: MobileTeam.ID, organisationID: Organisation.ID, at date: Date
    ) async throws -> Intervention {
        if let found = try await intervention(requestID: requestID) { return found }
        let id = UUID()
        try await store.insert(
            into: "interventions",
            [
                ("id", .uuid(id)), ("request_id", .uuid(requestID.rawValue)), ("team_id", .uuid(teamID.rawValue)),
                ("organisation_id", .uuid(organisationID.rawValue)), ("started_at", .date(date)),
            ])
        return Intervention(
            id: Intervention.ID(id), requestID: requestID, teamID: teamID, organisationID: organisationID,
            startedAt: date, parties: [], services: [], closing: nil)
    }

    /// Adds a party, numbered after the others of its role.
    public func addParty(
        role: PartyRole, identity: PartyIdentity?, to intervention: Intervention
    ) async throws -> InterventionParty {
        let party = InterventionParty(
            id: InterventionParty.ID(UUID()), role: role, number: intervention.nextNumber(for: role),
            identity: identity)
        let sealed = try identity.map {
            store.cipher.seal(String(decoding: try JSONEncoder().encode($0), as: UTF8.self))
        }
        try await store.insert(
            into: "intervention_parties",
            [
                ("id", .uuid(party.id.rawValue)), ("intervention_id", .uuid(intervention.id.rawValue)),
                ("ordinal", .integer(intervention.parties.count + 1)), ("role", .text(role.rawValue)),
                ("number", .integer(party.number)), ("identity_sealed", .text(sealed)),
                ("created_at", .date(store.now)),
            ])
        // Blind indexes only: another programme may learn that a person is known here, never who (PersonStore).
        if let keys = identity?.keys, !keys.isEmpty {
            try await store.persons.index(
                keys, subject: party.id.rawValue, kind: .interventionParty, programme: "mediation",
                organisation: intervention.organisationID)
        }
        return party
    }

    /// Records a service given.
    public func add(_ service: GivenService, to intervention: Intervention, by userID: User.ID) async throws
        -> InterventionService
    {
        let id = UUID()
        let now = store.now
        var detail = Detail()
        var resource: ResourceReference?
        var departedAt: Date?
        var arrivedAt: Date?
        var acknowledgement: ReferralAcknowledgement?
        switch service {
        case .referral(let target, let asked, let partyID, let answer):
            resource = target
            detail.asked = asked
            detail.partyID = partyID?.rawValue
            acknowledgement = answer
        case .escort(let destination, let partyID, let departed, let arrived):
            if case .resource(let target) = destination { resource = target }
            if case .address(let address) = destination { detail.address = address }
            detail.partyID = partyID?.rawValue
            departedAt = departed
            arrivedAt = arrived
        case .information(let topics, let note):
            detail.topics = topics
            detail.note = note
        case .agreement(let commitments, let dueBy):
            detail.commitments = commitments
            detail.dueBy = dueBy
        }
        let sealed = store.cipher.seal(String(decoding: try JSONEncoder().encode(detail), as: UTF8.self))
        try await store.insert(
            into: "intervention_services",
            [
                ("id", .uuid(id)), ("intervention_id", .uuid(intervention.id.rawValue)),
                ("ordinal", .integer(intervention.services.count + 1)), ("kind", .text(service.kind)),
                ("recorded_at", .date(now)), ("recorded_by", .uuid(userID.rawValue)), ("detail_sealed", .text(sealed)),
                ("resource_service_id", .text(resource?.serviceID)), ("resource_name", .text(resource?.name)),
                ("resource_address", .text(resource?.address)), ("departed_at", .date(departedAt)),
                ("arrived_at", .date(arrivedAt)), ("answer", .text(acknowledgement?.recorded.rawValue)),
                ("answer_due_at", .date(acknowledgement?.dueAt)),
            ])
        return InterventionService(id: InterventionService.ID(id), service: service, recordedAt: now)
    }

    /// Records the arrival of the escort under way.
    /// - Throws: ``InterventionConflict/noEscort`` when none is under way any more.
    public func arrive(_ escortID: InterventionService.ID, at date: Date) async throws {
        let rows = try await sql.update("intervention_services").set("arrived_at", to: date)
            .where("id", .equal, escortID.rawValue).where("arrived_at", .is, SQLLiteral.null).returning("id").all()
        guard !rows.isEmpty else { throw InterventionConflict.noEscort }
    }

    /// Closes an open intervention.
    /// - Throws: ``InterventionConflict/closed`` when it was closed in the meantime.
    public func close(_ id: Intervention.ID, with closing: InterventionClosing, by userID: User.ID) async throws {
        let rows = try await sql.update("interventions").set("closed_at", to: closing.closedAt)
            .set("closed_by", to: userID.rawValue).set("outcome", to: closing.outcome.rawValue)
            .set("police_avoided", to: closing.policeAvoided).set("minutes_on_scene", to: closing.minutesOnScene)
            .where("id", .equal, id.rawValue).where("closed_at", .is, SQLLiteral.null).returning("id").all()
        guard !rows.isEmpty else { throw InterventionConflict.closed }
    }

    // MARK: referrals

    /// A referral as its receiving resource's staff see it.
    public struct Referral: Sendable, Equatable {
        public let id: InterventionService.ID
        public let resource: ResourceReference
        public let asked: String?
        public let referredAt: Date
        public let acknowledgement: ReferralAcknowledgement
        /// The mobile team's organisation.
        public let organisationID: Organisation.ID

        /// The same referral with another acknowledgement (once answered).
        public func with(_ acknowledgement: ReferralAcknowledgement) -> Referral {
            Referral(
                id: id, resource: resource, asked: asked, referredAt: referredAt, acknowledgement: acknowledgement,
                organisationID: organisationID)
        }
    }

    /// The referrals to these directory services, newest first, what was asked opened: the listing is audited for
    /// `reader` in the same transaction, when it lists any.
    public func referrals(toServices ids: [String], limit: Int, by reader: Reader) async throws -> [Referral] {
        try await store.audited(.referral, by: reader, id: { $0.count == 1 ? $0[0].id.description : nil }) { tx in
            let found = try await tx.interventions.referrals(toServices: ids, limit: limit)
            return found.isEmpty ? nil : found
        } ?? []
    }

    /// How many referrals to these directory services await their answer (nothing sealed is read).
    public func awaitingReferrals(toServices ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM intervention_services WHERE kind = 'referral' \
            AND answer = \(bind: ReferralAnswer.awaiting.rawValue) AND resource_service_id IN (\(binds: ids))
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A team driving someone to a directory service: which team, since when, and when it arrived (nothing sealed,
    /// nobody named).
    public struct Escort: Sendable, Equatable {
        public let teamName: String
        public let resourceName: String
        public let departedAt: Date
        public let arrivedAt: Date?
    }

    /// The escorts to these directory services that left since `date`, latest first.
    public func escorts(toServices ids: [String], since date: Date) async throws -> [Escort] {
        guard !ids.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT t.name AS team_name, s.resource_name, s.departed_at, s.arrived_at FROM intervention_services s \
            JOIN interventions i ON i.id = s.intervention_id JOIN mobile_teams t ON t.id = i.team_id \
            WHERE s.kind = 'escort' AND s.resource_service_id IN (\(binds: ids)) AND s.departed_at >= \(bind: date) \
            ORDER BY s.departed_at DESC LIMIT 50
            """
        ).all().map { row in
            Escort(
                teamName: try row.decode(column: "team_name", as: String.self),
                resourceName: try row.decode(column: "resource_name", as: String?.self) ?? "",
                departedAt: try row.decode(column: "departed_at", as: Date.self),
                arrivedAt: try row.decode(column: "arrived_at", as: Date?.self))
        }
    }

    /// The directory service a referral was made to, if the id is a referral's (nothing sealed is read).
    public func referralTarget(_ id: InterventionService.ID) async throws -> String? {
        try await sql.raw(
            "SELECT resource_service_id FROM intervention_services WHERE kind = 'referral' AND id = \(bind: id.rawValue)"
        ).first()?.decode(column: "resource_service_id", as: String?.self)
    }

    /// One referral, what was asked opened: the read is audited for `reader` in the same transaction.
    public func referral(_ id: InterventionService.ID, by reader: Reader) async throws -> Referral? {
        try await store.audited(.referral, by: reader, id: { $0.id.description }) { tx in
            try await tx.interventions.referral(id)
        }
    }

    func referrals(toServices ids: [String], limit: Int) async throws -> [Referral] {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.raw(
            """
            SELECT s.*, i.organisation_id FROM intervention_services s JOIN interventions i ON i.id = s.intervention_id
            WHERE s.kind = 'referral' AND s.resource_service_id IN (\(binds: ids))
            ORDER BY s.recorded_at DESC LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map(referral(from:))
    }

    /// One referral, if it is one (unaudited: for the store's own use).
    func referral(_ id: InterventionService.ID) async throws -> Referral? {
        try await sql.raw(
            """
            SELECT s.*, i.organisation_id FROM intervention_services s JOIN interventions i ON i.id = s.intervention_id
            WHERE s.kind = 'referral' AND s.id = \(bind: id.rawValue)
            """
        ).first().map(referral(from:))
    }

    /// Records the resource's answer, if the referral is still awaiting one.
    /// - Throws: ``ReferralConflict`` when another answer came first.
    public func answer(
        _ id: InterventionService.ID, with acknowledgement: ReferralAcknowledgement, by userID: User.ID
    ) async throws {
        let rows = try await sql.update("intervention_services")
            .set("answer", to: acknowledgement.recorded.rawValue).set("answered_at", to: acknowledgement.answeredAt)
            .set("answered_by", to: userID.rawValue).where("id", .equal, id.rawValue)
            .where("answer", .equal, ReferralAnswer.awaiting.rawValue).returning("id").all()
        guard !rows.isEmpty else { throw ReferralConflict() }
    }

    // MARK: reading rows

    private func intervention(from row: any SQLRow) async throws -> Intervention {
        let id = try row.decode(column: "id", as: UUID.self)
        let parties = try await sql.raw(
            "SELECT * FROM intervention_parties WHERE intervention_id = \(bind: id) ORDER BY ordinal"
        ).all().map { party in
            InterventionParty(
                id: InterventionParty.ID(try party.decode(column: "id", as: UUID.self)),
                role: PartyRole(rawValue: try party.decode(column: "role", as: String.self)) ?? .other,
                number: try party.decode(column: "number", as: Int.self),
                identity: try party.decode(column: "identity_sealed", as: String?.self).map {
                    try JSONDecoder().decode(PartyIdentity.self, from: Data(try store.cipher.open($0).utf8))
                })
        }
        let services = try await sql.raw(
            "SELECT * FROM intervention_services WHERE intervention_id = \(bind: id) ORDER BY ordinal"
        ).all().map(service(from:))
        let closedAt = try row.decode(column: "closed_at", as: Date?.self)
        let closing = try closedAt.map { closedAt in
            InterventionClosing(
                outcome: InterventionOutcome(rawValue: try row.decode(column: "outcome", as: String.self))
                    ?? .resolvedOnSite,
                policeAvoided: try row.decode(column: "police_avoided", as: Bool.self),
                minutesOnScene: try row.decode(column: "minutes_on_scene", as: Int.self), closedAt: closedAt)
        }
        return Intervention(
            id: Intervention.ID(id), requestID: ServiceRequest.ID(try row.decode(column: "request_id", as: UUID.self)),
            teamID: MobileTeam.ID(try row.decode(column: "team_id", as: UUID.self)),
            organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
            startedAt: try row.decode(column: "started_at", as: Date.self), parties: parties, services: services,
            closing: closing)
    }

    private func detail(_ row: any SQLRow) throws -> Detail {
        let sealed = try row.decode(column: "detail_sealed", as: String.self)
        return try JSONDecoder().decode(Detail.self, from: Data(try store.cipher.open(sealed).utf8))
    }

    private func resource(_ row: any SQLRow) throws -> ResourceReference? {
        guard let id = try row.decode(column: "resource_service_id", as: String?.self) else { return nil }
        return ResourceReference(
            serviceID: id, name: try row.decode(column: "resource_name", as: String?.self) ?? "",
            address: try row.decode(column: "resource_address", as: String?.self))
    }

    private func acknowledgement(_ row: any SQLRow) throws -> ReferralAcknowledgement {
        ReferralAcknowledgement(
            recorded: ReferralAnswer(rawValue: try row.decode(column: "answer", as: String?.self) ?? "")
                ?? .notTracked,
            dueAt: try row.decode(column: "answer_due_at", as: Date?.self),
            answeredAt: try row.decode(column: "answered_at", as: Date?.self))
    }

    private func service(from row: any SQLRow) throws -> InterventionService {
        let detail = try detail(row)
        let partyID = detail.partyID.map(InterventionParty.ID.init)
        let resource = try resource(row)
        let service: GivenService =
            switch try row.decode(column: "kind", as: String.self) {
            case "referral":
                .referral(
                    resource: resource ?? ResourceReference(serviceID: "", name: "", address: nil),
                    asked: detail.asked, partyID: partyID, acknowledgement: try acknowledgement(row))
            case "escort":
                .escort(
                    destination: resource.map(EscortDestination.resource) ?? .address(detail.address ?? ""),
                    partyID: partyID, departedAt: try row.decode(column: "departed_at", as: Date.self),
                    arrivedAt: try row.decode(column: "arrived_at", as: Date?.self))
            case "information": .information(topics: detail.topics ?? [], note: detail.note)
            default: .agreement(commitments: detail.commitments ?? [], dueBy: detail.dueBy)
            }
        return InterventionService(
            id: InterventionService.ID(try row.decode(column: "id", as: UUID.self)), service: service,
            recordedAt: try row.decode(column: "recorded_at", as: Date.self))
    }

    private func referral(from row: any SQLRow) throws -> Referral {
        Referral(
            id: InterventionService.ID(try row.decode(column: "id", as: UUID.self)),
            resource: try resource(row) ?? ResourceReference(serviceID: "", name: "", address: nil),
            asked: try detail(row).asked, referredAt: try row.decode(column: "recorded_at", as: Date.self),
            acknowledgement: try acknowledgement(row),
            organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)))
    }
}
