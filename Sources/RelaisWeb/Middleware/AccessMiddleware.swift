import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Enforces the access each route declared: sign-in, second factor where required, and the role's permission.
/// A route that declared nothing is refused (a test also fails on it).
struct AccessMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else { return try await next.respond(to: request) }
        guard let access = route.access else { throw AccessError.forbidden }
        if access == .public { return try await next.respond(to: request) }

        guard let identity = request.identity else {
            if request.isAPIRequest || request.method != .GET { throw AccessError.signInRequired }
            return request.redirect(
                to: SignInController.path(returningTo: request.url.path, expired: request.sessionExpired))
        }
        if case .session = identity.method, request.relais.config.requireSecondFactor,
            identity.user.readsPersonalInformation, !identity.user.hasSecondFactor,
            !route.isAllowedBeforeSecondFactor
        {
            if request.isAPIRequest { throw AccessError.forbidden }
            return request.redirect(to: AccountController.secondFactorSetupPath)
        }
        if case .permission(let permission) = access {
            let decision = AccessPolicy.decide(request.relais.access.actor(for: identity.user), permission)
            guard case .allowed(let scope) = decision else {
                try await request.audit(
                    .accessDenied, outcome: .denied, resourceType: AuditResource(permission.resource),
                    purpose: "\(permission) \(route.description)")
                throw AccessError.forbidden
            }
            request.accessScope = scope
        }
        return try await next.respond(to: request)
    }
}

extension Route {
    /// Routes a user who must set up a second factor can still reach: their account and sign-out.
    var isAllowedBeforeSecondFactor: Bool {
        let first = path.first?.description
        return first == "compte" || first == "deconnexion"
    }
}

extension Request {
    private struct ScopeKey: StorageKey { typealias Value = AccessScope }

    /// How far the permission checked for this route reaches.
    var accessScope: AccessScope? {
        get { storage[ScopeKey.self] }
        set { storage[ScopeKey.self] = newValue }
    }
}
