import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// What a route requires of its caller. Every route declares one; a test fails if a route does not.
public enum RouteAccess: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, signed in or not (sign-in page, health, public data).
    case `public`
    /// Any signed-in user, for their own account.
    case signedIn
    /// A signed-in user whose role grants this permission.
    case permission(Permission)

    static let userInfoKey = "relais.access"

    public var description: String {
        switch self {
        case .public: "public"
        case .signedIn: "signed-in"
        case .permission(let permission): permission.description
        }
    }
}

extension Route {
    /// The access this route declared, if any.
    public var access: RouteAccess? {
        userInfo[AnySendableHashable(RouteAccess.userInfoKey)] as? RouteAccess
    }
}

extension RoutesBuilder {
    /// Adds a route that declares what it requires of its caller.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., access: RouteAccess,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = self.on(method, path, body: body, use: handler)
        route.userInfo[AnySendableHashable(RouteAccess.userInfoKey)] = access
        if case .collect(let maximum) = body {
            route.userInfo[AnySendableHashable(Route.collectedBodyKey)] = CollectedBody(maximum: maximum?.value)
        }
        return route
    }
}

/// A route that reads its body whole, up to `maximum` bytes (nil: the application's default).
struct CollectedBody: Sendable {
    let maximum: Int?
}

extension Route {
    fileprivate static let collectedBodyKey = "relais.collected-body"

    /// How the route reads its body, when whole. A middleware that reads the body (the form's anti-forgery token)
    /// first collects it with the same limit: the body of a long form has not all arrived when middleware runs.
    var collectedBody: CollectedBody? {
        userInfo[AnySendableHashable(Self.collectedBodyKey)] as? CollectedBody
    }
}

extension RoutesBuilder {
    /// Adds a WebSocket route that declares what it requires of its caller (checked before the upgrade).
    @discardableResult
    func webSocket(
        _ path: PathComponent..., access: RouteAccess,
        onUpgrade: @Sendable @escaping (Request, WebSocket) async -> Void
    ) -> Route {
        let route = self.webSocket(path, onUpgrade: onUpgrade)
        route.userInfo[AnySendableHashable(RouteAccess.userInfoKey)] = access
        return route
    }
}
