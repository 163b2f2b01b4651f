import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A line of the actions' lists: what, who, by when, where it stands, and the step to take.
struct ActionRow: Encodable {
    let id: String
    let committee: String
    let what: String
    let owner: String
    let due: String
    let statusKey: String
    let late: Bool
    let done: Bool
    let next: String
    let nextKey: String
}

/// `/comites/suivi`: the concerns and actions of every committee the actor follows — a coordinator's structure, a
/// member's committees, and for the strategic committee's members every committee (its view of the whole
/// structure) — filtered by committee, theme and status; open actions carried until done.
struct FollowUpPageController {
    static let path = "/comites/suivi"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "comites", "suivi", access: .permission(Permission(.read, .committee)), use: show)
    }

    static func rows(_ actions: [CommitteeAction], committees: [Committee], request: Request, today: String)
        -> [ActionRow]
    {
        actions.sorted { ($0.status == .done ? 1 : 0, $0.dueOn) < ($1.status == .done ? 1 : 0, $1.dueOn) }.map {
            action in
            let next: ActionStatus = action.status == .open ? .underway : .done
            return ActionRow(
                id: action.id.description,
                committee: committees.first { $0.id == action.committeeID }?.name(request.language) ?? "",
                what: action.what, owner: action.owner, due: action.dueOn, statusKey: action.status.labelKey,
                late: action.isLate(today: today), done: action.status == .done, next: next.rawValue,
                nextKey: "committees.action_to.\(next.rawValue)")
        }
    }

    struct ConcernRow: Encodable {
        let committee: String
        let day: String
        let themeKey: String
        let communityKey: String
        let summary: String
    }

    @Sendable func show(_ request: Request) async throws -> View {
        let desk = CommitteeDesk(context: try request.deskContext())
        let committees = try await desk.followed()
        let chosen = request.query[String.self, at: "comite"].flatMap { code in committees.first { $0.code == code } }
        let theme = request.query[String.self, at: "theme"].flatMap(CommitteeTheme.init(rawValue:))
        let status = request.query[String.self, at: "etat"].flatMap(ActionStatus.init(rawValue:))
        let ids = (chosen.map { [$0] } ?? committees).map(\.id)
        let since = CivilDay.adding(years: -1, to: desk.today) ?? desk.today
        let concerns = try await request.store.committeeWork.concerns(committees: ids, since: since)
            .filter { theme == nil || $0.theme == theme }
        let actions = try await request.store.committeeWork.actions(committees: ids, doneSince: since)
            .filter { status == nil || $0.status == status }
        struct Content: Encodable {
            let committees: [Choice]
            let themes: [Choice]
            let statuses: [Choice]
            let concerns: [ConcernRow]
            let hasConcerns: Bool
            let actions: [ActionRow]
            let hasActions: Bool
            let coordinator: Bool
            let back: String
        }
        let language = request.language
        return try await request.renderPage(
            "committees/follow-up", title: request.t("committees.follow_up.title"),
            content: Content(
                committees: committees.map {
                    Choice(value: $0.code, label: $0.name(language), checked: $0.id == chosen?.id)
                },
                themes: CommitteeTheme.allCases.map {
                    Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: $0 == theme)
                },
                statuses: ActionStatus.allCases.map {
                    Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: $0 == status)
                },
                concerns: concerns.prefix(300).map { concern in
                    ConcernRow(
                        committee: committees.first { $0.id == concern.committeeID }?.name(language) ?? "",
                        day: concern.raisedOn, themeKey: concern.theme.labelKey,
                        communityKey: concern.community.labelKey, summary: concern.summary)
                }, hasConcerns: !concerns.isEmpty,
                actions: Self.rows(actions, committees: committees, request: request, today: desk.today),
                hasActions: !actions.isEmpty, coordinator: !desk.coordinated.isEmpty,
                back: Self.path))
    }
}
