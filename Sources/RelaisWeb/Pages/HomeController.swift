import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The home page: who you are, your organisation, and what your role lets you do.
struct HomeController {
    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, access: .signedIn, use: home)
        routes.on(.GET, "a-propos-des-donnees", access: .public, use: aboutData)
    }

    struct HomeContent: Encodable {
        struct Grant: Encodable {
            let resourceKey: String
            let actionKeys: [String]
            /// How far each action reaches, in the order of the actions, each scope once.
            let scopeKeys: [String]
        }

        let organisationName: String
        let organisationKindKey: String
        let grants: [Grant]
    }

    @Sendable func home(_ request: Request) async throws -> View {
        guard let user = request.currentUser else { throw AccessError.signInRequired }
        let organisation = try await request.store.accounts.organisation(user.organisationID)
        let granted = AccessPolicy.grants[user.role] ?? [:]
        let grants = Permission.Resource.allCases.compactMap { resource -> HomeContent.Grant? in
            let actions = Permission.Action.allCases.filter { granted[Permission($0, resource)] != nil }
            guard !actions.isEmpty else { return nil }
            return .init(
                resourceKey: "resource.\(resource.rawValue)",
                actionKeys: actions.map { "action.\($0.rawValue)" },
                scopeKeys: actions.compactMap { granted[Permission($0, resource)]?.labelKey }.reduce(into: []) {
                    if !$0.contains($1) { $0.append($1) }
                })
        }
        let content = HomeContent(
            organisationName: organisation?.name ?? "",
            organisationKindKey: organisation?.kind.labelKey ?? "",
            grants: grants)
        return try await request.renderPage("home", title: request.t("home.title"), content: content)
    }

    struct AboutContent: Encodable {}

    @Sendable func aboutData(_ request: Request) async throws -> View {
        try await request.renderPage("about-data", title: request.t("about.title"), content: AboutContent())
    }
}
