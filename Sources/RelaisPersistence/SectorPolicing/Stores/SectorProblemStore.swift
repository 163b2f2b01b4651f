import Foundation
import RelaisCore
import SQLKit

/// RÉSO's problems and their actions; the analysis, partners and actions are sealed and read through an audited
/// call; lists show the title, place and stage.
public struct SectorProblemStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// What is sealed of a problem.
    private struct Work: Codable {
        let analysis: String
        let partners: [String]
    }

    /// Opens a problem at the scanning stage.
    public func open(
        organisation: Organisation.ID, sector: String, title: String, place: String, cell: GridCell?, by user: User.ID
    ) async throws -> SectorProblem {
        let problem = SectorProblem(
            id: .init(UUID()), organisationID: organisation, sectorCode: sector, title: title, place: place,
            cell: cell, stage: .scanning, analysis: "", partners: [], assessment: nil, openedAt: store.now,
            closedAt: nil)
        try await store.insert(
            into: "reso_problems",
            [
                ("id", .uuid(problem.id.rawValue)), ("organisation_id", .uuid(organisation.rawValue)),
                ("sector_code", .text(sector)), ("title", .text(title)), ("place", .text(place)),
                ("cell", .text(cell?.description)), ("stage", .text(problem.stage.rawValue)),
                ("work_sealed", .text(try seal(Work(analysis: "", partners: [])))), ("assessment", .text(nil)),
                ("opened_at", .date(problem.openedAt)), ("opened_by", .uuid(user.rawValue)),
                ("closed_at", .date(nil)),
            ])
        return problem
    }

    /// The problem without its sealed work (for access checks and lists).
    public func summary(_ id: SectorProblem.ID) async throws -> SectorProblem? {
        try await read(try sql.select().column("*").from("reso_problems").where("id", .equal, id.rawValue), open: false)
            .first
    }

    /// The problem with its analysis, partners and actions, for `reader`: an audited read.
    public func problem(_ id: SectorProblem.ID, by reader: Reader) async throws -> (
        problem: SectorProblem, actions: [ProblemAction]
    )? {
        let found = try await store.audited(
            .sectorProblem, by: reader, id: { (found: Opened) in found.problem.id.description }
        ) { tx -> Opened? in
            let problems = tx.sectorProblems
            guard
                let problem = try await problems.read(
                    try problems.sql.select().column("*").from("reso_problems").where("id", .equal, id.rawValue),
                    open: true
                ).first
            else { return nil }
            return Opened(problem: problem, actions: try await problems.actions(of: id))
        }
        return found.map { ($0.problem, $0.actions) }
    }

    private struct Opened: Sendable {
        let problem: SectorProblem
        let actions: [ProblemAction]
    }

    /// The problems of some sectors (or of a whole service), open ones first, then the latest.
    public func list(organisation: Organisation.ID, sectors: [String]?) async throws -> [SectorProblem] {
        var query = try sql.select().column("*").from("reso_problems")
            .where("organisation_id", .equal, organisation.rawValue)
        if let sectors { query = query.where("sector_code", .in, sectors) }
        return try await read(query.orderBy("opened_at", .descending).limit(300), open: false).sorted {
            ($0.stage == .closed ? 1 : 0) < ($1.stage == .closed ? 1 : 0)
        }
    }

    /// Saves the stage, analysis, partners and assessment, from the stage it was read at: a concurrent step fails.
    /// - Throws: ``ProblemRefusal/closed`` when it moved meanwhile.
    public func save(_ problem: SectorProblem, from previous: SARAStage) async throws {
        let updated = try await sql.update("reso_problems").set("stage", to: problem.stage.rawValue)
            .set("work_sealed", to: try seal(Work(analysis: problem.analysis, partners: problem.partners)))
            .set("assessment", to: problem.assessment?.rawValue).set("closed_at", to: problem.closedAt)
            .where("id", .equal, problem.id.rawValue).where("stage", .equal, previous.rawValue).returning("id").all()
        guard !updated.isEmpty else { throw ProblemRefusal.closed }
    }

    /// Adds an action to the response.
    public func addAction(to problem: SectorProblem.ID, what: String, owner: String, dueOn: String) async throws {
        try await store.insert(
            into: "reso_problem_actions",
            [
                ("id", .uuid(UUID())), ("problem_id", .uuid(problem.rawValue)),
                ("what_sealed", .text(store.cipher.seal(what))), ("owner", .text(owner)), ("due_on", .text(dueOn)),
                ("done_at", .date(nil)), ("created_at", .date(store.now)),
            ])
    }

    /// Marks an action of `problem` done (once).
    public func markDone(_ action: ProblemAction.ID, of problem: SectorProblem.ID) async throws -> Bool {
        try await !sql.update("reso_problem_actions").set("done_at", to: store.now)
            .where("id", .equal, action.rawValue).where("problem_id", .equal, problem.rawValue)
            .where("done_at", .is, SQLLiteral.null).returning("id").all().isEmpty
    }

    /// Links a message to a problem (or unlinks it with nil).
    public func link(_ message: ResidentMessage.ID, to problem: SectorProblem.ID?) async throws {
        try await sql.update("reso_messages").set("problem_id", to: problem?.rawValue)
            .where("id", .equal, message.rawValue).run()
    }

    /// The messages linked to a problem, without what they say.
    public func messages(of problem: SectorProblem.ID) async throws -> [MessageSummary] {
        try await store.residentMessages.linked(to: problem)
    }

    /// Where messages were, by cell, since `since` (for the repeat places), in a service.
    public func events(organisation: Organisation.ID, since: Date) async throws -> [RepeatPlaces.Event] {
        try await sql.select().columns("cell", "received_at", "sector_code").from("reso_messages")
            .where("organisation_id", .equal, organisation.rawValue).where("cell", .isNot, SQLLiteral.null)
            .where("received_at", .greaterThanOrEqual, since).all().compactMap { row in
                guard let cell = GridCell(try row.decode(column: "cell", as: String.self)) else { return nil }
                return RepeatPlaces.Event(
                    cell: cell, at: try row.decode(column: "received_at", as: Date.self),
                    sectorCode: try row.decode(column: "sector_code", as: String.self))
            }
    }

    func actions(of problem: SectorProblem.ID) async throws -> [ProblemAction] {
        let cipher = store.cipher
        return try await sql.select().column("*").from("reso_problem_actions")
            .where("problem_id", .equal, problem.rawValue).orderBy("due_on").all().map { row in
                ProblemAction(
                    id: .init(try row.decode(column: "id", as: UUID.self)), problemID: problem,
                    what: try cipher.open(try row.decode(column: "what_sealed", as: String.self)),
                    owner: try row.decode(column: "owner", as: String.self),
                    dueOn: try row.decode(column: "due_on", as: String.self),
                    doneAt: try row.decode(column: "done_at", as: Date?.self))
            }
    }

    private func seal(_ work: Work) throws -> String {
        store.cipher.seal(String(decoding: try JSONEncoder().encode(work), as: UTF8.self))
    }

    func read(_ query: SQLSelectBuilder, open: Bool) async throws -> [SectorProblem] {
        let cipher = store.cipher
        return try await query.all().map { row in
            var work = Work(analysis: "", partners: [])
            if open {
                work = try JSONDecoder().decode(
                    Work.self, from: Data(try cipher.open(try row.decode(column: "work_sealed", as: String.self)).utf8))
            }
            return SectorProblem(
                id: .init(try row.decode(column: "id", as: UUID.self)),
                organisationID: .init(try row.decode(column: "organisation_id", as: UUID.self)),
                sectorCode: try row.decode(column: "sector_code", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                place: try row.decode(column: "place", as: String.self),
                cell: try row.decode(column: "cell", as: String?.self).flatMap(GridCell.init),
                stage: SARAStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .scanning,
                analysis: work.analysis, partners: work.partners,
                assessment: try row.decode(column: "assessment", as: String?.self).flatMap(ProblemAssessment.init),
                openedAt: try row.decode(column: "opened_at", as: Date.self),
                closedAt: try row.decode(column: "closed_at", as: Date?.self))
        }
    }
}
