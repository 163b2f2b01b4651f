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

    /// One request with its sealed fields opened and its notes, unaudited: for the stores' own use (and tests) only.
    func unsealed(_ id: ServiceRequest.ID) async throws -> ServiceRequest? {
        guard let record = try await ServiceRequestRecord.find(id.rawValue, on: database) else { return nil }
        return try request(from: record, notes: try await notes(of: id))
    }

    /// Closes a waiting request without a team's work; in the caller's transaction, from the status it was read at.
    /// - Throws: ``RequestClosureRefusal/notWaiting`` when it was assigned, cleared or closed meanwhile.
    public func close(_ id: ServiceRequest.ID, _ closure: RequestClosure) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let rows = try await sql.raw(
            """
            UPDATE service_requests SET closure_kind = \(bind: closure.kind.rawValue), \
            closure_reason_sealed = \(bind: store.cipher.seal(closure.reason)), \
            duplicate_of = \(bind: closure.duplicateOf?.rawValue), cleared_at = \(bind: store.now) \
            WHERE id = \(bind: id.rawValue) AND closure_kind IS NULL AND team_id IS NULL AND cleared_at IS NULL \
            AND outcome = 'queued' RETURNING id
            """
        ).all()
        guard !rows.isEmpty else { throw RequestClosureRefusal.notWaiting }
    }

    /// The organisation's request whose id starts with `prefix` (lower-case hexadecimal and dashes), if exactly one.
    public func find(prefix: String, organisationID: Organisation.ID) async throws -> ServiceRequest.ID? {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        let column: SQLQueryString = store.engine == .postgres ? "CAST(id AS TEXT)" : "lower(id)"
        let rows = try await sql.raw(
            """
            SELECT id FROM service_requests WHERE organisation_id = \(bind: organisationID.rawValue) \
            AND \(column) LIKE \(bind: prefix + "%") LIMIT 2
            """
        ).all()
        guard rows.count == 1 else { return nil }
        return ServiceRequest.ID(try rows[0].decode(column: "id", as: UUID.self))
    }

    /// Adds a note (sealed) to a request; in the caller's transaction.
    public func addNote(_ note: RequestNote, to id: ServiceRequest.ID) async throws {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        try await sql.raw(
            """
            INSERT INTO request_notes (id, request_id, kind, text_sealed, created_at, created_by) VALUES \
            (\(bind: UUID()), \(bind: id.rawValue), \(bind: note.kind.rawValue), \(bind: store.cipher.seal(note.text)), \
            \(bind: note.at), \(bind: note.by?.rawValue))
            """
        ).run()
    }

    private func notes(of id: ServiceRequest.ID) async throws -> [RequestNote] {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        return try await sql.raw(
            """
            SELECT kind, text_sealed, created_at, created_by FROM request_notes WHERE request_id = \(bind: id.rawValue) \
            ORDER BY created_at
            """
        ).all().map { row in
            RequestNote(
                kind: RequestNote.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .note,
                text: try store.cipher.open(try row.decode(column: "text_sealed", as: String.self)),
                at: try row.decode(column: "created_at", as: Date.self),
                by: try row.decode(column: "created_by", as: UUID?.self).map(User.ID.init))
        }
    }

    /// What a list of requests may ask for: open or closed, received between two dates, in a borough, of a
    /// situation, status or source.
    public struct Filter: Sendable, Equatable {
        public var open: Bool?
        public var from: Date?
        public var to: Date?
        public var territoryCode: String?
        public var situation: String?
        public var status: RequestStatus?
        public var source: RequestSource?

        public init() {}
    }

    /// The organisation's requests matching `filter`, newest first, without their sealed fields (nothing to audit).
    public func list(organisationID: Organisation.ID, _ filter: Filter, limit: Int, offset: Int) async throws
        -> [ServiceRequestSummary]
    {
        var query = ServiceRequestRecord.query(on: database).filter(\.$organisationID == organisationID.rawValue)
        if let open = filter.open {
            query =
                open
                ? query.filter(\.$outcome == "queued").filter(\.$clearedAt == nil)
                : query.group(.or) { $0.filter(\.$outcome != "queued").filter(\.$clearedAt != nil) }
        }
        if let from = filter.from { query = query.filter(\.$receivedAt >= from) }
        if let to = filter.to { query = query.filter(\.$receivedAt < to) }
        if let code = filter.territoryCode { query = query.filter(\.$territoryCode == code) }
        if let situation = filter.situation { query = query.filter(\.$situation == situation) }
        if let source = filter.source { query = query.filter(\.$source == source.rawValue) }
        if let status = filter.status {
            switch status {
            case .redirected: query = query.filter(\.$outcome != "queued")
            case .closed: query = query.filter(\.$closureKind != nil)
            case .cleared: query = query.filter(\.$clearedAt != nil).filter(\.$closureKind == nil)
            case .onScene: query = query.filter(\.$onSceneAt != nil).filter(\.$clearedAt == nil)
            case .enRoute:
                query = query.filter(\.$enRouteAt != nil).filter(\.$onSceneAt == nil).filter(\.$clearedAt == nil)
            case .dispatched:
                query = query.filter(\.$dispatchedAt != nil).filter(\.$enRouteAt == nil).filter(\.$onSceneAt == nil)
                    .filter(\.$clearedAt == nil)
            case .waiting:
                query = query.filter(\.$outcome == "queued").filter(\.$dispatchedAt == nil).filter(\.$clearedAt == nil)
            }
        }
        return try await query.sort(\.$receivedAt, .descending).range(offset..<(offset + limit)).all()
            .map(Self.summary(from:))
    }

    public func count() async throws -> Int {
        try await ServiceRequestRecord.query(on: database).count()
    }

    /// How many requests were received in `interval`, by situation and by borough (`nil` outside every borough):
    /// counts only, nothing that names anyone.
    public func counts(in interval: DateInterval) async throws -> [(situation: String, borough: String?, count: Int)] {
        guard let sql = database as? any SQLDatabase else { throw NotSQLDatabase() }
        typealias Column = ServiceRequestRecord.Column
        return try await sql.select().column(Column.situation).column(Column.territoryCode)
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(ServiceRequestRecord.schema)
            .where(Column.receivedAt, .greaterThanOrEqual, interval.start)
            .where(Column.receivedAt, .lessThan, interval.end).groupBy(Column.situation).groupBy(Column.territoryCode)
            .all().map {
                (
                    try $0.decode(column: Column.situation, as: String.self),
                    try $0.decode(column: Column.territoryCode, as: String?.self),
                    try $0.decode(column: "n", as: Int.self)
                )
            }
    }

    /// The organisation's queued requests not yet cleared, oldest first, without their sealed fields.
    public func open(organisationID: Organisation.ID) async throws -> [ServiceRequestSummary] {
        try await ServiceRequestRecord.query(on: database)
            .filter(\.$organisationID == organisationID.rawValue).filter(\.$outcome == "queued")
            .filter(\.$clearedAt == nil).filter(\.$closureKind == nil).sort(\.$receivedAt).all()
            .map(Self.summary(from:))
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
            createdBy: User.ID(record.createdBy), source: RequestSource(rawValue: record.source) ?? .resident,
            situation: record.situation,
            outcome: TriageOutcome(code: record.outcome, priority: record.priority.flatMap(Priority.init(rawValue:)))
                ?? .outOfTerritory,
            territoryCode: record.territoryCode, territoryName: record.territoryName,
            territoryServed: record.territoryServed,
            point: try GeoPoint(latitude: record.latitude, longitude: record.longitude),
            peopleCount: record.peopleCount, teamID: record.teamID.map(MobileTeam.ID.init),
            timeline: ResponseTimeline(
                receivedAt: record.receivedAt, dispatchedAt: record.dispatchedAt, enRouteAt: record.enRouteAt,
                onSceneAt: record.onSceneAt, clearedAt: record.clearedAt),
            closedAs: record.closureKind.flatMap(RequestClosure.Kind.init(rawValue:)))
    }

    /// The timelines of requests received since `date` that were queued for a team (including those a team later
    /// re-routed), of one organisation or all (for statistics; nothing identifying is read).
    public func timelines(organisationID: Organisation.ID?, since date: Date) async throws -> [TimedRequest] {
        var query = ServiceRequestRecord.query(on: database)
            .group(.or) { $0.filter(\.$outcome == "queued").filter(\.$dispatchedAt != nil) }
            .filter(\.$receivedAt >= date).filter(\.$closureKind == nil)
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

    func request(from record: ServiceRequestRecord, notes: [RequestNote] = []) throws -> ServiceRequest {
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
                onSceneAt: record.onSceneAt, clearedAt: record.clearedAt),
            closure: try record.closureKind.flatMap(RequestClosure.Kind.init(rawValue:)).map { kind in
                RequestClosure(
                    kind: kind, reason: try record.closureReasonSealed.map { try store.cipher.open($0) } ?? "",
                    duplicateOf: record.duplicateOf.map(ServiceRequest.ID.init))
            }, notes: notes)
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
    /// Who called, by kind (a resident, a merchant, the police…).
    public let source: RequestSource
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
    /// How it was closed without a team's work, if it was.
    public let closedAs: RequestClosure.Kind?

    /// The priority, when queued.
    public var priority: Priority { outcome.priority ?? .normal }

    /// Where the request stands.
    public var status: RequestStatus { closedAs != nil ? .closed : outcome.isQueued ? timeline.status : .redirected }

    /// The borough it fell in at intake, if any.
    public var territory: TerritoryIndex.Match? {
        territoryCode.map { .init(level: .borough, code: $0, name: territoryName ?? $0, served: territoryServed) }
    }
}
