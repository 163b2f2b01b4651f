import Foundation
import RelaisCore
import SQLKit

/// ÉSUP's consults. The request's event number, place and details, the advice and the assessment are sealed; the
/// kinds, mode, stage, times and outcome stay readable for the queue and the measures.
public struct ConsultStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Records a request for `team`, numbered after the others; `date` is now unless the demo gives one.
    public func request(
        _ request: ConsultRequest, team: Organisation.ID, requesterOrganisation: Organisation.ID, by userID: User.ID?,
        timeZone: TimeZone, at date: Date? = nil
    ) async throws -> Consult {
        try await store.transaction { tx in
            let now = date ?? tx.now
            let count =
                try await tx.consults.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("esup_consults").first()?.decode(column: "n", as: Int.self) ?? 0
            let consult = Consult(
                id: Consult.ID(UUID()), reference: "ÉSUP-" + String(format: "%04d", count + 1), teamID: team,
                requesterOrganisationID: requesterOrganisation, requestedBy: userID, requestedAt: now,
                request: request)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            try await tx.insert(
                into: "esup_consults",
                [
                    ("id", .uuid(consult.id.rawValue)), ("reference", .text(consult.reference)),
                    ("team_id", .uuid(team.rawValue)),
                    ("requester_organisation_id", .uuid(requesterOrganisation.rawValue)),
                    ("requested_by", .uuid(userID?.rawValue)), ("requested_at", .date(now)),
                    ("evening", .text(Evening.of(now, timeZone: timeZone))),
                    ("hour", .integer(calendar.component(.hour, from: now))),
                    ("request_sealed", .text(tx.cipher.seal(try Self.json(request)))),
                    ("situations", .text(request.situations.map(\.rawValue).joined(separator: ","))),
                    ("mode", .text(request.mode.rawValue)), ("emergency_first", .boolean(request.emergencyFirst)),
                    ("stage", .text(consult.stage.rawValue)),
                ])
            return consult
        }
    }

    /// The whole consult, its sealed parts opened for `reader`, who the caller checked may see it; the read is
    /// audited in the same transaction.
    public func consult(_ id: Consult.ID, by reader: Reader) async throws -> Consult? {
        try await store.audited(.consult, by: reader, id: { (found: Consult) in found.id.description }) { tx in
            try await tx.consults.read(
                try tx.consults.sql.select().column("*").from("esup_consults").where("id", .equal, id.rawValue)
            ).first
        }
    }

    /// What lists show of a consult, nothing sealed opened.
    public func summary(_ id: Consult.ID) async throws -> ConsultSummary? {
        try await summaries(try sql.select().column("*").from("esup_consults").where("id", .equal, id.rawValue)).first
    }

    /// The team's open consults: those waiting (emergencies first, then the oldest), then those taken.
    public func queue(team: Organisation.ID) async throws -> [ConsultSummary] {
        let open = try await summaries(
            try sql.select().column("*").from("esup_consults").where("team_id", .equal, team.rawValue)
                .where("stage", .in, [ConsultStage.requested.rawValue, ConsultStage.accepted.rawValue])
                .orderBy("requested_at"))
        let waiting = open.filter { $0.stage == .requested }
        return waiting.filter(\.emergencyFirst) + waiting.filter { !$0.emergencyFirst }
            + open.filter { $0.stage == .accepted }
    }

    /// The team's consults closed most recently.
    public func closed(team: Organisation.ID, limit: Int = 30) async throws -> [ConsultSummary] {
        try await summaries(
            try sql.select().column("*").from("esup_consults").where("team_id", .equal, team.rawValue)
                .where("stage", .equal, ConsultStage.closed.rawValue).orderBy("closed_at", .descending).limit(limit))
    }

    /// The requests `userID` made, the latest first.
    public func requested(by userID: User.ID, limit: Int = 20) async throws -> [ConsultSummary] {
        try await summaries(
            try sql.select().column("*").from("esup_consults").where("requested_by", .equal, userID.rawValue)
                .orderBy("requested_at", .descending).limit(limit))
    }

    /// The consults about any of `people`, the latest first.
    public func about(_ people: [Person.ID]) async throws -> [ConsultSummary] {
        guard !people.isEmpty else { return [] }
        return try await summaries(
            try sql.select().column("*").from("esup_consults").where("person_id", .in, people.map(\.rawValue))
                .orderBy("requested_at", .descending).limit(200))
    }

    /// The officer withdraws a request no duo has taken.
    /// - Throws: ``ConsultRefusal/wrongStage(_:)`` when a duo took it meanwhile (or it ended).
    public func withdraw(_ id: Consult.ID) async throws {
        let updated = try await sql.update("esup_consults").set("stage", to: ConsultStage.withdrawn.rawValue)
            .set("closed_at", to: store.now).where("id", .equal, id.rawValue)
            .where("stage", .equal, ConsultStage.requested.rawValue).returning("id").all()
        guard updated.isEmpty else { return }
        throw ConsultRefusal.wrongStage(try await summary(id)?.stage ?? .withdrawn)
    }

    /// Saves the consult's changes, from the stage it was read at: a concurrent step fails the save.
    /// - Throws: ``ConsultRefusal/wrongStage(_:)`` when the consult moved meanwhile.
    public func save(_ consult: Consult, from previous: ConsultStage) async throws {
        let cipher = store.cipher
        let updated = try await sql.update("esup_consults")
            .set("stage", to: consult.stage.rawValue).set("duo_id", to: consult.duoID?.rawValue)
            .set("accepted_at", to: consult.acceptedAt).set("arrived_at", to: consult.arrivedAt)
            .set("officers_freed_at", to: consult.officersFreedAt).set("officer_minutes", to: consult.officerMinutes)
            .set("closed_at", to: consult.closedAt)
            .set("advice_sealed", to: try Self.sealed(Advice(advice: consult.advice, to: consult.advisedTo), cipher))
            .set("assessment_sealed", to: try consult.assessment.map { try Self.sealed($0, cipher) })
            .set("outcome", to: consult.outcome?.rawValue).set("legal_ground", to: consult.legalGround?.rawValue)
            .set("resource_ids", to: consult.resourceIDs.isEmpty ? nil : consult.resourceIDs.joined(separator: ","))
            .set("person_id", to: consult.personID?.rawValue)
            .where("id", .equal, consult.id.rawValue).where("stage", .equal, previous.rawValue)
            .returning("id").all()
        guard updated.isEmpty else { return }
        throw ConsultRefusal.wrongStage(try await summary(consult.id)?.stage ?? previous)
    }

    /// The earlier contacts with the people of `ids` (a person and the records merged into it).
    public func contacts(of ids: [Person.ID]) async throws -> [RepeatContacts.Contact] {
        guard !ids.isEmpty else { return [] }
        return try await sql.select().column("id").column("reference").column("requested_at").column("outcome")
            .from("esup_consults").where("person_id", .in, ids.map(\.rawValue)).all().map { row in
                RepeatContacts.Contact(
                    consultID: Consult.ID(try row.decode(column: "id", as: UUID.self)),
                    reference: try row.decode(column: "reference", as: String.self),
                    at: try row.decode(column: "requested_at", as: Date.self),
                    outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ConsultOutcome.init))
            }
    }

    /// What the measures read of the team's consults requested in `interval`: nothing sealed.
    public func measureRows(team: Organisation.ID, in interval: DateInterval) async throws -> [ESUPMeasures.Row] {
        try await sql.select().column("requested_at").column("evening").column("hour").column("situations")
            .column("outcome").column("officer_minutes").column("person_id").from("esup_consults")
            .where("team_id", .equal, team.rawValue)
            .where("stage", .notEqual, ConsultStage.withdrawn.rawValue)
            .where("requested_at", .greaterThanOrEqual, interval.start)
            .where("requested_at", .lessThan, interval.end).all().map { row in
                ESUPMeasures.Row(
                    requestedAt: try row.decode(column: "requested_at", as: Date.self),
                    evening: try row.decode(column: "evening", as: String.self),
                    hour: try row.decode(column: "hour", as: Int.self),
                    situations: try row.decode(column: "situations", as: String.self).split(separator: ",")
                        .compactMap { ConsultSituation(rawValue: String($0)) },
                    outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ConsultOutcome.init),
                    officerMinutes: try row.decode(column: "officer_minutes", as: Int?.self),
                    personID: try row.decode(column: "person_id", as: UUID?.self).map(Person.ID.init))
            }
    }

    // MARK: rows

    private struct Advice: Codable {
        let advice: String?
        let to: String?
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func sealed(_ value: some Encodable, _ cipher: FieldCipher) throws -> String {
        cipher.seal(try json(value))
    }

    private func summaries(_ query: SQLSelectBuilder) async throws -> [ConsultSummary] {
        try await query.all().map { row in
            ConsultSummary(
                id: Consult.ID(try row.decode(column: "id", as: UUID.self)),
                reference: try row.decode(column: "reference", as: String.self),
                teamID: Organisation.ID(try row.decode(column: "team_id", as: UUID.self)),
                requesterOrganisationID: Organisation.ID(
                    try row.decode(column: "requester_organisation_id", as: UUID.self)),
                requestedBy: try row.decode(column: "requested_by", as: UUID?.self).map(User.ID.init),
                requestedAt: try row.decode(column: "requested_at", as: Date.self),
                stage: ConsultStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .requested,
                mode: ConsultMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .phone,
                situations: try row.decode(column: "situations", as: String.self).split(separator: ",")
                    .compactMap { ConsultSituation(rawValue: String($0)) },
                emergencyFirst: try row.decode(column: "emergency_first", as: Bool.self),
                duoID: try row.decode(column: "duo_id", as: UUID?.self).map(Duo.ID.init),
                outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ConsultOutcome.init),
                officersFreedAt: try row.decode(column: "officers_freed_at", as: Date?.self),
                personID: try row.decode(column: "person_id", as: UUID?.self).map(Person.ID.init))
        }
    }

    func read(_ query: SQLSelectBuilder) async throws -> [Consult] {
        let cipher = store.cipher
        return try await query.all().map { row in
            func open<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
                guard let text = try row.decode(column: column, as: String?.self) else { return nil }
                return try JSONDecoder().decode(T.self, from: Data(try cipher.open(text).utf8))
            }
            guard let request = try open("request_sealed", as: ConsultRequest.self) else { throw NotSQLDatabase() }
            let advice = try open("advice_sealed", as: Advice.self)
            return Consult(
                id: Consult.ID(try row.decode(column: "id", as: UUID.self)),
                reference: try row.decode(column: "reference", as: String.self),
                teamID: Organisation.ID(try row.decode(column: "team_id", as: UUID.self)),
                requesterOrganisationID: Organisation.ID(
                    try row.decode(column: "requester_organisation_id", as: UUID.self)),
                requestedBy: try row.decode(column: "requested_by", as: UUID?.self).map(User.ID.init),
                requestedAt: try row.decode(column: "requested_at", as: Date.self), request: request,
                stage: ConsultStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .requested,
                duoID: try row.decode(column: "duo_id", as: UUID?.self).map(Duo.ID.init),
                acceptedAt: try row.decode(column: "accepted_at", as: Date?.self),
                arrivedAt: try row.decode(column: "arrived_at", as: Date?.self),
                officersFreedAt: try row.decode(column: "officers_freed_at", as: Date?.self),
                closedAt: try row.decode(column: "closed_at", as: Date?.self), advice: advice?.advice,
                advisedTo: advice?.to, assessment: try open("assessment_sealed", as: Assessment.self),
                outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ConsultOutcome.init),
                legalGround: try row.decode(column: "legal_ground", as: String?.self).flatMap(P38Ground.init),
                resourceIDs: try row.decode(column: "resource_ids", as: String?.self).map {
                    $0.split(separator: ",").map(String.init)
                } ?? [],
                personID: try row.decode(column: "person_id", as: UUID?.self).map(Person.ID.init))
        }
    }
}
