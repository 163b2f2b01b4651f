import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What an administrator does to accounts from pages: create one (the person gets an invitation e-mail to choose
/// their password), disable and re-enable one, and see the e-mail that could not be sent (and send it again).
struct AccountsAdminController {
    static let newPath = "/admin/comptes/nouveau"
    static let mailPath = "/admin/courriels"

    func register(on routes: any RoutesBuilder) {
        let creates = RouteAccess.permission(Permission(.create, .user))
        let manage = RouteAccess.permission(Permission(.update, .user))
        routes.on(.GET, "admin", "comptes", "nouveau", access: creates, use: showNew)
        routes.on(.POST, "admin", "comptes", "nouveau", access: creates, use: create)
        routes.on(.POST, "admin", "comptes", ":user", "desactiver", access: manage, use: disable)
        routes.on(.POST, "admin", "comptes", ":user", "reactiver", access: manage, use: enable)
        routes.on(.GET, "admin", "courriels", access: manage, use: mail)
        routes.on(.POST, "admin", "courriels", ":message", "renvoyer", access: manage, use: retry)
    }

    struct NewForm: Content {
        var displayName: String?
        var email: String?
        var role: String?
        var organisation: String?
        var language: String?
    }

    struct NewContent: Encodable {
        var values = NewForm()
        var errors: [String: String] = [:]
        var problems: [FieldProblem] = []
        var hasProblems = false
        var roles: [Choice] = []
        var organisations: [Choice] = []
        var languages: [Choice] = []
    }

    @Sendable func showNew(_ request: Request) async throws -> Response {
        try await newPage(request, NewForm(), problems: [], status: .ok)
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        guard let actor = request.actor, let admin = request.currentUser else { throw AccessError.signInRequired }
        let form = try request.content.decode(NewForm.self)
        let name = (form.displayName ?? "").trimmed
        let email = (form.email ?? "").trimmed.lowercased()
        var problems: [FieldProblem] = []
        if name.isEmpty || name.count > 200 {
            problems.append(.init(field: "displayName", messageKey: "error.user.name"))
        }
        if !MailAddress.isPlain(email) { problems.append(.init(field: "email", messageKey: "error.user.email")) }
        let role = form.role.flatMap(Role.init(rawValue:))
        if role == nil { problems.append(.init(field: "role", messageKey: "error.user.role")) }
        let organisation = try await form.organisation.flatMap(Organisation.ID.init).asyncFlatMap {
            try await request.store.accounts.organisation($0)
        }
        if organisation == nil { problems.append(.init(field: "organisation", messageKey: "error.user.organisation")) }
        let language = form.language.flatMap(Language.init(rawValue:)) ?? request.relais.config.defaultLanguage
        if problems.isEmpty, try await request.store.accounts.credentials(email: email) != nil {
            problems.append(.init(field: "email", messageKey: "error.user.email_taken"))
        }
        guard problems.isEmpty, let role, let organisation else {
            return try await newPage(request, form, problems: problems, status: .unprocessableEntity)
        }
        // A password nobody knows, until the person chooses theirs through the invitation.
        let placeholder = try await request.passwords.hash(SecretToken.generate())
        let mail = AccountMail(catalogue: request.relais.catalogue, publicURL: request.relais.config.publicURL)
        let requestID = request.requestID
        let user = try await request.store.transaction { tx in
            let user = try await tx.accounts.createUser(
                email: email, displayName: name, role: role, organisationID: organisation.id,
                passwordHash: placeholder, language: language)
            let token = try await tx.passwordTokens.issue(for: user.id, purpose: .invitation)
            try await tx.outbox.enqueue(
                mail.invitation(to: user, organisation: organisation.name, invitedBy: admin.displayName, token: token),
                purpose: "invitation")
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .userInvited, resourceType: .user, resourceID: user.id.description,
                    requestID: requestID))
            return user
        }
        return request.redirect(
            to: MembershipsController.path(of: user.id) + "?avis=user_invited", redirectType: .normal)
    }

    @Sendable func disable(_ request: Request) async throws -> Response {
        try await setActive(false, request)
    }

    @Sendable func enable(_ request: Request) async throws -> Response {
        try await setActive(true, request)
    }

    struct StatusForm: Content {
        var confirm: String?
    }

    private func setActive(_ active: Bool, _ request: Request) async throws -> Response {
        guard let actor = request.actor, let current = request.currentUser else { throw AccessError.signInRequired }
        guard let id = request.parameters.get("user").flatMap(User.ID.init),
            let user = try await request.store.accounts.user(id)
        else { throw Abort(.notFound) }
        guard active || (try? request.content.decode(StatusForm.self))?.confirm == "true" else {
            return request.redirect(
                to: MembershipsController.path(of: id) + "?avis=user_confirm", redirectType: .normal)
        }
        guard
            AccessPolicy.decide(actor, Permission(.update, .user), on: .record(ownedBy: user.organisationID))
                .isAllowed
        else { throw AccessError.forbidden }
        guard user.id != current.id else {
            return request.redirect(to: MembershipsController.path(of: id) + "?avis=user_self", redirectType: .normal)
        }
        let requestID = request.requestID
        try await request.store.transaction { tx in
            try await tx.accounts.setActive(active, for: id)
            if !active { try await tx.sessions.deleteAll(for: id) }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: active ? .userEnabled : .userDisabled, resourceType: .user,
                    resourceID: id.description, requestID: requestID))
        }
        let notice = active ? "user_enabled" : "user_disabled"
        return request.redirect(to: MembershipsController.path(of: id) + "?avis=\(notice)", redirectType: .normal)
    }

    struct MailContent: Encodable {
        struct Row: Encodable {
            let id: String
            let recipient: String
            let purposeKey: String
            let createdAt: String
            let attempts: Int
            let lastError: String
        }

        let configured: Bool
        let server: String
        let waiting: Int
        let rows: [Row]
        let hasRows: Bool
    }

    /// The outbox as the administrator needs it: whether a server is set, how many messages wait, and those given up.
    @Sendable func mail(_ request: Request) async throws -> View {
        let store = request.store
        let counts = try await store.outbox.counts()
        let date = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        let rows = try await store.outbox.givenUp().map {
            MailContent.Row(
                id: $0.id.uuidString, recipient: $0.message.to, purposeKey: "mail.purpose.\($0.purpose)",
                createdAt: date.string(from: $0.createdAt), attempts: $0.attempts, lastError: $0.lastError ?? "")
        }
        let smtp = request.relais.config.smtp
        return try await request.renderPage(
            "admin-mail", title: request.t("mail_admin.title"),
            content: MailContent(
                configured: smtp != nil, server: smtp?.description ?? "", waiting: counts.waiting, rows: rows,
                hasRows: !rows.isEmpty))
    }

    @Sendable func retry(_ request: Request) async throws -> Response {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        guard let id = request.parameters.get("message").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound)
        }
        let requestID = request.requestID
        let found = try await request.store.transaction { tx -> Bool in
            guard try await tx.outbox.retry(id) else { return false }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .mailRetried, resourceType: .user, resourceID: id.uuidString,
                    requestID: requestID))
            return true
        }
        guard found else { throw Abort(.notFound) }
        return request.redirect(to: Self.mailPath + "?avis=mail_retried", redirectType: .normal)
    }

    private func newPage(_ request: Request, _ form: NewForm, problems: [FieldProblem], status: HTTPResponseStatus)
        async throws -> Response
    {
        let organisations = try await request.store.accounts.organisations()
        let language = form.language ?? request.relais.config.defaultLanguage.rawValue
        let content = NewContent(
            values: form,
            errors: Dictionary(problems.map { ($0.field, $0.messageKey) }, uniquingKeysWith: { first, _ in first }),
            problems: problems, hasProblems: !problems.isEmpty,
            roles: Role.allCases.map {
                Choice(value: $0.rawValue, label: request.t($0.labelKey), checked: form.role == $0.rawValue)
            },
            organisations: organisations.map {
                Choice(value: $0.id.description, label: $0.name, checked: form.organisation == $0.id.description)
            },
            languages: Language.allCases.map {
                Choice(
                    value: $0.rawValue, label: request.t("language.name.\($0.rawValue)"),
                    checked: language == $0.rawValue)
            })
        let response = try await request.renderPage(
            "admin-user-new", title: request.t("user_new.title"), content: content
        )
        .encodeResponse(for: request)
        response.status = status
        return response
    }
}
