import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Problems worked with the SARA method, and the repeat places that call for one.
extension ResoDesk {
    /// How far back repeat places look, and how many messages make one.
    static let repeatDays = 90
    static let repeatMinimum = 3

    /// The sectors the actor works problems in: an officer's own; nil for a supervisor (every sector).
    func problemSectors() async throws -> (service: Organisation.ID, sectors: [String]?)? {
        if let service = supervised.first { return (service, nil) }
        guard let officer = try await ownOfficer(), let sector = officer.sectorCode else { return nil }
        return (officer.organisationID, [sector])
    }

    /// The problems the actor works.
    func problems() async throws -> [SectorProblem] {
        guard AccessPolicy.decide(actor, Permission(.read, .sectorProblem)).isAllowed else {
            throw AccessError.forbidden
        }
        guard let scope = try await problemSectors() else { return [] }
        return try await store.sectorProblems.list(organisation: scope.service, sectors: scope.sectors)
    }

    /// The repeat places of the actor's sectors (messages and work-log entries) that no open problem covers yet.
    func repeatPlaces() async throws -> [RepeatPlaces.Signal] {
        guard let scope = try await problemSectors() else { return [] }
        let since = context.now.addingTimeInterval(-Double(Self.repeatDays) * 86_400)
        let events =
            try await store.sectorProblems.events(organisation: scope.service, since: since)
            + store.sectorContacts.events(organisation: scope.service, since: since)
        let covered = try await problems().filter { $0.stage != .closed }.compactMap(\.cell)
        return RepeatPlaces.signals(events, now: context.now, days: Self.repeatDays, minimum: Self.repeatMinimum)
            .filter { signal in
                (scope.sectors?.contains(signal.sectorCode) ?? true)
                    && !covered.contains { $0.isNeighbour(of: signal.cell) }
            }
    }

    /// The repeat place a message belongs to, if its cell and its neighbours gather enough messages.
    func repeatPlace(of message: MessageSummary) async throws -> RepeatPlaces.Signal? {
        guard let cell = message.cell else { return nil }
        let since = context.now.addingTimeInterval(-Double(Self.repeatDays) * 86_400)
        let near = try await store.residentMessages.near(cell, organisation: message.organisationID, since: since)
        let events = near.compactMap { summary in
            summary.cell.map { RepeatPlaces.Event(cell: $0, at: summary.receivedAt, sectorCode: summary.sectorCode) }
        }
        return RepeatPlaces.signals(events, now: context.now, days: Self.repeatDays, minimum: Self.repeatMinimum)
            .first { $0.cell.isNeighbour(of: cell) }
    }

    /// A problem, for one who may do `action` to it (the officer of its sector, a supervisor of its service).
    func problemSummary(_ id: SectorProblem.ID, _ action: Permission.Action = .read) async throws -> SectorProblem {
        guard let problem = try await store.sectorProblems.summary(id) else { throw Abort(.notFound) }
        try await check(action, sector: problem.sectorCode, service: problem.organisationID)
        return problem
    }

    /// Whether the actor may work the problems of `sector` (throws when not).
    func problemSummaryAccess(sector: String, service: Organisation.ID) async throws {
        try await check(.update, sector: sector, service: service)
    }

    private func check(_ action: Permission.Action, sector: String, service: Organisation.ID) async throws {
        var relationships: Set<Relationship> = []
        if AccessPolicy.dependsOnRelationship(actor, Permission(action, .sectorProblem)),
            try await ownOfficer()?.sectorCode == sector
        {
            relationships.insert(.sectorHolder)
        }
        let target = AccessTarget.record(ownedBy: service, relationships: relationships)
        guard AccessPolicy.decide(actor, Permission(action, .sectorProblem), on: target).isAllowed else {
            throw AccessError.forbidden
        }
    }

    /// The problem with its analysis, partners, actions and linked messages: an audited read.
    func problem(_ id: SectorProblem.ID) async throws -> (
        problem: SectorProblem, actions: [ProblemAction], messages: [MessageSummary]
    ) {
        _ = try await problemSummary(id)
        guard let found = try await store.sectorProblems.problem(id, by: context.reader(for: .problemWork)) else {
            throw Abort(.notFound)
        }
        return (found.problem, found.actions, try await store.sectorProblems.messages(of: id))
    }

    /// Opens a problem in a sector; at a repeat place (`cell`), the messages there not yet linked are linked to it.
    func openProblem(title: String?, place: String?, sector: String?, cell: GridCell?) async throws -> SectorProblem {
        guard let scope = try await problemSectors() else { throw AccessError.forbidden }
        let sector = sector.trimmedNonEmpty ?? scope.sectors?.first ?? ""
        guard try await services.book.current(store).directory.sector(sector) != nil else {
            throw ValidationError([FieldProblem(field: "sector", messageKey: "reso.error.sector")])
        }
        try await check(.create, sector: sector, service: scope.service)
        let opened = try ProblemRules.open(title: title, place: place)
        let since = context.now.addingTimeInterval(-Double(Self.repeatDays) * 86_400)
        let near = try await messagesNear(cell, service: scope.service, since: since)
        let actor = actor
        let requestID = context.requestID
        return try await store.transaction { tx in
            let problem = try await tx.sectorProblems.open(
                organisation: scope.service, sector: sector, title: opened.title, place: opened.place, cell: cell,
                by: actor.userID)
            for message in near where message.problemID == nil && message.sectorCode == sector {
                try await tx.sectorProblems.link(message.id, to: problem.id)
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .sectorProblemOpened, resourceType: .sectorProblem,
                    resourceID: problem.id.description, requestID: requestID))
            return problem
        }
    }

    private func messagesNear(_ cell: GridCell?, service: Organisation.ID, since: Date) async throws
        -> [MessageSummary]
    {
        guard let cell else { return [] }
        return try await store.residentMessages.near(cell, organisation: service, since: since)
    }

    /// Saves the analysis and partners, the assessment, and moves to the next stage when asked.
    func work(_ id: SectorProblem.ID, analysis: String?, partners: String?, advance: Bool, assessment: String?)
        async throws
    {
        _ = try await problemSummary(id, .update)
        guard var problem = try await store.sectorProblems.problem(id, by: context.reader(for: .problemWork))?.problem
        else { throw Abort(.notFound) }
        let previous = problem.stage
        try ProblemRules.work(
            &problem, analysis: analysis, partners: partners, advance: advance, assessment: assessment,
            now: context.now)
        let changed = problem
        try await record(.sectorProblemWorked, on: id, purpose: changed.stage.rawValue) { tx in
            try await tx.sectorProblems.save(changed, from: previous)
        }
    }

    /// Adds an action of the response.
    func addAction(_ id: SectorProblem.ID, what: String?, owner: String?, dueOn: String?, today: String) async throws {
        let problem = try await problemSummary(id, .update)
        let action = try ProblemRules.action(on: problem, what: what, owner: owner, dueOn: dueOn, today: today)
        try await record(.sectorProblemWorked, on: id, purpose: "action") { tx in
            try await tx.sectorProblems.addAction(to: id, what: action.what, owner: action.owner, dueOn: action.dueOn)
        }
    }

    /// Marks an action done.
    func markDone(_ action: ProblemAction.ID, of id: SectorProblem.ID) async throws {
        let problem = try await problemSummary(id, .update)
        guard problem.stage != .closed else { throw ProblemRefusal.closed }
        try await record(.sectorProblemWorked, on: id, purpose: "action_done") { tx in
            guard try await tx.sectorProblems.markDone(action, of: id) else { throw Abort(.notFound) }
        }
    }

    /// Links a message to a problem of its sector (or unlinks it).
    func link(_ message: ResidentMessage.ID, to problem: SectorProblem.ID?) async throws {
        let summary = try await self.summary(message, .update)
        if let problem {
            let found = try await problemSummary(problem, .update)
            guard found.sectorCode == summary.sectorCode else { throw ProblemRefusal.otherSector }
            guard found.stage != .closed else { throw ProblemRefusal.closed }
        }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.sectorProblems.link(message, to: problem)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .residentMessageLinked, resourceType: .residentMessage,
                    resourceID: message.description, purpose: problem?.description ?? "none", requestID: requestID))
        }
    }

    private func record(
        _ action: AuditAction, on id: SectorProblem.ID, purpose: String,
        _ change: @escaping @Sendable (RelaisStore) async throws -> Void
    ) async throws {
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await change(tx)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: action, resourceType: .sectorProblem, resourceID: id.description,
                    purpose: purpose, requestID: requestID))
        }
    }
}
