import Foundation
import RelaisCore
import Vapor

/// What every programme's pages share for a step posted from a form: it goes back to its page with a notice, or
/// shows the page again with the reason (each field's problem, or a refusal) and the status that says it; nothing
/// was changed then.
enum PageStep {
    /// Runs `action`, then redirects to `back` with `notice` (a catalogue key after `?avis=`: `esup.requested` is
    /// `esup.notice.requested`), or renders the page with the errors.
    static func run(
        _ request: Request, back: String, notice: String,
        render: @escaping ([String: String], String?) async throws -> View,
        _ action: () async throws -> Void
    ) async throws -> Response {
        do {
            try await action()
            return request.redirect(to: back + "?avis=\(notice)", redirectType: .normal)
        } catch let error as any DomainError where error.kind != .unauthenticated && error.kind != .forbidden {
            let errors = Dictionary(error.fieldProblems.map { ($0.field, $0.messageKey) }) { first, _ in first }
            let status: HTTPResponseStatus =
                switch error.kind {
                case .invalidInput: .unprocessableEntity
                case .notFound: .notFound
                case .throttled: .tooManyRequests
                default: .conflict
                }
            return try await render(errors, error.fieldProblems.isEmpty ? error.messageKey : nil)
                .encodeResponse(status: status, for: request)
        }
    }
}
