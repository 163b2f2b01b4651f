import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// The signed-in user's own account: language and the TOTP second factor.
struct AccountController {
    static let path = "/compte"
    static let secondFactorSetupPath = "/compte/second-facteur"

    func register(on routes: any RoutesBuilder) {
        routes.on(.GET, "compte", access: .signedIn, use: show)
        routes.on(.GET, "compte", "second-facteur", access: .signedIn, use: showSetup)
        routes.on(.POST, "compte", "second-facteur", access: .signedIn, use: confirmSetup)
        routes.on(.POST, "compte", "second-facteur", "retrait", access: .signedIn, use: remove)
        routes.on(.POST, "compte", "mot-de-passe", access: .signedIn, use: changePassword)
    }

    struct AccountContent: Encodable {
        /// A role the person holds, in an organisation.
        struct Role: Encodable {
            let roleKey: String
            let organisationName: String
        }

        let email: String
        let organisationName: String
        let roles: [Role]
        let hasSecondFactor: Bool
        let secondFactorRequired: Bool
        let errorKey: String?
        var errorArgument: String?
        var passwordErrors: [String: String] = [:]
    }

    struct SetupContent: Encodable {
        let secret: String
        let uri: String
        let errorKey: String?
    }

    struct CodeForm: Content {
        var code: String?
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        try await accountPage(request, errorKey: nil, status: .ok)
    }

    @Sendable func showSetup(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw AccessError.signInRequired }
        if user.hasSecondFactor { return request.redirect(to: Self.path) }
        let store = request.store
        var secret = try await store.accounts.secondFactor(for: user.id)?.secret
        if secret == nil {
            var generator = SystemRandomNumberGenerator()
            let fresh = (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try await store.accounts.startSecondFactor(for: user.id, secret: fresh)
            secret = fresh
        }
        return try await setupPage(request, secret: secret!, user: user, errorKey: nil, status: .ok)
    }

    @Sendable func confirmSetup(_ request: Request) async throws -> Response {
        guard let user = request.currentUser, case .session(let sessionID) = request.identity?.method else {
            throw AccessError.signInRequired
        }
        let form = try request.content.decode(CodeForm.self)
        let store = request.store
        guard let factor = try await store.accounts.secondFactor(for: user.id), !factor.confirmed else {
            return request.redirect(to: Self.path)
        }
        guard let step = TOTP(secret: factor.secret).matchingStep(of: form.code ?? "", at: store.now, lastUsedStep: nil)
        else {
            return try await setupPage(
                request, secret: factor.secret, user: user, errorKey: "error.auth.wrong_code",
                status: .unprocessableEntity)
        }
        let requestID = request.requestID
        try await store.transaction { tx in
            try await tx.accounts.useSecondFactorStep(step, for: user.id)
            try await tx.audit.append(
                AuditRecord(
                    actor: request.relais.access.actor(for: user), action: .secondFactorEnabled, resourceType: .user,
                    resourceID: user.id.description, requestID: requestID))
        }
        // Other browsers signed in with the password alone are closed; this one stays.
        try await closeOtherSessions(of: user, keeping: sessionID, on: store)
        return request.redirect(to: Self.path + "?avis=second_factor_enabled", redirectType: .normal)
    }

    @Sendable func remove(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw AccessError.signInRequired }
        if request.relais.config.requireSecondFactor && user.readsPersonalInformation {
            return try await accountPage(request, errorKey: "error.second_factor.required", status: .forbidden)
        }
        let form = try request.content.decode(CodeForm.self)
        let store = request.store
        if let until = try await request.attemptSecret(of: user.email) {
            return try await throttled(request, until: until)
        }
        guard let factor = try await store.accounts.secondFactor(for: user.id), factor.confirmed,
            TOTP(secret: factor.secret).matchingStep(
                of: form.code ?? "", at: store.now, lastUsedStep: factor.lastUsedStep) != nil
        else {
            try await request.audit(
                .secondFactorFailed, outcome: .failure, resourceType: .user, resourceID: user.id.description,
                purpose: "second_factor_removal")
            return try await accountPage(request, errorKey: "error.auth.wrong_code", status: .unprocessableEntity)
        }
        try await request.secretAccepted(of: user.email)
        let requestID = request.requestID
        try await store.transaction { tx in
            try await tx.accounts.removeSecondFactor(for: user.id)
            try await tx.audit.append(
                AuditRecord(
                    actor: request.relais.access.actor(for: user), action: .secondFactorDisabled, resourceType: .user,
                    resourceID: user.id.description, requestID: requestID))
        }
        return request.redirect(to: Self.path + "?avis=second_factor_removed", redirectType: .normal)
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirmation: String?
    }

    /// Changes the password: the current one is checked, the new one must meet the policy, and every other
    /// browser signed in to the account is closed.
    @Sendable func changePassword(_ request: Request) async throws -> Response {
        guard let user = request.currentUser, case .session(let sessionID) = request.identity?.method else {
            throw AccessError.signInRequired
        }
        let form = try request.content.decode(PasswordForm.self)
        let store = request.store
        var errors: [String: String] = [:]
        if let until = try await request.attemptSecret(of: user.email) {
            return try await throttled(request, until: until)
        }
        let hash = try await store.accounts.credentials(email: user.email)?.passwordHash ?? ""
        if try await request.passwords.verify(form.current ?? "", created: hash) {
            try await request.secretAccepted(of: user.email)
        } else {
            try await request.audit(
                .signInFailed, outcome: .failure, resourceType: .user, resourceID: user.id.description,
                purpose: "password_change")
            errors["current"] = "error.password.current_wrong"
        }
        do {
            try PasswordPolicy.check(form.new ?? "", email: user.email)
            if form.new != form.confirmation { errors["confirmation"] = "error.password.confirmation" }
        } catch {
            errors["new"] = error.messageKey
        }
        guard errors.isEmpty else {
            return try await accountPage(
                request, errorKey: "error.validation", status: .unprocessableEntity, passwordErrors: errors)
        }
        let newHash = try await request.passwords.hash(form.new ?? "")
        let requestID = request.requestID
        try await store.transaction { tx in
            try await tx.accounts.setPasswordHash(newHash, for: user.id)
            try await tx.sessions.deleteAll(for: user.id, except: sessionID)
            try await tx.audit.append(
                AuditRecord(
                    actor: request.relais.access.actor(for: user), action: .passwordChanged, resourceType: .user,
                    resourceID: user.id.description, requestID: requestID))
        }
        return request.redirect(to: Self.path + "?avis=password_changed", redirectType: .normal)
    }

    /// The account page saying how long to wait: too many wrong secrets.
    private func throttled(_ request: Request, until: Date) async throws -> Response {
        let response = try await accountPage(
            request, errorKey: "error.auth.throttled", errorArgument: String(request.minutes(until: until)),
            status: .tooManyRequests)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(until.timeIntervalSince(request.store.now))))
        return response
    }

    private func closeOtherSessions(of user: User, keeping sessionID: UUID, on store: RelaisStore) async throws {
        try await store.sessions.deleteAll(for: user.id, except: sessionID)
    }

    private func accountPage(
        _ request: Request, errorKey: String?, errorArgument: String? = nil, status: HTTPResponseStatus,
        passwordErrors: [String: String] = [:]
    ) async throws -> Response {
        guard let user = request.currentUser else { throw AccessError.signInRequired }
        let names = Dictionary(
            uniqueKeysWithValues: try await request.store.accounts.organisations().map { ($0.id, $0.name) })
        let content = AccountContent(
            email: user.email, organisationName: names[user.organisationID] ?? "",
            roles: user.memberships.map {
                .init(roleKey: $0.role.labelKey, organisationName: names[$0.organisationID] ?? "")
            },
            hasSecondFactor: user.hasSecondFactor,
            secondFactorRequired: request.relais.config.requireSecondFactor && user.readsPersonalInformation,
            errorKey: errorKey, errorArgument: errorArgument, passwordErrors: passwordErrors)
        let response = try await request.renderPage("account", title: request.t("account.title"), content: content)
            .encodeResponse(for: request)
        response.status = status
        return response
    }

    private func setupPage(
        _ request: Request, secret: [UInt8], user: User, errorKey: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let totp = TOTP(secret: secret)
        let grouped = Base32.encode(secret).enumerated().map {
            ($0.offset > 0 && $0.offset % 4 == 0 ? " " : "") + String($0.element)
        }
        .joined()
        let content = SetupContent(
            secret: grouped, uri: totp.provisioningURI(account: user.email, issuer: "Relais"), errorKey: errorKey)
        let response = try await request.renderPage(
            "second-factor-setup", title: request.t("second_factor_setup.title"), content: content
        ).encodeResponse(for: request)
        response.status = status
        return response
    }
}
