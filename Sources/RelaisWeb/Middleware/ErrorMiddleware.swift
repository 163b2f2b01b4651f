import Fluent
import RelaisCore
import RelaisPersistence
import Vapor

/// Turns every error into a localised answer: an HTML page for browsers, `application/problem+json` for the API.
/// Internals are never shown; server errors are logged once, with the request id, without personal data.
struct RelaisErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if request.url.path.hasPrefix("/open311/") { return Self.open311(error, for: request) }
            let problem = Problem(error)
            if problem.status.code >= 500 && problem.status != .serviceUnavailable {
                request.logger.critical(
                    "request failed", metadata: ["error-type": "\(String(reflecting: type(of: error)))"])
                request.logger.debug("request failure detail", metadata: ["error": "\(String(reflecting: error))"])
            }
            return await problem.response(for: request)
        }
    }

    /// An error in GeoReport v2's format: a list of `error`s with a `code` and a `description`; 404 for what does
    /// not exist, 403 for a missing or wrong `api_key`, 400 for anything else the client can correct.
    static func open311(_ error: any Error, for request: Request) -> Response {
        let failure: Open311Failure
        var headers = HTTPHeaders()
        switch error {
        case let known as Open311Failure:
            failure = known
        case let abort as any AbortError:
            headers = abort.headers
            failure =
                switch abort.status {
                case .notFound: .notFound
                case .methodNotAllowed: .methodNotAllowed
                case .payloadTooLarge: .messages([request.t("error.status.413")])
                default: .messages([request.t("error.status.400")])
                }
        case is DecodingError:
            failure = .messages([request.t("error.status.400")])
        case _ where Problem.isOverload(error):
            headers.add(name: .retryAfter, value: "2")
            failure = .overloaded
        default:
            request.logger.critical(
                "open311 request failed", metadata: ["error-type": "\(String(reflecting: type(of: error)))"])
            failure = .serverError
        }
        let errors = failure.descriptions { request.relais.catalogue.text($0, request.language, $1) }
            .map { Open311Value.object([("code", .integer(failure.status)), ("description", .text($0))]) }
        let response = Open311Format.of(path: request.url.path).response(
            root: "errors", .list(element: "error", errors), status: HTTPResponseStatus(statusCode: failure.status))
        for (name, value) in headers where ["allow", "retry-after"].contains(name.lowercased()) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        return response
    }
}

/// What went wrong, in the terms shown to people and API clients.
struct Problem: Sendable {
    let status: HTTPResponseStatus
    let code: String
    let messageKey: String
    let fieldProblems: [FieldProblem]
    let headers: HTTPHeaders

    init(_ error: any Error) {
        var headers = HTTPHeaders()
        switch error {
        case let domain as any DomainError:
            status = Self.status(for: domain.kind)
            code = domain.code
            messageKey = domain.messageKey
            fieldProblems = domain.fieldProblems
            if case AccessError.throttled(let minutes) = domain {
                headers.add(name: .retryAfter, value: String(minutes * 60))
            }
        case is DecodingError:
            status = .unprocessableEntity
            code = "malformed_body"
            messageKey = "error.malformed_body"
            fieldProblems = []
        case _ where Self.isOverload(error):
            // More work in line than the server takes on: a clear "try again shortly", never a 500.
            status = .serviceUnavailable
            code = "overloaded"
            messageKey = "error.status.503"
            fieldProblems = []
            headers.add(name: .retryAfter, value: String((error as? ServiceOverloaded)?.retryAfter ?? 2))
        case let abort as any AbortError:
            status = abort.status == .badRequest ? .unprocessableEntity : abort.status
            code = Self.code(for: status)
            messageKey = "error.status.\(Self.messageStatus(status))"
            fieldProblems = []
            headers = abort.headers
        default:
            status = .internalServerError
            code = "internal_error"
            messageKey = "error.status.500"
            fieldProblems = []
        }
        self.headers = headers
    }

    /// Whether the error says the server is busy, not broken: too many password checks in line, or no database
    /// connection free within the pool's timeout (`RELAIS_DATABASE_POOL`).
    static func isOverload(_ error: any Error) -> Bool {
        error is ServiceOverloaded || error is ConnectionPoolTimeoutError
    }

    private static func status(for kind: FailureKind) -> HTTPResponseStatus {
        switch kind {
        case .invalidInput: .unprocessableEntity
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .throttled: .tooManyRequests
        }
    }

    /// The statuses with a message of their own; others take the generic 4xx or 5xx message.
    static let statusesWithMessage = [400, 401, 403, 404, 405, 406, 408, 409, 413, 414, 415, 422, 429, 431, 500, 503]

    private static func messageStatus(_ status: HTTPResponseStatus) -> Int {
        let code = Int(status.code)
        if statusesWithMessage.contains(code) { return code }
        return code >= 500 ? 500 : 400
    }

    private static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 401: "auth.sign_in_required"
        case 403: "auth.forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "malformed_body"
        case 429: "throttled"
        case 503: "overloaded"
        case 500...: "internal_error"
        default: "request_refused"
        }
    }

    /// The response in the request's language.
    func response(for request: Request) async -> Response {
        let language = request.language
        let catalogue = request.relais.catalogue
        let title = catalogue.text("error.title.\(Self.titleStatus(status))", language)
        let detail = catalogue.text(messageKey, language)
        let response: Response
        if request.answersWithProblemJSON || prefersJSON(request) {
            let body = ProblemBody(
                type: "urn:relais:problem:\(code)", title: title, status: Int(status.code), detail: detail,
                code: code,
                errors: fieldProblems.isEmpty
                    ? nil
                    : fieldProblems.map {
                        .init(
                            field: $0.field, code: String($0.messageKey.trimmingPrefix("error.")),
                            message: catalogue.text($0.messageKey, language))
                    })
            response = Response(status: status)
            try? response.content.encode(body, as: .problemJSON)
            response.headers.contentType = .problemJSON
        } else {
            response = await renderPage(for: request, title: title, detail: detail)
        }
        for (name, value) in headers where name.lowercased() != "content-type" && name.lowercased() != "content-length"
        {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        return response
    }

    private func renderPage(for request: Request, title: String, detail: String) async -> Response {
        let content = ErrorPageContent(
            status: Int(status.code), title: title, detail: detail,
            fields: fieldProblems.map { request.t($0.messageKey) },
            signInLink: status == .unauthorized || (status == .forbidden && request.currentUser == nil))
        do {
            let view = try await request.renderPage("error", title: title, content: content)
            let response = try await view.encodeResponse(for: request)
            response.status = status
            return response
        } catch {
            let response = Response(status: status, body: .init(string: "\(title)\n\n\(detail)\n"))
            response.headers.contentType = .plainText
            return response
        }
    }

    private func prefersJSON(_ request: Request) -> Bool {
        guard let accept = request.headers.first(name: .accept) else { return false }
        return accept.contains("json") && !accept.contains("text/html")
    }

    private static func titleStatus(_ status: HTTPResponseStatus) -> Int {
        [401, 403, 404, 409, 422, 429, 503].contains(Int(status.code))
            ? Int(status.code) : (status.code >= 500 ? 500 : 400)
    }
}

/// The `application/problem+json` body (RFC 9457) with Relais's stable `code` and per-field messages.
struct ProblemBody: Content {
    struct FieldMessage: Content {
        let field: String
        let code: String
        let message: String
    }

    let type: String
    let title: String
    let status: Int
    let detail: String
    let code: String
    let errors: [FieldMessage]?
}

extension HTTPMediaType {
    /// `application/problem+json` (RFC 9457).
    static let problemJSON = HTTPMediaType(
        type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}

struct ErrorPageContent: Encodable {
    let status: Int
    let title: String
    let detail: String
    let fields: [String]
    let signInLink: Bool
}
