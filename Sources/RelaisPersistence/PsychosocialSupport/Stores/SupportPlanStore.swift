import Foundation
import RelaisCore
import SQLKit

/// Support plans (sealed; each rewrite kept, the latest in force) and follow-up tasks.
public struct SupportPlanStore: Sendable {
    let store: RelaisStore
    var sql: any SQLDatabase {
        get throws {
            guard let sql = store.database as? any SQLDatabase else { throw NotSQLDatabase() }
            return sql
        }
    }

    /// Writes a plan for the person (the plan in force from now; `date` is now unless the demo gives one).
    public func write(
        _ content: SupportPlanContent, for person: Person.ID, team: Organisation.ID, by userID: User.ID?,
        at date: Date? = nil
    ) async throws -> SupportPlan {
        let plan = SupportPlan(
            id: SupportPlan.ID(UUID()), personID: person, teamID: team, content: content,
            writtenAt: date ?? store.now, writtenBy: userID)
        try await store.insert(
            into: "esup_support_plans",
            [
                ("id", .uuid(plan.id.rawValue)), ("person_id", .uuid(person.rawValue)),
                ("team_id", .uuid(team.rawValue)),
                ("content_sealed", .text(store.cipher.seal(try ConsultStore.json(content)))),
                ("review_on", .text(content.reviewOn)), ("written_at", .date(plan.writtenAt)),
                ("written_by", .uuid(userID?.rawValue)),
            ])
        return plan
    }

    /// The plan in force for any of `people` (a person and the records merged into it): the latest written, opened
    /// for `reader`; the read is audited in the same transaction, as a read of the person.
    public func current(for people: [Person.ID], by reader: Reader) async throws -> SupportPlan? {
        guard !people.isEmpty else { return nil }
        // A plan is part of the person's record: its reads are in the person's record of reads.
        return try await store.audited(.person, by: reader, id: { (plan: SupportPlan) in plan.personID.description }) {
            tx in
            guard
                let row = try await tx.supportPlans.sql.select().column("*").from("esup_support_plans")
                    .where("person_id", .in, people.map(\.rawValue)).orderBy("written_at", .descending).limit(1)
                    .first()
            else { return nil }
            return SupportPlan(
                id: SupportPlan.ID(try row.decode(column: "id", as: UUID.self)),
                personID: Person.ID(try row.decode(column: "person_id", as: UUID.self)),
                teamID: Organisation.ID(try row.decode(column: "team_id", as: UUID.self)),
                content: try JSONDecoder().decode(
                    SupportPlanContent.self,
                    from: Data(try tx.cipher.open(try row.decode(column: "content_sealed", as: String.self)).utf8)),
                writtenAt: try row.decode(column: "written_at", as: Date.self),
                writtenBy: try row.decode(column: "written_by", as: UUID?.self).map(User.ID.init))
        }
    }

    /// When each of the team's people first had a plan, for the measures.
    public func firstPlans(team: Organisation.ID) async throws -> [(Person.ID, Date)] {
        try await sql.select().column("person_id").column(
            SQLFunction("MIN", args: SQLIdentifier("written_at")), as: "first"
        )
        .from("esup_support_plans").where("team_id", .equal, team.rawValue).groupBy("person_id").all().map { row in
            (
                Person.ID(try row.decode(column: "person_id", as: UUID.self)),
                try row.decode(column: "first", as: Date.self)
            )
        }
    }

    // MARK: tasks

    public func addTask(
        team: Organisation.ID, consult: Consult.ID?, person: Person.ID?, what: String, assignee: User.ID, dueOn: String
    ) async throws -> FollowUpTask {
        let task = FollowUpTask(
            id: FollowUpTask.ID(UUID()), teamID: team, consultID: consult, personID: person, what: what,
            assigneeID: assignee, dueOn: dueOn)
        try await store.insert(
            into: "esup_tasks",
            [
                ("id", .uuid(task.id.rawValue)), ("team_id", .uuid(team.rawValue)),
                ("consult_id", .uuid(consult?.rawValue)), ("person_id", .uuid(person?.rawValue)),
                ("what_sealed", .text(store.cipher.seal(what))), ("assignee_id", .uuid(assignee.rawValue)),
                ("due_on", .text(dueOn)), ("created_at", .date(store.now)),
            ])
        return task
    }

    /// The team's tasks not done yet, the soonest due first, opened for `reader` (audited when there are any).
    public func openTasks(team: Organisation.ID, by reader: Reader) async throws -> [FollowUpTask] {
        try await audited(by: reader) { tx in
            try tx.supportPlans.sql.select().column("*").from("esup_tasks").where("team_id", .equal, team.rawValue)
                .where("done_at", .is, SQLLiteral.null).orderBy("due_on").limit(100)
        }
    }

    /// The tasks about a consult, opened for `reader` (audited when there are any).
    public func tasks(consult: Consult.ID, by reader: Reader) async throws -> [FollowUpTask] {
        try await audited(by: reader) { tx in
            try tx.supportPlans.sql.select().column("*").from("esup_tasks")
                .where("consult_id", .equal, consult.rawValue).orderBy("due_on")
        }
    }

    /// The team a task belongs to, nothing sealed opened.
    public func team(ofTask id: FollowUpTask.ID) async throws -> Organisation.ID? {
        try await sql.select().column("team_id").from("esup_tasks").where("id", .equal, id.rawValue).first()
            .map { Organisation.ID(try $0.decode(column: "team_id", as: UUID.self)) }
    }

    private func audited(by reader: Reader, _ query: @escaping @Sendable (RelaisStore) throws -> SQLSelectBuilder)
        async throws -> [FollowUpTask]
    {
        try await store.audited(.supportPlan, by: reader, id: { (_: [FollowUpTask]) in nil }) { tx in
            let found = try await tx.supportPlans.tasks(try query(tx))
            return found.isEmpty ? nil : found
        } ?? []
    }

    /// Marks a task done.
    public func complete(_ id: FollowUpTask.ID) async throws {
        try await sql.update("esup_tasks").set("done_at", to: store.now).where("id", .equal, id.rawValue)
            .where("done_at", .is, SQLLiteral.null).run()
    }

    private func tasks(_ query: SQLSelectBuilder) async throws -> [FollowUpTask] {
        try await query.all().map { row in
            FollowUpTask(
                id: FollowUpTask.ID(try row.decode(column: "id", as: UUID.self)),
                teamID: Organisation.ID(try row.decode(column: "team_id", as: UUID.self)),
                consultID: try row.decode(column: "consult_id", as: UUID?.self).map(Consult.ID.init),
                personID: try row.decode(column: "person_id", as: UUID?.self).map(Person.ID.init),
                what: try store.cipher.open(try row.decode(column: "what_sealed", as: String.self)),
                assigneeID: User.ID(try row.decode(column: "assignee_id", as: UUID.self)),
                dueOn: try row.decode(column: "due_on", as: String.self),
                doneAt: try row.decode(column: "done_at", as: Date?.self))
        }
    }
}
