import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The home page: who you are, and what each role you hold lets you do, in its organisation.
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

        /// One role the person holds, and what it lets them do.
        struct Role: Encodable {
            let organisationName: String
            let roleKey: String
            let grants: [Grant]
        }

        let roles: [Role]
        /// Whether the person holds more than one role (each table then says "what this role lets you do").
        var several: Bool { roles.count > 1 }

        enum CodingKeys: CodingKey { case roles, several }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(roles, forKey: .roles)
            try container.encode(several, forKey: .several)
        }
    }

    @Sendable func home(_ request: Request) async throws -> View {
        guard let user = request.currentUser else { throw AccessError.signInRequired }
        let access = request.relais.access
        var roles: [HomeContent.Role] = []
        for membership in user.memberships {
            let organisation = try await request.store.accounts.organisation(membership.organisationID)
            let granted = access.permissions(of: membership.role)
            let grants = access.grants.resources.compactMap { resource -> HomeContent.Grant? in
                let actions = Permission.Action.allCases.filter { granted[Permission($0, resource)] != nil }
                guard !actions.isEmpty else { return nil }
                return .init(
                    resourceKey: resource.labelKey,
                    actionKeys: actions.map { "action.\($0.rawValue)" },
                    scopeKeys: actions.compactMap { granted[Permission($0, resource)]?.labelKey }.reduce(into: []) {
                        if !$0.contains($1) { $0.append($1) }
                    })
            }
            roles.append(
                .init(organisationName: organisation?.name ?? "", roleKey: membership.role.labelKey, grants: grants))
        }
        let content = HomeContent(roles: roles)
        return try await request.renderPage("home", title: request.t("home.title"), content: content)
    }

    struct AboutContent: Encodable {}

    @Sendable func aboutData(_ request: Request) async throws -> View {
        try await request.renderPage("about-data", title: request.t("about.title"), content: AboutContent())
    }
}
