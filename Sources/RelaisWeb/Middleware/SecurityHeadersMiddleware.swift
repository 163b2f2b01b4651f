import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Headers that keep pages from being framed, sniffed or cached: they may show personal information. A public route
/// that says how it may be kept (RÉSO's officer cards) keeps its own `Cache-Control`; no other page can.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// The map tile server's origin, from which pages may load images.
    var tilesOrigin: String? = nil

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.add(name: name, value: value)
        }
        let path = request.url.path  // built anew at each read
        let keepsOwn = request.route?.access == .public && response.headers.contains(name: .cacheControl)
        if !keepsOwn, !["/css/", "/js/", "/carte/"].contains(where: path.hasPrefix) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    private var headers: [(String, String)] {
        [
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:\(tilesOrigin.map { " " + $0 } ?? ""); style-src 'self'; "
                    + "script-src 'self'; "
                    + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "geolocation=(self), camera=(), microphone=()"),
        ]
    }
}
