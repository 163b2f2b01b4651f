import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Finds who is calling: a bearer token (API clients) or a session cookie (browsers).
///
/// An expired session is deleted and its cookie cleared; the sign-in page then says the session expired.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var clearSessionCookie = false
        if let bearer = request.headers.bearerAuthorization {
            guard let user = try await request.store.tokens.user(for: bearer.token), user.isActive, user.signsIn
            else {
                try await request.audit(.invalidToken, outcome: .denied, purpose: request.route?.description)
                throw AccessError.invalidToken
            }
            request.identity = RequestIdentity(user: user, method: .bearerToken)
        } else if let token = request.cookies[CookieName.session]?.string {
            clearSessionCookie = try await loadSession(token: token, for: request)
        }
        let response = try await next.respond(to: request)
        if clearSessionCookie, response.cookies[CookieName.session] == nil {
            response.cookies[CookieName.session] = .expired(for: request)
        }
        return response
    }

    /// Loads the session; returns whether its cookie should be cleared.
    private func loadSession(token: String, for request: Request) async throws -> Bool {
        let store = request.store
        guard let session = try await store.sessions.find(token: token) else {
            request.sessionExpired = true
            return true
        }
        let state = request.relais.sessionPolicy.state(
            createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: store.now)
        guard state == .active, let user = try await store.accounts.user(session.userID), user.isActive,
            user.signsIn
        else {
            try await store.sessions.delete(session.id)
            request.sessionExpired = true
            return true
        }
        if session.secondFactorPending {
            request.pendingSecondFactor = .init(sessionID: session.id, user: user)
            return false
        }
        request.identity = RequestIdentity(user: user, method: .session(id: session.id))
        if request.relais.sessionPolicy.shouldTouch(lastSeenAt: session.lastSeenAt, now: store.now) {
            try await store.sessions.touch(session.id)
        }
        return false
    }
}

extension HTTPCookies.Value {
    /// A Relais cookie: sent only to this site, never to scripts, `Secure` behind HTTPS.
    static func relais(_ value: String, for request: Request, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/", isSecure: request.relais.config.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    /// A cookie that tells the browser to forget the one it has.
    static func expired(for request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: request.relais.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
