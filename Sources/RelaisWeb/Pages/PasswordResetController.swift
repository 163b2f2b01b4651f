import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A forgotten password, and the page an invitation or a reset links to: the person asks with their e-mail (the same
/// answer whether or not an account has it; at most three e-mails an hour per account), then chooses a password
/// through the single-use link, which closes every session of the account.
struct PasswordResetController {
    static let forgottenPath = "/mot-de-passe/oublie"
    static let newPath = "/mot-de-passe/nouveau"
    /// Resets e-mailed per account per hour, at most.
    static let resetsPerHour = 3

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "mot-de-passe", "oublie", access: .public, use: showForgotten)
        routes.on(.POST, "mot-de-passe", "oublie", access: .public, use: forgotten)
        routes.on(.GET, "mot-de-passe", "nouveau", access: .public, use: showNew)
        routes.on(.POST, "mot-de-passe", "nouveau", access: .public, use: choose)
    }

    struct ForgottenContent: Encodable {
        var email = ""
        var sent = false
        var errorKey: String?
    }

    struct NewContent: Encodable {
        var token = ""
        var email = ""
        var valid = true
        var invitation = false
        var errors: [String: String] = [:]
    }

    struct ForgottenForm: Content {
        var email: String?
    }

    struct NewForm: Content {
        var jeton: String?
        var new: String?
        var confirmation: String?
    }

    @Sendable func showForgotten(_ request: Request) async throws -> View {
        try await request.renderPage("password-forgotten", title: request.t("reset.title"), content: ForgottenContent())
    }

    @Sendable func forgotten(_ request: Request) async throws -> Response {
        let email = (try request.content.decode(ForgottenForm.self).email ?? "").trimmed
        guard !email.isEmpty, email.count <= 254 else {
            let content = ForgottenContent(email: String(email.prefix(254)), errorKey: "error.email.required")
            return try await render(
                request, "password-forgotten", content, title: "reset.title", status: .unprocessableEntity)
        }
        let store = request.store
        if let user = try await store.accounts.credentials(email: email)?.user, user.isActive, user.signsIn,
            try await store.passwordTokens.count(
                for: user.id, purpose: .reset, since: store.now.addingTimeInterval(-3600)) < Self.resetsPerHour
        {
            let mail = AccountMail(catalogue: request.relais.catalogue, publicURL: request.relais.config.publicURL)
            let requestID = request.requestID
            try await store.transaction { tx in
                let token = try await tx.passwordTokens.issue(for: user.id, purpose: .reset)
                try await tx.outbox.enqueue(mail.reset(to: user, token: token), purpose: "password_reset")
                try await tx.audit.append(
                    AuditRecord(
                        actor: nil, action: .passwordResetRequested, resourceType: .user,
                        resourceID: user.id.description, requestID: requestID))
            }
        }
        let content = ForgottenContent(email: email, sent: true)
        return try await render(request, "password-forgotten", content, title: "reset.title", status: .ok)
    }

    @Sendable func showNew(_ request: Request) async throws -> Response {
        let token = request.query[String.self, at: "jeton"] ?? ""
        guard token.count <= 100, let holder = try await request.store.passwordTokens.holder(of: token),
            let user = try await request.store.accounts.user(holder.userID)
        else {
            return try await render(
                request, "password-new", NewContent(valid: false), title: "reset.new_title", status: .gone)
        }
        let content = NewContent(token: token, email: user.email, invitation: holder.purpose == .invitation)
        return try await render(request, "password-new", content, title: "reset.new_title", status: .ok)
    }

    @Sendable func choose(_ request: Request) async throws -> Response {
        let form = try request.content.decode(NewForm.self)
        let token = String((form.jeton ?? "").prefix(100))
        let store = request.store
        guard let holder = try await store.passwordTokens.holder(of: token),
            let user = try await store.accounts.user(holder.userID), user.isActive
        else {
            return try await render(
                request, "password-new", NewContent(valid: false), title: "reset.new_title", status: .gone)
        }
        var content = NewContent(token: token, email: user.email, invitation: holder.purpose == .invitation)
        do {
            try PasswordPolicy.check(form.new ?? "", email: user.email)
            if form.new != form.confirmation { content.errors["confirmation"] = "error.password.confirmation" }
        } catch {
            content.errors["new"] = error.messageKey
        }
        guard content.errors.isEmpty else {
            return try await render(
                request, "password-new", content, title: "reset.new_title", status: .unprocessableEntity)
        }
        let hash = try await request.passwords.hash(form.new ?? "")
        let requestID = request.requestID
        let actor = request.relais.access.actor(for: user)
        let used = try await store.transaction { tx -> Bool in
            guard try await tx.passwordTokens.use(token, for: user.id) else { return false }
            try await tx.accounts.setPasswordHash(hash, for: user.id)
            try await tx.sessions.deleteAll(for: user.id)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .passwordChanged, resourceType: .user, resourceID: user.id.description,
                    purpose: holder.purpose.rawValue, requestID: requestID))
            return true
        }
        guard used else {
            return try await render(
                request, "password-new", NewContent(valid: false), title: "reset.new_title", status: .gone)
        }
        return request.redirect(to: SignInController.signInPath + "?avis=password_set", redirectType: .normal)
    }

    private func render<Content: Encodable>(
        _ request: Request, _ template: String, _ content: Content, title: String, status: HTTPResponseStatus
    ) async throws -> Response {
        let response = try await request.renderPage(template, title: request.t(title), content: content)
            .encodeResponse(for: request)
        response.status = status
        return response
    }
}
