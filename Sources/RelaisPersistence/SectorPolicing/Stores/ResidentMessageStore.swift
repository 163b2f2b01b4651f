import Foundation
import RelaisCore
import SQLKit

/// Residents' messages to their sector officer: what they wrote is sealed; lists show only the summary; the whole
/// message is read through an audited call.
public struct ResidentMessageStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Keeps a new message under a fresh reference (drawn again on the rare collision).
    public func receive(
        _ content: MessageContent, organisation: Organisation.ID, sector: String, officer: SectorOfficer.ID?,
        language: Language
    ) async throws -> ResidentMessage {
        var generator = SystemRandomNumberGenerator()
        let sealed = store.cipher.seal(String(decoding: try JSONEncoder().encode(content), as: UTF8.self))
        for _ in 0..<5 {
            let message = ResidentMessage(
                id: ResidentMessage.ID(UUID()), reference: MessageRules.reference(using: &generator),
                organisationID: organisation, sectorCode: sector, officerID: officer, receivedAt: store.now,
                language: language, content: content, status: .new, firstReplyAt: nil, escalatedAt: nil)
            let taken = try await sql.select().column("id").from("reso_messages")
                .where("reference", .equal, message.reference).first()
            guard taken == nil else { continue }
            try await store.insert(
                into: "reso_messages",
                [
                    ("id", .uuid(message.id.rawValue)), ("reference", .text(message.reference)),
                    ("organisation_id", .uuid(organisation.rawValue)), ("sector_code", .text(sector)),
                    ("officer_id", .uuid(officer?.rawValue)), ("received_at", .date(message.receivedAt)),
                    ("language", .text(language.rawValue)), ("topic", .text(content.topic.rawValue)),
                    ("content_sealed", .text(sealed)), ("status", .text(MessageStatus.new.rawValue)),
                    ("first_reply_at", .date(nil)), ("escalated_at", .date(nil)), ("escalated_to", .uuid(nil)),
                    ("cell", .text(Self.cell(of: content)?.description)),
                ])
            return message
        }
        throw StoreError.duplicate(field: "reference")
    }

    /// The grid cell of the message's point, if it has one.
    static func cell(of content: MessageContent) -> GridCell? {
        guard let latitude = content.latitude, let longitude = content.longitude else { return nil }
        return GridCell(latitude: latitude, longitude: longitude)
    }

    /// The messages linked to a problem, the latest first.
    public func linked(to problem: SectorProblem.ID) async throws -> [MessageSummary] {
        try await summaries(
            try sql.select().column("*").from("reso_messages").where("problem_id", .equal, problem.rawValue)
                .orderBy("received_at", .descending))
    }

    /// The measures' rows of a service's messages received in `interval` (nothing identifying).
    public func measureRows(organisation: Organisation.ID, in interval: DateInterval) async throws
        -> [ResoMeasures.Row]
    {
        try await sql.select().columns("sector_code", "topic", "received_at", "first_reply_at", "escalated_at")
            .from("reso_messages").where("organisation_id", .equal, organisation.rawValue)
            .where("received_at", .greaterThanOrEqual, interval.start).where("received_at", .lessThan, interval.end)
            .all().map { row in
                ResoMeasures.Row(
                    sectorCode: try row.decode(column: "sector_code", as: String.self),
                    topic: MessageTopic(rawValue: try row.decode(column: "topic", as: String.self)) ?? .other,
                    receivedAt: try row.decode(column: "received_at", as: Date.self),
                    firstReplyAt: try row.decode(column: "first_reply_at", as: Date?.self),
                    escalated: try row.decode(column: "escalated_at", as: Date?.self) != nil)
            }
    }

    /// The messages at a grid cell or next to it, since `since`, in a service.
    public func near(_ cell: GridCell, organisation: Organisation.ID, since: Date) async throws -> [MessageSummary] {
        try await summaries(
            try sql.select().column("*").from("reso_messages").where("organisation_id", .equal, organisation.rawValue)
                .where("cell", .in, Self.neighbourhood(cell)).where("received_at", .greaterThanOrEqual, since)
                .orderBy("received_at", .descending))
    }

    static func neighbourhood(_ cell: GridCell) -> [String] {
        (-1...1).flatMap { row in (-1...1).map { GridCell(row: cell.row + row, column: cell.column + $0).description } }
    }

    public func summary(_ id: ResidentMessage.ID) async throws -> MessageSummary? {
        try await summaries(try sql.select().column("*").from("reso_messages").where("id", .equal, id.rawValue)).first
    }

    /// The message with what the resident wrote and its follow-up, for `reader`, who the caller checked may see
    /// it; the read is audited in the same transaction.
    public func message(_ id: ResidentMessage.ID, by reader: Reader) async throws -> (
        message: ResidentMessage, steps: [MessageStep]
    )? {
        let found = try await store.audited(
            .residentMessage, by: reader, id: { (found: OpenedMessage) in found.message.id.description }
        ) { tx -> OpenedMessage? in
            let messages = try await tx.residentMessages
            guard
                let message = try await messages.read(
                    try messages.sql.select().column("*").from("reso_messages").where("id", .equal, id.rawValue)
                ).first
            else { return nil }
            return OpenedMessage(message: message, steps: try await messages.steps(of: id))
        }
        return found.map { ($0.message, $0.steps) }
    }

    private struct OpenedMessage: Sendable {
        let message: ResidentMessage
        let steps: [MessageStep]
    }

    /// The messages `officer` answers (their sector's, and those sent on to them), open ones first, then the
    /// latest.
    public func answeredBy(_ officer: SectorOfficer.ID, limit: Int = 100) async throws -> [MessageSummary] {
        try await summaries(
            try sql.select().column("*").from("reso_messages")
                .where {
                    $0.where("officer_id", .equal, officer.rawValue).orWhere("escalated_to", .equal, officer.rawValue)
                }
                .orderBy("received_at", .descending).limit(limit))
    }

    /// The messages of a police service, the latest first.
    public func ofService(_ organisation: Organisation.ID, limit: Int = 200) async throws -> [MessageSummary] {
        try await summaries(
            try sql.select().column("*").from("reso_messages").where("organisation_id", .equal, organisation.rawValue)
                .orderBy("received_at", .descending).limit(limit))
    }

    /// Records a step of the follow-up and the message's new status, from the status it was read at: a concurrent
    /// step (another officer closing it) fails.
    /// - Throws: ``MessageRefusal/closed`` when the message moved meanwhile.
    public func record(_ step: MessageStep, on message: ResidentMessage, from previous: MessageStatus) async throws {
        let updated = try await sql.update("reso_messages").set("status", to: message.status.rawValue)
            .set("first_reply_at", to: message.firstReplyAt).where("id", .equal, message.id.rawValue)
            .where("status", .equal, previous.rawValue).returning("id").all()
        guard !updated.isEmpty else { throw MessageRefusal.closed }
        try await insert(step, on: message.id)
    }

    private func insert(_ step: MessageStep, on id: ResidentMessage.ID) async throws {
        try await store.insert(
            into: "reso_message_steps",
            [
                ("id", .uuid(UUID())), ("message_id", .uuid(id.rawValue)), ("kind", .text(step.kind.rawValue)),
                ("at", .date(step.at)), ("author_id", .uuid(step.authorID?.rawValue)),
                ("text_sealed", .text(store.cipher.seal(step.text))),
            ])
    }

    /// Messages still unanswered, received at or before `cutoff`, not yet sent on.
    public func overdue(receivedBy cutoff: Date, limit: Int = 100) async throws -> [MessageSummary] {
        try await summaries(
            try sql.select().column("*").from("reso_messages").where("status", .equal, MessageStatus.new.rawValue)
                .where("escalated_at", .is, SQLLiteral.null).where("received_at", .lessThanOrEqual, cutoff)
                .orderBy("received_at").limit(limit))
    }

    /// Marks a message as sent on to `colleague` (or to the supervisors only), once: false when another instance
    /// did it first or it was answered meanwhile.
    public func escalate(_ id: ResidentMessage.ID, to colleague: SectorOfficer.ID?, note: String) async throws -> Bool {
        let updated = try await sql.update("reso_messages").set("escalated_at", to: store.now)
            .set("escalated_to", to: colleague?.rawValue).where("id", .equal, id.rawValue)
            .where("status", .equal, MessageStatus.new.rawValue).where("escalated_at", .is, SQLLiteral.null)
            .returning("id").all()
        guard !updated.isEmpty else { return false }
        try await insert(MessageStep(kind: .escalated, at: store.now, authorID: nil, text: note), on: id)
        return true
    }

    func steps(of id: ResidentMessage.ID) async throws -> [MessageStep] {
        let cipher = store.cipher
        return try await sql.select().column("*").from("reso_message_steps").where("message_id", .equal, id.rawValue)
            .orderBy("at").all().map { row in
                MessageStep(
                    kind: MessageStep.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .note,
                    at: try row.decode(column: "at", as: Date.self),
                    authorID: try row.decode(column: "author_id", as: UUID?.self).map(User.ID.init),
                    text: try cipher.open(try row.decode(column: "text_sealed", as: String.self)))
            }
    }

    private func summaries(_ query: SQLSelectBuilder) async throws -> [MessageSummary] {
        try await query.all().map { row in
            MessageSummary(
                id: ResidentMessage.ID(try row.decode(column: "id", as: UUID.self)),
                reference: try row.decode(column: "reference", as: String.self),
                organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                sectorCode: try row.decode(column: "sector_code", as: String.self),
                officerID: try row.decode(column: "officer_id", as: UUID?.self).map(SectorOfficer.ID.init),
                topic: MessageTopic(rawValue: try row.decode(column: "topic", as: String.self)) ?? .other,
                receivedAt: try row.decode(column: "received_at", as: Date.self),
                status: MessageStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new,
                firstReplyAt: try row.decode(column: "first_reply_at", as: Date?.self),
                escalatedAt: try row.decode(column: "escalated_at", as: Date?.self),
                escalatedTo: try row.decode(column: "escalated_to", as: UUID?.self).map(SectorOfficer.ID.init),
                cell: try row.decode(column: "cell", as: String?.self).flatMap(GridCell.init),
                problemID: try row.decode(column: "problem_id", as: UUID?.self).map(SectorProblem.ID.init))
        }
    }

    func read(_ query: SQLSelectBuilder) async throws -> [ResidentMessage] {
        let cipher = store.cipher
        return try await query.all().map { row in
            let content = try JSONDecoder().decode(
                MessageContent.self,
                from: Data(try cipher.open(try row.decode(column: "content_sealed", as: String.self)).utf8))
            return ResidentMessage(
                id: ResidentMessage.ID(try row.decode(column: "id", as: UUID.self)),
                reference: try row.decode(column: "reference", as: String.self),
                organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: UUID.self)),
                sectorCode: try row.decode(column: "sector_code", as: String.self),
                officerID: try row.decode(column: "officer_id", as: UUID?.self).map(SectorOfficer.ID.init),
                receivedAt: try row.decode(column: "received_at", as: Date.self),
                language: Language(code: try row.decode(column: "language", as: String.self)) ?? .french,
                content: content,
                status: MessageStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new,
                firstReplyAt: try row.decode(column: "first_reply_at", as: Date?.self),
                escalatedAt: try row.decode(column: "escalated_at", as: Date?.self))
        }
    }
}
