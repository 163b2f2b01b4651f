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
    /// The home membership's role.
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

    /// The catalogue key of a notice named in `?avis=`: the platform's `notice.<name>`, a programme's
    /// `<programme>.notice.<name>` for `<programme>.<name>`.
    static func noticeKey(_ name: String) -> String {
        guard let dot = name.firstIndex(of: ".") else { return "notice.\(name)" }
        return "\(name[..<dot]).notice.\(name[name.index(after: dot)...])"
    }

    private func chrome() -> PageChrome {
        let other: Language = language == .french ? .english : .french
        let notice = query[String.self, at: "avis"].map(Self.noticeKey)
        return PageChrome(
            lang: language.rawValue,
            otherLang: other.rawValue,
            otherLangLabel: other == .english ? "English" : "Français",
            csrf: csrfToken,
            path: url.path,
            signedIn: currentUser != nil,
            userName: currentUser?.displayName,
            roleKey: currentUser?.memberships.first?.role.labelKey,
            nav: navigation(),
            noticeKey: notice.flatMap { relais.catalogue.entries[language]?[$0] != nil ? $0 : nil }
        )
    }

    /// Home, then each enabled programme's entries, then the platform's: the directory's staff page, accounts, the
    /// audit log and one's own account — each shown when the actor's grants admit it.
    private func navigation() -> [PageChrome.NavItem] {
        guard let actor else { return [] }
        let platform = [
            NavigationEntry(path: ResourcePagesController.path, labelKey: "nav.my_resource") {
                AccessPolicy.decide($0, ResourceDesk.update) == .allowed(.ownOrganisation)
            },
            NavigationEntry(path: AdminController.usersPath, labelKey: "nav.users") {
                AccessPolicy.decide($0, Permission(.read, .user)).isAllowed
            },
            NavigationEntry(path: AdminController.auditPath, labelKey: "nav.audit") {
                AccessPolicy.decide($0, Permission(.read, .auditLog)).isAllowed
            },
        ]
        let entries =
            [NavigationEntry(path: "/", labelKey: "nav.home") { _ in true }]
            + application.programmes.flatMap(\.navigation) + platform
            + [NavigationEntry(path: AccountController.path, labelKey: "nav.account") { _ in true }]
        return entries.filter { $0.shown(actor) }.map {
            .init(href: $0.path, labelKey: $0.labelKey, current: $0.path == url.path)
        }
    }
}
