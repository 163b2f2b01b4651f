import Foundation
import NIOCore
import Vapor
import VaporTesting

/// A browser for in-memory web tests: it keeps cookies between requests and puts the anti-forgery token
/// into every form it posts, as a real page would.
public final class TestBrowser: @unchecked Sendable {
    private let app: Application
    private let lock = NSLock()
    private var jar: [String: String] = [:]

    public init(_ app: Application) {
        self.app = app
    }

    /// The value of a cookie the browser holds.
    public func cookie(_ name: String) -> String? {
        lock.withLock { jar[name] }
    }

    /// Forgets or sets a cookie by hand (to replay an old one, for example).
    public func setCookie(_ name: String, _ value: String?) {
        lock.withLock { jar[name] = value }
    }

    public func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> BrowserResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form, adding `_csrf` from the cookie unless `csrf` is false.
    public func post(_ path: String, form: [String: String], csrf: Bool = true) async throws -> BrowserResponse {
        var fields = form
        if csrf, let token = cookie("relais_csrf") { fields["_csrf"] = token }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Sends JSON with the browser's cookies and the `X-CSRF-Token` header.
    public func postJSON(_ path: String, _ json: String) async throws -> BrowserResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let token = cookie("relais_csrf") { headers.add(name: "X-CSRF-Token", value: token) }
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: json))
    }

    /// Opens the sign-in page, then signs in with an e-mail and password.
    @discardableResult
    public func signIn(email: String, password: String) async throws -> BrowserResponse {
        _ = try await get("/connexion")
        return try await post("/connexion", form: ["email": email, "password": password])
    }

    public func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws
        -> BrowserResponse
    {
        var headers = headers
        let cookies = lock.withLock { jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            let expired = header.lowercased().contains("max-age=0")
            lock.withLock { jar[name] = expired || value.isEmpty ? nil : value }
        }
        return BrowserResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}

/// What the test browser received.
public struct BrowserResponse: Sendable {
    public let status: HTTPStatus
    public let headers: HTTPHeaders
    /// The body as text.
    public let text: String

    /// The `Location` header of a redirect.
    public var location: String? { headers.first(name: .location) }

    /// The `Set-Cookie` header for a cookie, as sent.
    public func setCookie(_ name: String) -> String? {
        headers[.setCookie].first { $0.hasPrefix(name + "=") }
    }
}

/// A JSON API client with a bearer token, as scripts and partner systems call Relais.
public struct APIClient: Sendable {
    let browser: TestBrowser
    let token: String

    public init(_ app: Application, token: String) {
        browser = TestBrowser(app)
        self.token = token
    }

    public func get(_ path: String) async throws -> BrowserResponse {
        try await send(.GET, path, json: nil)
    }

    public func post(_ path: String, json: String, headers extra: HTTPHeaders = [:]) async throws -> BrowserResponse {
        try await send(.POST, path, json: json, headers: extra)
    }

    public func send(_ method: HTTPMethod, _ path: String, json: String?, headers extra: HTTPHeaders = [:])
        async throws -> BrowserResponse
    {
        var headers = extra
        headers.bearerAuthorization = .init(token: token)
        if json != nil { headers.contentType = .json }
        return try await browser.send(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension BrowserResponse {
    /// The body decoded as JSON.
    public func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }
}

extension TestBrowser {
    /// The cookies as a `Cookie` header value (to open a WebSocket as this browser).
    public var cookieHeader: String {
        ["relais_session", "relais_csrf", "relais_lang"].compactMap { name in cookie(name).map { "\(name)=\($0)" } }
            .joined(separator: "; ")
    }
}
