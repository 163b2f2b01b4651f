import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Sign-in (password, then a second-factor code when the account has one), sign-out and the language switch.
struct SignInController {
    static let signInPath = "/connexion"
    static let codePath = "/connexion/code"

    /// The sign-in page, remembering where to go afterwards.
    static func path(_ base: String = signInPath, returningTo target: String, expired: Bool = false) -> String {
        var items: [URLQueryItem] = []
        if target != "/" { items.append(URLQueryItem(name: "suite", value: target)) }
        if expired { items.append(URLQueryItem(name: "avis", value: "session_expired")) }
        var components = URLComponents()
        components.path = base
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? base
    }

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "connexion", access: .public, use: showSignIn)
        routes.on(.POST, "connexion", access: .public, use: signIn)
        routes.on(.GET, "connexion", "code", access: .public, use: showCode)
        routes.on(.POST, "connexion", "code", access: .public, use: submitCode)
        routes.on(.POST, "deconnexion", access: .public, use: signOut)
        routes.on(.POST, "langue", access: .public, use: switchLanguage)
    }

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var suite: String?
    }

    struct SignInContent: Encodable {
        var email: String
        var suite: String
        var errorKey: String?
        var errorArgument: String?
        var fieldErrors: [String: String]
        var expired = false
    }

    struct CodeForm: Content {
        var code: String?
        var suite: String?
    }

    @Sendable func showSignIn(_ request: Request) async throws -> Response {
        if request.currentUser != nil { return request.redirect(to: "/") }
        let content = SignInContent(
            email: "", suite: Self.localPath(request.query[String.self, at: "suite"]), errorKey: nil,
            errorArgument: nil,
            fieldErrors: [:])
        return try await page(request, content, status: .ok)
    }

    @Sendable func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SignInForm.self)
        let email = (form.email ?? "").trimmed
        let password = form.password ?? ""
        var content = SignInContent(
            email: email, suite: Self.localPath(form.suite), errorKey: nil, errorArgument: nil, fieldErrors: [:])
        if email.isEmpty { content.fieldErrors["email"] = "error.email.required" }
        if password.isEmpty { content.fieldErrors["password"] = "error.password.required" }
        if !content.fieldErrors.isEmpty {
            content.errorKey = "error.validation"
            return try await page(request, content, status: .unprocessableEntity)
        }

        let store = request.store
        let credentials = try await store.accounts.credentials(email: email)
        if let until = try await request.attemptSecret(of: email) {
            try await request.audit(
                .signInThrottled, outcome: .denied, resourceType: .user,
                resourceID: credentials?.user.id.description)
            content.errorKey = "error.auth.throttled"
            content.errorArgument = String(request.minutes(until: until))
            let response = try await page(request, content, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(until.timeIntervalSince(store.now))))
            return response
        }

        // Unknown accounts take as long as known ones, so timing does not reveal which e-mails exist.
        let hash = credentials?.passwordHash ?? request.relais.dummyPasswordHash
        let matches = try await request.passwords.verify(password, created: hash)
        guard matches, let user = credentials?.user, user.isActive else {
            // The attempt was counted before the check; the log says it failed.
            try await request.audit(
                .signInFailed, outcome: .failure, resourceType: .user, resourceID: credentials?.user.id.description)
            content.errorKey = "error.auth.wrong_credentials"
            return try await page(request, content, status: .unauthorized)
        }
        try await request.secretAccepted(of: email)
        guard user.signsIn else {
            try await request.audit(
                .accessDenied, outcome: .denied, resourceType: .user, resourceID: user.id.description,
                purpose: "sign_in", actor: request.relais.access.actor(for: user))
            content.errorKey = "error.auth.application_account"
            return try await page(request, content, status: .forbidden)
        }
        return try await openSession(
            for: user, request: request, pending: user.hasSecondFactor, suite: content.suite)
    }

    @Sendable func showCode(_ request: Request) async throws -> Response {
        guard request.pendingSecondFactor != nil else { return request.redirect(to: Self.signInPath) }
        let content = SignInContent(
            email: "", suite: Self.localPath(request.query[String.self, at: "suite"]), errorKey: nil,
            errorArgument: nil,
            fieldErrors: [:])
        return try await codePage(request, content, status: .ok)
    }

    @Sendable func submitCode(_ request: Request) async throws -> Response {
        guard let pending = request.pendingSecondFactor else { return request.redirect(to: Self.signInPath) }
        let form = try request.content.decode(CodeForm.self)
        var content = SignInContent(
            email: "", suite: Self.localPath(form.suite), errorKey: nil, errorArgument: nil, fieldErrors: [:])
        let store = request.store
        if let until = try await request.attemptSecret(of: pending.user.email) {
            try await request.audit(
                .signInThrottled, outcome: .denied, resourceType: .user, resourceID: pending.user.id.description)
            content.errorKey = "error.auth.throttled"
            content.errorArgument = String(request.minutes(until: until))
            return try await codePage(request, content, status: .tooManyRequests)
        }
        let factor = try await store.accounts.secondFactor(for: pending.user.id)
        guard let factor, factor.confirmed,
            let step = TOTP(secret: factor.secret).matchingStep(
                of: form.code ?? "", at: store.now, lastUsedStep: factor.lastUsedStep)
        else {
            try await request.audit(
                .secondFactorFailed, outcome: .failure, resourceType: .user,
                resourceID: pending.user.id.description, actor: request.relais.access.actor(for: pending.user))
            content.errorKey = "error.auth.wrong_code"
            return try await codePage(request, content, status: .unauthorized)
        }
        try await store.accounts.useSecondFactorStep(step, for: pending.user.id)
        try await request.secretAccepted(of: pending.user.email)
        try await store.sessions.delete(pending.sessionID)
        return try await openSession(for: pending.user, request: request, pending: false, suite: content.suite)
    }

    @Sendable func signOut(_ request: Request) async throws -> Response {
        if let identity = request.identity, case .session(let id) = identity.method {
            let actor = request.relais.access.actor(for: identity.user)
            let requestID = request.requestID
            try await request.store.transaction { tx in
                try await tx.sessions.delete(id)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .signOut, resourceType: .user, resourceID: actor.userID.description,
                        requestID: requestID))
            }
        } else if let pending = request.pendingSecondFactor {
            try await request.store.sessions.delete(pending.sessionID)
        }
        let response = request.redirect(to: Self.signInPath + "?avis=signed_out", redirectType: .normal)
        response.cookies[CookieName.session] = .expired(for: request)
        CSRFMiddleware.rotate(on: request, response: response)
        return response
    }

    struct LanguageForm: Content {
        var langue: String?
        var retour: String?
    }

    @Sendable func switchLanguage(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LanguageForm.self)
        guard let language = form.langue.flatMap(Language.init(code:)) else {
            throw ValidationError([FieldProblem(field: "langue", messageKey: "error.language.unknown")])
        }
        if let user = request.currentUser {
            try await request.store.accounts.setLanguage(language, for: user.id)
        }
        let response = request.redirect(to: Self.localPath(form.retour), redirectType: .normal)
        response.cookies[CookieName.language] = .relais(language.rawValue, for: request, maxAge: 365 * 24 * 3600)
        return response
    }

    // MARK: helpers

    private func openSession(for user: User, request: Request, pending: Bool, suite: String) async throws -> Response {
        let store = request.store
        // A new session id at every sign-in: a token planted before sign-in is worthless after it.
        if let old = request.cookies[CookieName.session]?.string,
            let session = try await store.sessions.find(token: old)
        {
            try await store.sessions.delete(session.id)
        }
        let requestID = request.requestID
        let token = try await store.transaction { tx in
            let token = try await tx.sessions.create(for: user.id, secondFactorPending: pending)
            if !pending {
                try await tx.audit.append(
                    AuditRecord(
                        actor: request.relais.access.actor(for: user), action: .signIn, resourceType: .user,
                        resourceID: user.id.description,
                        purpose: user.hasSecondFactor ? "password+totp" : "password", requestID: requestID))
            }
            return token
        }
        let target = pending ? Self.path(Self.codePath, returningTo: suite) : suite
        let response = request.redirect(to: target, redirectType: .normal)
        response.cookies[CookieName.session] = .relais(token, for: request)
        response.cookies[CookieName.language] = .relais(user.language.rawValue, for: request, maxAge: 365 * 24 * 3600)
        CSRFMiddleware.rotate(on: request, response: response)
        return response
    }

    private func page(_ request: Request, _ content: SignInContent, status: HTTPResponseStatus) async throws
        -> Response
    {
        var content = content
        content.expired = request.sessionExpired && request.query[String.self, at: "avis"] == nil
        let response = try await request.renderPage("sign-in", title: request.t("sign_in.title"), content: content)
            .encodeResponse(for: request)
        response.status = status
        return response
    }

    private func codePage(_ request: Request, _ content: SignInContent, status: HTTPResponseStatus) async throws
        -> Response
    {
        let response = try await request.renderPage(
            "second-factor", title: request.t("second_factor.title"), content: content
        ).encodeResponse(for: request)
        response.status = status
        return response
    }

    /// A path on this site, or `/`: never an address elsewhere (no open redirect).
    static func localPath(_ candidate: String?) -> String {
        LocalPath.sanitised(candidate)
    }
}
