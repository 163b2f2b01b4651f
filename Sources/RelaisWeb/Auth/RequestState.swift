import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Who made a request and how, as established by the authentication middleware.
struct RequestIdentity: Sendable {
    enum Method: Sendable {
        case session(id: UUID)
        case bearerToken
    }

    let user: User
    let method: Method
}

extension Request {
    private struct IdentityKey: StorageKey { typealias Value = RequestIdentity }
    private struct PendingSecondFactorKey: StorageKey { typealias Value = PendingSecondFactor }
    private struct LanguageKey: StorageKey { typealias Value = Language }
    private struct CSRFKey: StorageKey { typealias Value = String }
    private struct SessionExpiredKey: StorageKey { typealias Value = Bool }

    /// A session past its password step, waiting for a second-factor code.
    struct PendingSecondFactor: Sendable {
        let sessionID: UUID
        let user: User
    }

    var identity: RequestIdentity? {
        get { storage[IdentityKey.self] }
        set { storage[IdentityKey.self] = newValue }
    }

    /// The signed-in user, if any.
    var currentUser: User? { identity?.user }

    /// The signed-in user acting, if any.
    var actor: Actor? { currentUser.map(relais.access.actor(for:)) }

    var pendingSecondFactor: PendingSecondFactor? {
        get { storage[PendingSecondFactorKey.self] }
        set { storage[PendingSecondFactorKey.self] = newValue }
    }

    /// Whether the request came with a session that has just expired (the sign-in page says so).
    var sessionExpired: Bool {
        get { storage[SessionExpiredKey.self] ?? false }
        set { storage[SessionExpiredKey.self] = newValue }
    }

    /// The language to answer in: the user's choice, else the `relais_lang` cookie, else (for API clients) their
    /// `Accept-Language`, else French.
    var language: Language {
        get {
            storage[LanguageKey.self] ?? currentUser?.language
                ?? cookies[CookieName.language].flatMap({ Language(code: $0.string) })
                ?? (isAPIRequest ? acceptedLanguage : nil) ?? relais.config.defaultLanguage
        }
        set { storage[LanguageKey.self] = newValue }
    }

    /// The first of French or English in `Accept-Language`, for machine clients (pages stay French first).
    var acceptedLanguage: Language? {
        headers[.acceptLanguage].flatMap { $0.split(separator: ",") }
            .lazy.compactMap { range in
                range.split(separator: ";").first.flatMap { Language(code: $0.trimmingCharacters(in: .whitespaces)) }
            }
            .first
    }

    /// The anti-forgery token that forms on the page must send back.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    /// The client's address: the socket peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
    var clientAddress: String {
        if relais.config.trustForwardedFor,
            let forwarded = headers.first(name: "X-Forwarded-For")?
                .split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty
        {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Whether this request is for the JSON API rather than a page.
    var isAPIRequest: Bool {
        url.path.hasPrefix("/api/") || url.path.hasPrefix("/open311/") || url.path.hasPrefix("/hsds/")
    }

    /// Whether errors are answered as `application/problem+json` rather than a page: the API and the
    /// operations endpoints, which machines call.
    var answersWithProblemJSON: Bool {
        isAPIRequest || ["/health", "/ready", "/metrics"].contains(url.path)
    }

    /// The id Vapor gave this request, also in every log line about it.
    var requestID: String? { logger[metadataKey: "request-id"]?.description }

    /// A string of the catalogue in the request's language.
    func t(_ key: String, _ arguments: String...) -> String {
        relais.catalogue.text(key, language, arguments)
    }

    /// Records an audit entry for this request (in its own transaction).
    func audit(
        _ action: AuditAction, outcome: AuditOutcome = .success, resourceType: AuditResource? = nil,
        resourceID: String? = nil, purpose: String? = nil, actor: Actor? = nil, on store: RelaisStore? = nil
    ) async throws {
        let record = AuditRecord(
            actor: actor ?? self.actor, action: action, outcome: outcome, resourceType: resourceType,
            resourceID: resourceID, purpose: purpose, requestID: requestID)
        try await (store ?? self.store).audit.append(record)
    }
}

/// The names of Relais's cookies.
enum CookieName {
    static let session = "relais_session"
    static let csrf = "relais_csrf"
    static let language = "relais_lang"
}
