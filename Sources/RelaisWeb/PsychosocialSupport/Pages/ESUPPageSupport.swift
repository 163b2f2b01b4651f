import Foundation
import RelaisCore
import Vapor

/// What ÉSUP's pages share: a step posted from a form goes back to its page with a notice, or shows the page again
/// with the reason (each field's problem, or a refusal) and the status that says it; nothing was changed then.
enum ESUPPages {
    /// Runs `action`, then redirects to `back` with `notice` (`esup.<notice>`), or renders the page with the errors.
    static func step(
        _ request: Request, back: String, notice: String,
        render: @escaping ([String: String], String?) async throws -> View,
        _ action: () async throws -> Void
    ) async throws -> Response {
        try await PageStep.run(request, back: back, notice: "esup.\(notice)", render: render, action)
    }

    /// The `:id` parameter as a typed identifier, or 404.
    static func id<T>(_ request: Request, _ name: String = "id") throws -> Identifier<T> {
        guard let id = request.parameters.get(name).flatMap(Identifier<T>.init) else { throw Abort(.notFound) }
        return id
    }
}
