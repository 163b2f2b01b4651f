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

        /// The person's work today: the platform's (an administrator's deployment health) and each programme's.
        let sections: [HomeSection]
        let roles: [Role]
        /// Whether the person holds more than one role (each table then says "what this role lets you do").
        var several: Bool { roles.count > 1 }

        enum CodingKeys: CodingKey { case sections, hasSections, roles, several }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sections, forKey: .sections)
            try container.encode(!sections.isEmpty, forKey: .hasSections)
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
        var sections = try await health(request)
        for programme in request.application.programmes { sections += try await programme.home(request) }
        let content = HomeContent(sections: sections, roles: roles)
        return try await request.renderPage("home", title: request.t("home.title"), content: content)
    }

    /// An administrator's view of the deployment: the database answering, e-mail waiting or given up, the audit
    /// log's latest entry.
    private func health(_ request: Request) async throws -> [HomeSection] {
        guard let actor = request.actor, AccessPolicy.decide(actor, Permission(.read, .auditLog)).isAllowed,
            AccessPolicy.decide(actor, Permission(.update, .user)).isAllowed
        else { return [] }
        let store = request.store
        let answers = await store.ping()
        var items = [
            HomeSection.Item(
                text: request.t(answers ? "home.health.database_ok" : "home.health.database_down"), urgent: !answers)
        ]
        let mail = try await store.outbox.counts()
        if request.relais.config.smtp == nil {
            items.append(
                .init(text: request.t("home.health.mail_off"), link: AccountsAdminController.mailPath, urgent: true))
        }
        items.append(
            .init(
                text: request.t("home.health.mail", String(mail.waiting), String(mail.givenUp)),
                link: AccountsAdminController.mailPath, urgent: mail.givenUp > 0))
        let format = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        if let backup = try await store.audit.entries(.init(action: .backupRecorded, limit: 1)).first {
            let days = store.now.timeIntervalSince(backup.occurredAt) / 86_400
            items.append(
                .init(text: request.t("home.health.backup", format.string(from: backup.occurredAt)), urgent: days > 1.5)
            )
        } else {
            items.append(.init(text: request.t("home.health.no_backup"), urgent: true))
        }
        if let last = try await store.audit.entries(.init(limit: 1)).first {
            items.append(
                .init(
                    text: request.t("home.health.audit", String(last.sequence), format.string(from: last.occurredAt)),
                    link: "/admin/journal"))
        }
        return [HomeSection(title: request.t("home.health.title"), items: items, empty: "")]
    }

    struct AboutContent: Encodable {}

    @Sendable func aboutData(_ request: Request) async throws -> View {
        try await request.renderPage("about-data", title: request.t("about.title"), content: AboutContent())
    }
}
