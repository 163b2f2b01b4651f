import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Administration pages: staff accounts and the audit log.
struct AdminController {
    static let usersPath = "/admin/comptes"
    static let auditPath = "/admin/journal"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "admin", "comptes", access: .permission(Permission(.read, .user)), use: users)
        routes.on(.GET, "admin", "journal", access: .permission(Permission(.read, .auditLog)), use: auditLog)
    }

    struct UsersContent: Encodable {
        struct Row: Encodable {
            struct Role: Encodable {
                let roleKey: String
                let organisationName: String
            }

            let displayName: String
            let email: String
            let roles: [Role]
            let organisationName: String
            /// Its roles page, for whoever may change them.
            let manageLink: String?
            let hasSecondFactor: Bool
            let isActive: Bool
        }

        let rows: [Row]
        /// Whether the reader may create accounts (and see the e-mail that could not go).
        let mayCreate: Bool
    }

    /// The staff list. Names and e-mails are personal information: each account shown is an audited read.
    @Sendable func users(_ request: Request) async throws -> View {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let store = request.store
        let scope = request.accessScope ?? .ownOrganisation
        let requestID = request.requestID
        let (users, organisations) = try await store.transaction { tx in
            var users: [User] = []
            if scope == .everywhere {
                users = try await tx.accounts.users()
            } else {
                for organisation in actor.organisations(for: Permission(.read, .user)) {
                    users += try await tx.accounts.users(in: organisation)
                }
            }
            let organisations = try await tx.accounts.organisations()
            for user in users {
                try await tx.audit.append(
                    .read(.user, user.id.description, by: actor, for: .accountAdministration, requestID: requestID))
            }
            return (users, organisations)
        }
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        let rows = users.map { user in
            let manages = AccessPolicy.decide(
                actor, Permission(.update, .user), on: .record(ownedBy: user.organisationID))
            return UsersContent.Row(
                displayName: user.displayName, email: user.email,
                roles: user.memberships.map {
                    .init(roleKey: $0.role.labelKey, organisationName: names[$0.organisationID] ?? "")
                },
                organisationName: names[user.organisationID] ?? "",
                manageLink: manages.isAllowed ? MembershipsController.path(of: user.id) : nil,
                hasSecondFactor: user.hasSecondFactor, isActive: user.isActive)
        }
        return try await request.renderPage(
            "admin-users", title: request.t("users.title"),
            content: UsersContent(
                rows: rows,
                mayCreate: AccessPolicy.decide(actor, Permission(.create, .user), on: .collection).isAllowed))
    }

    struct AuditContent: Encodable {
        struct Row: Encodable {
            let sequence: Int64
            let occurredAt: String
            let actor: String
            let roleKey: String?
            let actionKey: String
            let outcome: String
            let resource: String
            let purpose: String
        }

        struct Option: Encodable {
            let value: String
            let labelKey: String
            let selected: Bool
        }

        let rows: [Row]
        let actions: [Option]
        let outcomes: [Option]
        let olderLink: String?
        let person: String
        let resourceType: String
        let resourceID: String
        let from: String
        let to: String
        let problems: [FieldProblem]
        let hasProblems: Bool
    }

    /// The audit log, newest first, filtered by action and outcome, 50 entries a page.
    @Sendable func auditLog(_ request: Request) async throws -> Response {
        let query: AuditQuery
        do {
            query = try await AuditQuery(request, emptyMeansAll: true)
        } catch let error as ValidationError {
            return try await auditPage(request, entries: [], filter: AuditStore.Filter(), problems: error.problems)
                .encodeResponse(status: .unprocessableEntity, for: request)
        }
        return try await auditPage(
            request, entries: try await request.store.audit.entries(query.filter), filter: query.filter, problems: []
        ).encodeResponse(for: request)
    }

    private func auditPage(
        _ request: Request, entries: [AuditEntry], filter: AuditStore.Filter, problems: [FieldProblem]
    ) async throws -> View {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        // The names of the staff shown: each account read is an audited read, as on the staff list.
        let requestID = request.requestID
        let ids = Array(Set(entries.compactMap(\.actorUserID)))
        let names = try await request.store.transaction { tx -> [User.ID: String] in
            var names: [User.ID: String] = [:]
            for id in ids {
                guard let user = try await tx.accounts.user(id) else { continue }
                names[id] = user.displayName
                try await tx.audit.append(
                    .read(.user, id.description, by: actor, for: .accountAdministration, requestID: requestID))
            }
            return names
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: request.language == .french ? "fr_CA" : "en_CA")
        formatter.timeZone = request.relais.config.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let rows = entries.map {
            AuditContent.Row(
                sequence: $0.sequence, occurredAt: formatter.string(from: $0.occurredAt),
                actor: $0.actorUserID.map { names[$0] ?? String($0.description.prefix(8)) } ?? "—",
                roleKey: $0.actorRole?.labelKey, actionKey: $0.action.labelKey,
                outcome: "audit_outcome.\($0.outcome.rawValue)",
                resource: [$0.resourceType, $0.resourceID.map { String($0.prefix(8)) }].compactMap { $0 }
                    .joined(separator: " "),
                purpose: $0.purpose.map { purpose in
                    let key = "audit_purpose.\(purpose)"
                    let text = request.t(key)
                    return text == key ? purpose : text
                } ?? "")
        }
        var older: String?
        let typed = URLComponents(string: request.url.string)?.queryItems ?? []
        if entries.count == filter.limit, let last = entries.last {
            var components = URLComponents()
            components.path = Self.auditPath
            components.queryItems =
                typed.filter { $0.name != "before" } + [
                    URLQueryItem(name: "before", value: String(last.sequence))
                ]
            older = components.string
        }
        func value(_ name: String) -> String { typed.first { $0.name == name }?.value ?? "" }
        let content = AuditContent(
            rows: rows,
            actions: Programmes.auditActions.map {
                .init(value: $0.rawValue, labelKey: $0.labelKey, selected: $0 == filter.action)
            },
            outcomes: AuditOutcome.allCases.map {
                .init(value: $0.rawValue, labelKey: "audit_outcome.\($0.rawValue)", selected: $0 == filter.outcome)
            },
            olderLink: older, person: value("personne"), resourceType: value("ressource"), resourceID: value("numero"),
            from: value("du"), to: value("au"), problems: problems, hasProblems: !problems.isEmpty)
        return try await request.renderPage("admin-audit", title: request.t("audit.title"), content: content)
    }
}

/// The audit log's filters as sent in a query string, shared by the page and the API.
struct AuditQuery {
    let filter: AuditStore.Filter

    /// Reads `action`, `outcome`, `before` and `limit`; on the page also `personne` (an account's e-mail),
    /// `ressource` (a record's type), `numero` (its id) and the days `du` and `au`. An empty filter means "all" there.
    /// - Throws: ``ValidationError`` naming each malformed parameter.
    init(_ request: Request, emptyMeansAll: Bool = false) async throws {
        var query = QueryParameters(request, emptyMeansAbsent: emptyMeansAll)
        var filter = AuditStore.Filter()
        if emptyMeansAll {
            let day = DateFormatter.day(in: request.relais.config.timeZone)
            filter.from = query.value("du", invalid: "error.audit.date_invalid") { day.date(from: $0) }
            filter.to = query.value("au", invalid: "error.audit.date_invalid") { day.date(from: $0) }
                .map { $0.addingTimeInterval(86_400) }
            filter.resourceType = query.value("ressource", invalid: "error.audit.resource_invalid") { type in
                type.count <= 50 && type.allSatisfy({ $0.isLetter || $0 == "_" }) ? type : nil
            }
            filter.resourceID = query.value("numero", invalid: "error.audit.resource_invalid") {
                $0.count <= 100 ? $0.trimmed : nil
            }
            if let email = query.value(
                "personne", invalid: "error.audit.person_unknown", { $0.count <= 254 ? $0 : nil })
            {
                if let user = try await request.store.accounts.credentials(email: email)?.user {
                    filter.actorUserID = user.id
                } else {
                    query.refuse("personne", messageKey: "error.audit.person_unknown")
                }
            }
        }
        filter.action = query.value("action", invalid: "error.audit.action_unknown") { text in
            Programmes.auditActions.first { $0.rawValue == text }
        }
        filter.outcome = query.value("outcome", invalid: "error.audit.outcome_unknown") { AuditOutcome(rawValue: $0) }
        filter.beforeSequence = query.value("before", invalid: "error.audit.before_invalid") {
            Int64($0).flatMap { (1...AuditEntry.maximumSequence).contains($0) ? $0 : nil }
        }
        if let limit = query.value(
            "limit", invalid: "error.audit.limit_invalid", { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } })
        {
            filter.limit = limit
        }
        try query.check()
        self.filter = filter
    }
}
