import Foundation
import RelaisCore
import SQLKit

/// Situations brought to the table. The summary, the services mobilized and the identity are sealed; the identity
/// is read only through ``identity(of:by:)``, which audits the read in its transaction. A rejection deletes the
/// description and the identity (``save(_:from:)``); the retention job deletes identities of concluded situations.
public struct SituationStore: Sendable {
    let store: RelaisStore
    var sqlDatabase: any SQLDatabase {
        get throws { try sql }
    }
    private var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Opens a situation for `agency` (filter 1), numbered after the others of the year; `date` is now unless a
    /// demo or an import gives the day it was opened.
    public func open(
        _ description: SituationDescription, identity: SituationIdentity, agency: TableAgency, by userID: User.ID,
        taxonomy: RiskTaxonomy, timeZone: TimeZone, at date: Date? = nil
    ) async throws -> Situation {
        try await store.transaction { tx in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let now = date ?? tx.now
            let year = calendar.component(.year, from: now)
            let prefix = "\(year)-"
            let count = try await tx.situations.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("situations").where("reference", .like, prefix + "%").first()?.decode(column: "n", as: Int.self)
            let situation = Situation(
                id: Situation.ID(UUID()), reference: prefix + String(format: "%03d", (count ?? 0) + 1),
                originatingAgencyID: agency.organisationID, originatingSector: agency.sector, openedAt: now,
                description: description)
            try await tx.insert(
                into: "situations",
                [
                    ("id", .uuid(situation.id.rawValue)), ("reference", .text(situation.reference)),
                    ("originating_agency_id", .uuid(agency.organisationID.rawValue)),
                    ("originating_sector", .text(agency.sector.rawValue)), ("opened_at", .date(now)),
                    ("opened_month", .text(String(format: "%04d-%02d", year, calendar.component(.month, from: now)))),
                    ("opened_by", .uuid(userID.rawValue)), ("stage", .text(situation.stage.rawValue)),
                    ("taxonomy_version", .text(taxonomy.version)), ("subject", .text(description.subject.rawValue)),
                    ("age_cohorts", .text(description.ageCohorts.map(\.rawValue).joined(separator: ","))),
                    ("genders", .text(description.genders.map(\.rawValue).joined(separator: ","))),
                    ("summary_sealed", .text(tx.cipher.seal(description.summary))),
                ])
            for code in description.riskFactors {
                try await tx.insert(
                    into: "situation_factors",
                    [
                        ("situation_id", .uuid(situation.id.rawValue)), ("factor_code", .text(code)),
                        ("category_code", .text(taxonomy.factor(code)?.category.code ?? code)),
                    ])
            }
            try await tx.insert(
                into: "situation_identities",
                [
                    ("situation_id", .uuid(situation.id.rawValue)),
                    (
                        "identity_sealed",
                        .text(tx.cipher.seal(String(decoding: try JSONEncoder().encode(identity), as: UTF8.self)))
                    ),
                ])
            return situation
        }
    }

    /// The situation with `id`, without its identity.
    public func situation(_ id: Situation.ID) async throws -> Situation? {
        try await read(try sql.select().column("*").from("situations").where("id", .equal, id.rawValue)).first
    }

    /// The situations `agencies` opened, newest first.
    public func opened(by agencies: [Organisation.ID], limit: Int = 200) async throws -> [Situation] {
        guard !agencies.isEmpty else { return [] }
        return try await read(
            try sql.select().column("*").from("situations")
                .where("originating_agency_id", .in, agencies.map(\.rawValue))
                .orderBy("opened_at", .descending).limit(limit))
    }

    /// A meeting's agenda: the situations brought to it, then those reporting back to it, in the order brought.
    public func agenda(_ meetingID: Meeting.ID) async throws -> [Situation] {
        try await read(
            try sql.select().column("*").from("situations")
                .where("meeting_id", .equal, meetingID.rawValue)
                .orWhere("report_back_meeting_id", .equal, meetingID.rawValue)
                .orderBy("brought_at").orderBy("reference"))
    }

    /// Situations in filter 4 that no meeting awaits a report from, for the chair to put on an agenda.
    public func intervening() async throws -> [Situation] {
        try await read(
            try sql.select().column("*").from("situations").where("stage", .equal, SituationStage.intervening.rawValue)
                .orderBy("decided_at"))
    }

    /// Writes the process's changes to a situation read at `previous` stage; a rejection deletes its description
    /// and identity in the same transaction.
    /// - Throws: ``SituationRefusal/wrongStage(_:)`` when someone moved it meanwhile.
    public func save(_ situation: Situation, from previous: SituationStage) async throws {
        try await store.transaction { tx in
            let sql = try tx.situations.sql
            let counted = try await tx.situations.countedKeys(situation.id)
            let services = situation.servicesMobilized.map { tx.cipher.seal($0) }
            var update = sql.update("situations").set("stage", to: situation.stage.rawValue)
                .set("meeting_id", to: situation.meetingID?.rawValue).set("brought_at", to: situation.broughtAt)
                .set("decided_at", to: situation.decidedAt)
                .set("rejection_reason", to: situation.rejectionReason?.rawValue)
                .set("lead_agency_id", to: situation.leadAgencyID?.rawValue)
                .set("identity_shared_until", to: situation.identitySharedUntil)
                .set("revealed_at", to: situation.revealedAt)
                .set("first_intervention_at", to: situation.firstInterventionAt)
                .set("hours_to_intervention", to: situation.hoursToIntervention)
                .set("services_sealed", to: services)
                .set("report_back_meeting_id", to: situation.reportBackMeetingID?.rawValue)
                .set("conclusion", to: situation.conclusion?.rawValue).set("concluded_at", to: situation.concludedAt)
                .set("identity_destroyed_at", to: situation.identityDestroyedAt)
            if situation.description == nil {
                update = update.set("subject", to: SQLLiteral.null).set("age_cohorts", to: SQLLiteral.null)
                    .set("genders", to: SQLLiteral.null).set("summary_sealed", to: SQLLiteral.null)
                    .set("taxonomy_version", to: SQLLiteral.null)
            }
            let rows = try await update.where("id", .equal, situation.id.rawValue)
                .where("stage", .equal, previous.rawValue).returning("id").all()
            guard !rows.isEmpty else {
                let now = try await tx.situations.situation(situation.id)
                throw SituationRefusal.wrongStage(now?.stage ?? previous)
            }
            if situation.description == nil {
                try await sql.delete(from: "situation_factors").where("situation_id", .equal, situation.id.rawValue)
                    .run()
            }
            if situation.identityDestroyedAt != nil {
                try await sql.delete(from: "situation_identities").where("situation_id", .equal, situation.id.rawValue)
                    .run()
            }
            // The intervening agencies are named once, when it leaves filter 3 (or, for a demo, a later stage at once).
            if [.opened, .onAgenda, .accepted].contains(previous), situation.leadAgencyID != nil {
                try await sql.delete(from: "situation_assisting").where("situation_id", .equal, situation.id.rawValue)
                    .run()
                for (position, agency) in situation.assistingAgencyIDs.enumerated() {
                    try await tx.insert(
                        into: "situation_assisting",
                        [
                            ("situation_id", .uuid(situation.id.rawValue)), ("organisation_id", .uuid(agency.rawValue)),
                            ("position", .integer(position)),
                        ])
                }
                try await sql.update("situations")
                    .set(
                        SQLIdentifier("lead_sector"),
                        to: SQLRaw("(SELECT sector FROM table_agencies WHERE organisation_id = lead_agency_id)")
                    )
                    .where("id", .equal, situation.id.rawValue).run()
            }
            try await tx.situations.count(from: counted, to: try await tx.situations.countedKeys(situation.id))
        }
    }

    /// The votes cast on a situation, by agency.
    public func votes(_ id: Situation.ID) async throws -> [Organisation.ID: Bool] {
        var votes: [Organisation.ID: Bool] = [:]
        for row in try await sql.select().column("organisation_id").column("meets_threshold").from("situation_votes")
            .where("situation_id", .equal, id.rawValue).all()
        {
            votes[Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self))] = try row.decode(
                column: "meets_threshold", as: Bool.self)
        }
        return votes
    }

    /// The votes cast on each of `ids`, by situation and agency (one query, for an agenda).
    public func votes(for ids: [Situation.ID]) async throws -> [Situation.ID: [Organisation.ID: Bool]] {
        guard !ids.isEmpty else { return [:] }
        var votes: [Situation.ID: [Organisation.ID: Bool]] = [:]
        for row in try await sql.select().columns("situation_id", "organisation_id", "meets_threshold")
            .from("situation_votes").where("situation_id", .in, ids.map(\.rawValue)).all()
        {
            let id = Situation.ID(try row.decode(column: "situation_id", as: UUID.self))
            votes[id, default: [:]][Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self))] =
                try row.decode(column: "meets_threshold", as: Bool.self)
        }
        return votes
    }

    /// Records an agency's vote.
    /// - Throws: ``SituationRefusal/alreadyVoted`` when the agency voted meanwhile.
    public func vote(
        _ id: Situation.ID, agency: Organisation.ID, meetsThreshold: Bool, by userID: User.ID
    ) async throws {
        do {
            try await store.insert(
                into: "situation_votes",
                [
                    ("situation_id", .uuid(id.rawValue)), ("organisation_id", .uuid(agency.rawValue)),
                    ("meets_threshold", .boolean(meetsThreshold)), ("voted_at", .date(store.now)),
                    ("voted_by", .uuid(userID.rawValue)),
                ])
        } catch  where error.isConstraintFailure {
            throw SituationRefusal.alreadyVoted
        }
    }

    /// The sealed identity of a situation, opened for `reader`, who the caller checked may see it; the read is
    /// audited in the same transaction.
    public func identity(of id: Situation.ID, by reader: Reader) async throws -> SituationIdentity? {
        try await store.audited(.situation, by: reader, id: { _ in id.description }) { tx in
            guard
                let row = try await tx.situations.sql.select().column("identity_sealed").from("situation_identities")
                    .where("situation_id", .equal, id.rawValue).first()
            else { return nil }
            let text = try tx.cipher.open(try row.decode(column: "identity_sealed", as: String.self))
            return try JSONDecoder().decode(SituationIdentity.self, from: Data(text.utf8))
        }
    }

    /// Destroys the sealed identities of situations concluded at least `retentionDays` ago.
    /// - Returns: the situations whose identity was destroyed.
    public func destroyIdentities(retentionDays: Int) async throws -> [Situation.ID] {
        try await store.transaction { tx in
            let now = tx.now
            let due = try await tx.situations.read(
                try tx.situations.sql.select().column("*").from("situations")
                    .where("stage", .equal, SituationStage.concluded.rawValue)
                    .where("identity_destroyed_at", .is, SQLLiteral.null)
                    .where("concluded_at", .lessThanOrEqual, now.addingTimeInterval(-Double(retentionDays) * 86_400))
            ).filter { SituationRules.identityDue($0, retentionDays: retentionDays, now: now) }
            for situation in due {
                var destroyed = situation
                destroyed.identityDestroyedAt = now
                try await tx.situations.save(destroyed, from: situation.stage)
            }
            return due.map(\.id)
        }
    }

    // MARK: rows

    func read(_ query: SQLSelectBuilder) async throws -> [Situation] {
        let rows = try await query.all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var factors: [UUID: [String]] = [:]
        for row in try await sql.select().column("situation_id").column("factor_code").from("situation_factors")
            .where("situation_id", .in, ids).all()
        {
            factors[try row.decode(column: "situation_id", as: UUID.self), default: []].append(
                try row.decode(column: "factor_code", as: String.self))
        }
        var assisting: [UUID: [(Int, Organisation.ID)]] = [:]
        for row in try await sql.select().column("*").from("situation_assisting").where("situation_id", .in, ids).all()
        {
            assisting[try row.decode(column: "situation_id", as: UUID.self), default: []].append(
                (
                    try row.decode(column: "position", as: Int.self),
                    Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self))
                ))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return try situation(
                from: row, factors: (factors[id] ?? []).sorted(),
                assisting: (assisting[id] ?? []).sorted { $0.0 < $1.0 }.map(\.1))
        }
    }

    private func situation(from row: any SQLRow, factors: [String], assisting: [Organisation.ID]) throws -> Situation {
        func list<T: RawRepresentable>(_ column: String, as: T.Type) throws -> [T] where T.RawValue == String {
            (try row.decode(column: column, as: String?.self) ?? "").split(separator: ",")
                .compactMap { T(rawValue: String($0)) }
        }
        var description: SituationDescription?
        if let subject = try row.decode(column: "subject", as: String?.self).flatMap(SubjectType.init(rawValue:)),
            let summary = try row.decode(column: "summary_sealed", as: String?.self)
        {
            description = SituationDescription(
                subject: subject, riskFactors: factors, ageCohorts: try list("age_cohorts", as: AgeCohort.self),
                genders: try list("genders", as: Gender.self), summary: try cipher.open(summary))
        }
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Date?.self) }
        func uuid(_ column: String) throws -> UUID? { try row.decode(column: column, as: UUID?.self) }
        return Situation(
            id: Situation.ID(try row.decode(column: "id", as: UUID.self)),
            reference: try row.decode(column: "reference", as: String.self),
            originatingAgencyID: Organisation.ID(try row.decode(column: "originating_agency_id", as: UUID.self)),
            originatingSector: AgencySector(rawValue: try row.decode(column: "originating_sector", as: String.self))
                ?? .other,
            openedAt: try row.decode(column: "opened_at", as: Date.self),
            stage: SituationStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .opened,
            description: description, meetingID: try uuid("meeting_id").map(Meeting.ID.init),
            broughtAt: try date("brought_at"), decidedAt: try date("decided_at"),
            rejectionReason: try row.decode(column: "rejection_reason", as: String?.self)
                .flatMap(RejectionReason.init(rawValue:)),
            leadAgencyID: try uuid("lead_agency_id").map(Organisation.ID.init), assistingAgencyIDs: assisting,
            identitySharedUntil: try date("identity_shared_until"), revealedAt: try date("revealed_at"),
            firstInterventionAt: try date("first_intervention_at"),
            servicesMobilized: try row.decode(column: "services_sealed", as: String?.self).map { try cipher.open($0) },
            reportBackMeetingID: try uuid("report_back_meeting_id").map(Meeting.ID.init),
            conclusion: try row.decode(column: "conclusion", as: String?.self).flatMap(Conclusion.init(rawValue:)),
            concludedAt: try date("concluded_at"), identityDestroyedAt: try date("identity_destroyed_at"))
    }

    private var cipher: FieldCipher { store.cipher }
}
