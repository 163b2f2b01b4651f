import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Protects forms against cross-site request forgery with a per-browser token (double-submit cookie):
/// every form sends `_csrf`, every browser API write sends `X-CSRF-Token`, and both must equal the cookie.
/// Requests authenticated by a bearer token carry no ambient credential and need no token.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A bearer token is no ambient credential, and a machine client has no forms: nothing to give or check.
        if case .bearerToken = request.identity?.method { return try await next.respond(to: request) }
        let cookie = request.cookies[CookieName.csrf].flatMap { $0.string.count == 43 ? $0.string : nil }
        request.csrfToken = cookie ?? SecretToken.generate()
        if Self.unsafeMethods.contains(request.method), needsToken(request) {
            if !request.isAPIRequest, let collected = request.route?.collectedBody {
                // A long form arrives in several parts: read all of it (within the route's limit) before the token.
                _ = try await request.body.collect(
                    max: collected.maximum ?? request.application.routes.defaultMaxBodySize.value
                ).get()
            }
            let submitted =
                request.isAPIRequest
                ? request.headers.first(name: "X-CSRF-Token")
                : (try? request.content.get(String.self, at: "_csrf"))
            guard let cookie, let submitted, Self.equal(submitted, cookie) else {
                try await request.audit(.csrfRejected, outcome: .denied, purpose: request.route?.description)
                throw AccessError.csrfMismatch
            }
        }
        let response = try await next.respond(to: request)
        if cookie == nil {
            response.cookies[CookieName.csrf] = .relais(request.csrfToken, for: request)
        }
        return response
    }

    /// Rotates the token, for example at sign-in.
    static func rotate(on request: Request, response: Response) {
        request.csrfToken = SecretToken.generate()
        response.cookies[CookieName.csrf] = .relais(request.csrfToken, for: request)
    }

    private static let unsafeMethods: [HTTPMethod] = [.POST, .PUT, .PATCH, .DELETE]

    private func needsToken(_ request: Request) -> Bool {
        if request.isAPIRequest { return request.identity != nil }
        return true
    }

    private static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
