import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

extension Application {
    /// Boots the application and serves it over HTTP on a free loopback port; returns the port. Stop it with
    /// `server.shutdown()` before the application shuts down.
    public func startServer() async throws -> Int {
        try await asyncBoot()
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = http.server.shared.localAddress?.port else { throw Abort(.internalServerError) }
        return port
    }
}

/// A live board's WebSocket as a test reads it: every message, in order.
public final class BoardClient: Sendable {
    private let received = NIOLockedValueBox<(texts: [String], read: Int, closed: Bool)>(([], 0, false))
    private let socket = NIOLockedValueBox<WebSocket?>(nil)

    private init() {}

    /// Connects to `/tableau/direct` on `port` with a signed-in browser's cookies.
    public static func connect(port: Int, cookies: String, on group: any EventLoopGroup) async throws -> BoardClient {
        let client = BoardClient()
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookies)
        try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/tableau/direct", headers: headers, on: group) {
            socket in
            client.socket.withLockedValue { $0 = socket }
            socket.onText { _, text in client.received.withLockedValue { $0.texts.append(text) } }
            socket.onClose.whenComplete { _ in client.received.withLockedValue { $0.closed = true } }
        }.get()
        return client
    }

    /// Whether the server closed the connection.
    public var isClosed: Bool { received.withLockedValue { $0.closed } }

    /// The next board (after those already read) that satisfies `predicate`, or nil after `timeout`.
    public func next(
        within timeout: Duration = .seconds(5), where predicate: ([String: Any]) -> Bool = { _ in true }
    ) async -> [String: Any]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text: String? = received.withLockedValue { state in
                guard state.read < state.texts.count else { return nil }
                state.read += 1
                return state.texts[state.read - 1]
            }
            guard let text else {
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            if let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let board = message["board"] as? [String: Any], predicate(board)
            {
                return board
            }
        }
        return nil
    }

    public func close() async {
        try? await socket.withLockedValue { $0 }?.close()
    }
}
