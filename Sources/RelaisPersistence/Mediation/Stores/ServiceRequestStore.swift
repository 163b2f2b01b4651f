import Fluent
import Foundation
import RelaisCore
import SQLKit

/// Requests to the mobile mediation team.
public struct ServiceRequestStore: Sendable {
    let store: RelaisStore
    private var database: any Database { store.database }

    /// A retried submission: the request it already made, and whether the retry sent the same form.
    public struct Replay: Sendable, Equatable {
        public let id: ServiceRequest.ID
        public let sameForm: Bool
    }

    /// A triaged request ready to be written: its row built and its identifying fields sealed, before the write
    /// turn (sealing is most of the work, and writes take turns).
    public struct NewRequest: Sendable {
        fileprivate let columns: [(name: String, value: ColumnValue)]
        /// The request as it will read once written.
        public let request: ServiceRequest
    }

    private typealias Column = ServiceRequestRecord.Column

    /// Builds the row of a triaged request, sealing its caller, address, description and override reason.
    /// - Parameter idempotency: the client's key and the form's fingerprint, when the client sent a key.
    public func prepare(
        _ intake: ValidIntake, territory: TerritoryIndex.Match?, triaged: TriageOutcome,
        organisationID: Organisation.ID, createdBy: User.ID, idempotency: (key: String, fingerprint: String)?
    ) -> NewRequest {
        // One INSERT with explicit columns and typed binds: Fluent's model reflection costs more than the write
        // itself on this, the busiest path (docs/PERFORMANCE.md).
        let id = UUID()
        let outcome = intake.override?.outcome ?? triaged
        let now = store.now
        let callerSealed = intake.caller.map { store.cipher.seal($0.jsonText) }
        let columns: [(name: String, value: ColumnValue)] = [
            (Column.id, .uuid(id)), (Column.organisationID, .uuid(organisationID.rawValue)),
            (Column.source, .text(intake.source.rawValue)),
            (
                Column.policeEventNumberSealed, .text(intake.policeEventNumber.map { store.cipher.seal($0) })
            ),
            (Column.callerSealed, .text(callerSealed)),
            (Column.addressSealed, .text(store.cipher.seal(intake.address))),
            (Column.latitude, .real(intake.point.latitude)), (Column.longitude, .real(intake.point.longitude)),
            (Column.territoryCode, .text(territory?.code)), (Column.territoryName, .text(territory?.name)),
            (Column.territoryServed, .boolean(territory?.served ?? false)), (Column.situation, .text(intake.situation)),
            (Column.descriptionSealed, .text(store.cipher.seal(intake.description))),
            (Column.peopleCount, .integer(intake.peopleCount)),
            (Column.vulnerabilities, .text(intake.vulnerabilities.sorted().joined(separator: ","))),
            (Column.dangerToLife, .boolean(intake.screening.immediateDangerToLife)),
            (Column.weapon, .boolean(intake.screening.weapon)),
            (Column.crimeInProgress, .boolean(intake.screening.crimeInProgress)),
            (Column.medicalEmergency, .boolean(intake.screening.medicalEmergency)),
            (Column.triagedOutcome, .text(triaged.code)),
            (Column.triagedPriority, .integer(triaged.priority?.rawValue)),
            (Column.outcome, .text(outcome.code)), (Column.priority, .integer(outcome.priority?.rawValue)),
            (Column.overrideReasonSealed, .text(intake.override.map { store.cipher.seal($0.reason) })),
            (Column.receivedAt, .date(now)), (Column.createdBy, .uuid(createdBy.rawValue)),
            (Column.idempotencyKey, .text(idempotency?.key)),
            (Column.idempotencyFingerprint, .text(idempotency?.fingerprint)),
        ]
        return NewRequest(
            columns: columns,
            request: ServiceRequest(
                id: ServiceRequest.ID(id), organisationID: organisationID, intake: intake, territory: territory,
                triaged: triaged, outcome: outcome, createdBy: createdBy, teamID: nil,
                timeline: ResponseTimeline(receivedAt: now)))
    }

    /// Records a prepared request.
    /// - Throws: ``StoreError/duplicate(field:)`` for `idempotency_key` when another write took the key first.
    public func create(_ new: NewRequest) async throws -> ServiceRequest {
        do {
            try await store.insert(into: "service_requests", new.columns)
        } catch  where error.isConstraintFailure {
            throw StoreError.duplicate(field: "idempotency_key")
        }
        return new.request
    }

    /// The request a user already made with this idempotency key, if any.
    public func replay(key: String, createdBy: User.ID, fingerprint: String) async throws -> Replay? {
        try await ServiceRequestRecord.query(on: database)
            .filter(\.$createdBy == createdBy.rawValue).filter(\.$idempotencyKey == key).first()
            .map { Replay(id: ServiceRequest.ID($0.id!), sameForm: $0.idempotencyFingerprint == fingerprint) }
    }

    /// Sends a request elsewhere after a team saw it (the team found that the police are needed); its timeline stays.
    public func reroute(_ id: ServiceRequest.ID, to outcome: TriageOutcome) async throws {
        try await ServiceRequestRecord.query(on: database).filter(\.$id == id.rawValue)
            .set(\.$outcome, to: outcome.code).set(\.$priority, to: outcome.priority?.rawValue).update()
    }

    /// One request with its sealed fields opened (caller, police event number, address, description, override
    /// reason), its read audited for `reader` in the same transaction.
    public func read(_ id: ServiceRequest.ID, by reader: Reader) async throws -> ServiceRequest? {
        try await store.audited(.serviceRequest, by: reader, id: { $0.id.description }) { tx in
            try await tx.serviceRequests.unsealed(id)
        }
    }

    /// One request without its sealed fields: where it stands, whose it is, who submitted it (nothing to audit).
    public func summary(_ id: ServiceRequest.ID) async throws -> ServiceRequestSummary? {
        try await ServiceRequestRecord.find(id.rawValue, on: database).map(Self.summary(from:))
    }

    /// One request with its sealed fields opened, unaudited: for the stores' own use (and tests) only.
    func unsealed(_ id: ServiceRequest.ID) async throws -> ServiceRequest? {
        try await ServiceRequestRecord.find(id.rawValue, on: database).map(request(from:))
    }

    public func count() async throws -> Int {
        try await ServiceRequestRecord.query(on: database).count()
    }

    /// The organisation's queued requests not yet cleared, oldest first, without their sealed fields.
    public func open(organisationID: Organisation.ID) async throws -> [ServiceRequestSummary] {
        try await ServiceRequestRecord.query(on: database)
            .filter(\.$organisationID == organisationID.rawValue).filter(\.$outcome == "queued")
            .filter(\.$clearedAt == nil).sort(\.$receivedAt).all().map(Self.summary(from:))
    }

    /// What Open311 clients may see of requests from a source: the given ids, or those received in `period`
    /// (newest first), without their sealed fields.
    public func summaries(
        source: RequestSource, ids: [ServiceRequest.ID]?, situations: [String]?, period: DateInterval, limit: Int
    ) async throws -> [ServiceRequestSummary] {
        var query = ServiceRequestRecord.query(on: database).filter(\.$source == source.rawValue)
        if let ids {
            query = query.filter(\.$id ~~ ids.map(\.rawValue))
        } else {
            query = query.filter(\.$receivedAt >= period.start).filter(\.$receivedAt <= period.end)
            if let situations { query = query.filter(\.$situation ~~ situations) }
        }
        return try await query.sort(\.$receivedAt, .descending).limit(limit).all().map(Self.summary(from:))
    }

    private static func summary(from record: ServiceRequestRecord) throws -> ServiceRequestSummary {
        ServiceRequestSummary(
            id: ServiceRequest.ID(record.id!), organisationID: Organisation.ID(record.organisationID),
            createdBy: User.ID(record.createdBy), situation: record.situation,
            outcome: TriageOutcome(code: record.outcome, priority: record.priority.flatMap(Priority.init(rawValue:)))
                ?? .outOfTerritory,
            territoryCode: record.territoryCode, territoryName: record.territoryName,
            territoryServed: record.territoryServed,
            point: try GeoPoint(latitude: record.latitude, longitude: record.longitude),
            peopleCount: record.peopleCount, teamID: record.teamID.map(MobileTeam.ID.init),
            timeline: ResponseTimeline(
                receivedAt: record.receivedAt, dispatchedAt: record.dispatchedAt, enRouteAt: record.enRouteAt,
                onSceneAt: record.onSceneAt, clearedAt: record.clearedAt))
    }

    /// The timelines of requests received since `date` that were queued for a team (including those a team later
    /// re-routed), of one organisation or all (for statistics; nothing identifying is read).
    public func timelines(organisationID: Organisation.ID?, since date: Date) async throws -> [TimedRequest] {
        var query = ServiceRequestRecord.query(on: database)
            .group(.or) { $0.filter(\.$outcome == "queued").filter(\.$dispatchedAt != nil) }
            .filter(\.$receivedAt >= date)
        if let organisationID { query = query.filter(\.$organisationID == organisationID.rawValue) }
        return try await query.field(\.$id).field(\.$territoryCode).field(\.$receivedAt).field(\.$dispatchedAt)
            .field(\.$onSceneAt).field(\.$clearedAt).all()
            .map { record in
                TimedRequest(
                    territoryCode: record.territoryCode,
                    timeline: ResponseTimeline(
                        receivedAt: record.receivedAt, dispatchedAt: record.dispatchedAt,
                        onSceneAt: record.onSceneAt, clearedAt: record.clearedAt))
            }
    }

    func request(from record: ServiceRequestRecord) throws -> ServiceRequest {
        let caller = try record.callerSealed.map {
            try JSONDecoder().decode(CallerContact.self, from: Data(try store.cipher.open($0).utf8))
        }
        let territory = record.territoryCode.map {
            TerritoryIndex.Match(
                level: .borough, code: $0, name: record.territoryName ?? $0, served: record.territoryServed)
        }
        let override = try record.overrideReasonSealed.flatMap { sealed -> TriageOverride? in
            guard let outcome = TriageOutcome(code: record.outcome, priority: record.priority.flatMap(Priority.init))
            else { return nil }
            return try TriageOverride(outcome: outcome, reason: try store.cipher.open(sealed))
        }
        let intake = ValidIntake(
            source: RequestSource(rawValue: record.source) ?? .resident,
            policeEventNumber: try record.policeEventNumberSealed.map { try store.cipher.open($0) },
            caller: caller, address: try store.cipher.open(record.addressSealed),
            point: try GeoPoint(latitude: record.latitude, longitude: record.longitude), situation: record.situation,
            description: try store.cipher.open(record.descriptionSealed), peopleCount: record.peopleCount,
            vulnerabilities: Set(record.vulnerabilities.split(separator: ",").map(String.init)),
            screening: SafetyScreening(
                immediateDangerToLife: record.dangerToLife, weapon: record.weapon,
                crimeInProgress: record.crimeInProgress, medicalEmergency: record.medicalEmergency),
            override: override)
        func outcome(_ code: String, _ priority: Int?) -> TriageOutcome {
            TriageOutcome(code: code, priority: priority.flatMap(Priority.init(rawValue:))) ?? .outOfTerritory
        }
        return ServiceRequest(
            id: ServiceRequest.ID(record.id!), organisationID: Organisation.ID(record.organisationID), intake: intake,
            territory: territory, triaged: outcome(record.triagedOutcome, record.triagedPriority),
            outcome: outcome(record.outcome, record.priority), createdBy: User.ID(record.createdBy),
            teamID: record.teamID.map(MobileTeam.ID.init),
            timeline: ResponseTimeline(
                receivedAt: record.receivedAt, dispatchedAt: record.dispatchedAt, enRouteAt: record.enRouteAt,
                onSceneAt: record.onSceneAt, clearedAt: record.clearedAt))
    }
}

/// What the live board shows of a queued request: nothing that identifies anyone (no caller, address or
/// description), so that the board can be open on a screen without each refresh being a read of personal data.
public struct ServiceRequestSummary: Sendable, Equatable {
    public let id: ServiceRequest.ID
    /// The mobile team's organisation, which owns it.
    public let organisationID: Organisation.ID
    /// Who submitted it.
    public let createdBy: User.ID
    public let situation: String
    /// Where it went at intake (with the override, if any).
    public let outcome: TriageOutcome
    public let territoryCode: String?
    public let territoryName: String?
    public let territoryServed: Bool
    public let point: GeoPoint
    public let peopleCount: Int
    public let teamID: MobileTeam.ID?
    public let timeline: ResponseTimeline

    /// The priority, when queued.
    public var priority: Priority { outcome.priority ?? .normal }

    /// Where the request stands.
    public var status: RequestStatus { outcome.isQueued ? timeline.status : .redirected }

    /// The borough it fell in at intake, if any.
    public var territory: TerritoryIndex.Match? {
        territoryCode.map { .init(level: .borough, code: $0, name: territoryName ?? $0, served: territoryServed) }
    }
}
