import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A meeting's follow-up: its minutes (attendance and discussion by theme), the concerns raised, the actions decided,
/// and an action's next step.
extension CommitteeMeetingsPagesController {
    struct MinutesForm: Content {
        var members: [String]?
        var organisations: String?
        var residents: String?
        var security: String?
        var perception: String?
        var relations: String?
        var solutions: String?
    }

    @Sendable func minutes(_ request: Request) async throws -> Response {
        let form = try request.content.decode(MinutesForm.self)
        return try await step(request, notice: "committees.minutes_saved") { desk, id in
            let (meeting, _, committee) = try await desk.meeting(id, .update)
            let day = Evening.day(of: meeting.meeting.startsAt, timeZone: desk.timeZone)
            let seated = try await request.store.committees.mandates(committees: [committee.id])
                .filter { $0.isActive(on: day) }.map(\.memberID)
            let minutes = try MinutesRules.minutes(
                members: form.members ?? [], seated: seated, organisations: form.organisations,
                residents: form.residents,
                discussion: [
                    .security: form.security ?? "", .perception: form.perception ?? "",
                    .relations: form.relations ?? "", .solutions: form.solutions ?? "",
                ])
            try await desk.record(minutes, of: id)
        }
    }

    struct ConcernForm: Content {
        var theme: String?
        var community: String?
        var borough: String?
        var summary: String?
    }

    @Sendable func concern(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ConcernForm.self)
        let values = [
            "theme": form.theme ?? "", "community": form.community ?? "", "borough": form.borough ?? "",
            "summary": form.summary ?? "",
        ]
        return try await step(request, notice: "committees.concern_raised", values: values) { desk, id in
            let boroughs = try await request.store.territories.all(level: .borough).map(\.code)
            let fields = try MinutesRules.concern(
                theme: form.theme, community: form.community, borough: form.borough, boroughs: boroughs,
                summary: form.summary)
            try await desk.raise(fields, at: id)
        }
    }

    struct ActionForm: Content {
        var what: String?
        var owner: String?
        var due: String?
        var concern: String?
    }

    @Sendable func action(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ActionForm.self)
        let values = ["what": form.what ?? "", "owner": form.owner ?? "", "due": form.due ?? ""]
        return try await step(request, notice: "committees.action_added", values: values) { desk, id in
            let fields = try MinutesRules.action(what: form.what, owner: form.owner, due: form.due)
            try await desk.addAction(fields, concern: form.concern.flatMap { Concern.ID($0) }, at: id)
        }
    }

    struct StepForm: Content {
        var status: String?
        var back: String?
    }

    @Sendable func step(_ request: Request) async throws -> Response {
        let form = try request.content.decode(StepForm.self)
        let desk = CommitteeDesk(context: try request.deskContext())
        let id: CommitteeAction.ID = try ESUPPages.id(request)
        guard let status = form.status.flatMap(ActionStatus.init(rawValue:)) else { throw Abort(.unprocessableEntity) }
        let committee = try await desk.step(id, to: status)
        let back =
            form.back.map { LocalPath.sanitised($0) }.flatMap { $0 == "/" ? nil : $0 }
            ?? CommitteesPagesController.path(committee)
        return request.redirect(
            to: back + (back.contains("?") ? "&" : "?") + "avis=committees.action_saved", redirectType: .normal)
    }
}
