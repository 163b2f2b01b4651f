import Vapor

/// Answers 405 with an `Allow` header, instead of 404, when a path exists but not for the method used.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.route == nil else { return try await next.respond(to: request) }
        let allowed = Self.methods(allowedFor: request.url.path, in: request.application.routes.all)
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
            return try await next.respond(to: request)
        }
        throw Abort(.methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")])
    }

    /// The methods of the routes whose pattern matches `path`.
    static func methods(allowedFor path: String, in routes: [Route]) -> Set<String> {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods: Set<String> = []
        for route in routes where matches(route.path, parts) {
            methods.insert(route.method.rawValue)
        }
        return methods
    }

    private static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall:
                return parts.count > index
            case .anything, .parameter:
                guard index < parts.count else { return false }
            case .constant(let value):
                guard index < parts.count, parts[index] == value else { return false }
            }
        }
        return pattern.count == parts.count
    }
}
