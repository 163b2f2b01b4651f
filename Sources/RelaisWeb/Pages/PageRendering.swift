import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// What every page shows around its content: language, the signed-in user, navigation and the form token.
struct PageChrome: Encodable {
    struct NavItem: Encodable {
        let href: String
        let labelKey: String
        let current: Bool
    }

    let lang: String
    let otherLang: String
    let otherLangLabel: String
    let csrf: String
    let path: String
    let signedIn: Bool
    let userName: String?
    let roleKey: String?
    let nav: [NavItem]
    let noticeKey: String?
}

/// A whole page: its chrome, its title and its own content.
struct Page<Content: Encodable>: Encodable {
    let chrome: PageChrome
    let title: String
    let content: Content
}

extension Request {
    /// Runs a page form's action, then goes back to `path` with the action's notice (`?avis=…`), or renders the
    /// page again with what went wrong: 422 for input, 409 for a conflict (nothing was written then).
    func respondToForm(
        returningTo path: String, render: (any DomainError) async throws -> View,
        _ action: () async throws -> String?
    ) async throws -> Response {
        do {
            let notice = try await action()
            return redirect(to: notice.map { "\(path)?avis=\($0)" } ?? path, redirectType: .normal)
        } catch let error as any DomainError where error.kind == .invalidInput || error.kind == .conflict {
            return try await render(error).encodeResponse(
                status: error.kind == .conflict ? .conflict : .unprocessableEntity, for: self)
        }
    }

    /// Renders `Resources/Views/<template>.leaf` with the chrome around `content`.
    func renderPage<Content: Encodable>(_ template: String, title: String, content: Content) async throws -> View {
        try await view.render(template, Page(chrome: chrome(), title: title, content: content))
    }

    private func chrome() -> PageChrome {
        let other: Language = language == .french ? .english : .french
        let notice = query[String.self, at: "avis"].map { "notice.\($0)" }
        return PageChrome(
            lang: language.rawValue,
            otherLang: other.rawValue,
            otherLangLabel: other == .english ? "English" : "Français",
            csrf: csrfToken,
            path: url.path,
            signedIn: currentUser != nil,
            userName: currentUser?.displayName,
            roleKey: currentUser?.role.labelKey,
            nav: navigation(),
            noticeKey: notice.flatMap { relais.catalogue.entries[language]?[$0] != nil ? $0 : nil }
        )
    }

    private func navigation() -> [PageChrome.NavItem] {
        guard let actor else { return [] }
        var items: [(String, String)] = [("/", "nav.home")]
        if AccessPolicy.decide(actor, Permission(.read, .serviceRequest)).isAllowed {
            items.append((DispatchPagesController.boardPath, "nav.board"))
        }
        if AccessPolicy.decide(actor, Permission(.create, .serviceRequest)).isAllowed {
            items.append((DispatchPagesController.intakePath, "nav.intake"))
        }
        if AccessPolicy.decide(actor, Permission(.update, .mobileTeam)).isAllowed, actor.role != .mobileWorker {
            items.append((RosterPageController.path, "nav.roster"))
        }
        if AccessPolicy.decide(actor, Permission(.read, .statistics)).isAllowed {
            items.append((StatisticsPageController.path, "nav.statistics"))
        }
        if actor.role == .mobileWorker {
            items.append((MobilePagesController.path, "nav.mobile"))
        }
        if AccessPolicy.decide(actor, ResourceDesk.update) == .allowed(.ownOrganisation) {
            items.append((ResourcePagesController.path, "nav.my_resource"))
        }
        if AccessPolicy.decide(actor, Permission(.read, .user)).isAllowed {
            items.append((AdminController.usersPath, "nav.users"))
        }
        if AccessPolicy.decide(actor, Permission(.read, .auditLog)).isAllowed {
            items.append((AdminController.auditPath, "nav.audit"))
        }
        items.append((AccountController.path, "nav.account"))
        return items.map { .init(href: $0.0, labelKey: $0.1, current: $0.0 == url.path) }
    }
}
