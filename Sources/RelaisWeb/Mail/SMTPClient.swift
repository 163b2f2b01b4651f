import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import RelaisCore

/// Hands one message to an SMTP server (RFC 5321): greeting, EHLO, STARTTLS when asked, AUTH PLAIN when a user is
/// set, MAIL, RCPT, DATA (dot-stuffed), QUIT — within a deadline. A 4yz reply is transient (try again later); a
/// 5yz one is not.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    /// The name given in EHLO (the deployment's host).
    let heloName: String
    let group: any EventLoopGroup
    var deadline: TimeAmount = .seconds(30)

    /// Why a message was not handed over.
    enum Failure: Error, CustomStringConvertible {
        case refused(command: String, reply: SMTPReply)
        case closed
        case noStartTLS
        case malformed(String)

        /// Whether trying later may work (a 4yz reply, a connection that failed or closed).
        var isTransient: Bool {
            if case .refused(_, let reply) = self { return reply.isTransient }
            return true
        }

        var description: String {
            switch self {
            case .refused(let command, let reply):
                "\(command): \(reply.code) \(reply.lines.joined(separator: " ").prefix(200))"
            case .closed: "the server closed the connection"
            case .noStartTLS: "the server does not offer STARTTLS"
            case .malformed(let line): "not an SMTP reply: \(line)"
            }
        }
    }

    /// Sends `message` (already rendered, CRLF line ends) from `sender` to `recipient`.
    func send(_ message: String, from sender: String, to recipient: String) async throws {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let settings = settings
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: settings.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation))
                }
            }
        let channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        let timeout = channel.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
        defer {
            timeout.cancel()
            channel.close(promise: nil)
        }
        var replies = stream.makeAsyncIterator()
        func reply(to command: String, expecting codes: Set<Int>) async throws -> SMTPReply {
            guard let reply = try await replies.next() else { throw Failure.closed }
            guard codes.contains(reply.code) else { throw Failure.refused(command: command, reply: reply) }
            return reply
        }
        func command(_ line: String, shown: String? = nil, expecting codes: Set<Int>) async throws -> SMTPReply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
            return try await reply(to: shown ?? line, expecting: codes)
        }

        _ = try await reply(to: "greeting", expecting: [220])
        var hello = try await command("EHLO \(heloName)", expecting: [250])
        if settings.security == .startTLS {
            guard hello.extensions.contains("STARTTLS") else { throw Failure.noStartTLS }
            _ = try await command("STARTTLS", expecting: [220])
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            let handler = try NIOSSLClientHandler(context: context, serverHostname: settings.host)
            try await channel.pipeline.addHandler(handler, position: .first)
            hello = try await command("EHLO \(heloName)", expecting: [250])
        }
        if let username = settings.username, let password = settings.password {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            _ = try await command("AUTH PLAIN \(token)", shown: "AUTH PLAIN", expecting: [235])
        }
        _ = try await command("MAIL FROM:<\(sender)>", expecting: [250])
        _ = try await command("RCPT TO:<\(recipient)>", expecting: [250, 251])
        _ = try await command("DATA", expecting: [354])
        let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        let ending = stuffed.hasSuffix("\r\n") ? ".\r\n" : "\r\n.\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: stuffed + ending))
        _ = try await reply(to: "DATA (end)", expecting: [250])
        _ = try? await command("QUIT", expecting: [221])
    }
}

/// Splits what the server sends into lines and lines into replies, for ``SMTPClient``.
private final class SMTPReplyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private struct Buffered {
        var pending: [UInt8] = []
        var reader = SMTPReply.Reader()
    }

    private let state = NIOLockedValueBox(Buffered())

    init(_ continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        let outcome = state.withLockedValue { (box: inout Buffered) -> Result<[SMTPReply], SMTPClient.Failure> in
            box.pending += bytes
            guard box.pending.count <= 65_536 else { return .failure(.malformed("a line longer than 64 KiB")) }
            var replies: [SMTPReply] = []
            while let end = box.pending.firstIndex(of: 0x0A) {
                var line = Array(box.pending[..<end])
                box.pending.removeSubrange(...end)
                if line.last == 0x0D { line.removeLast() }
                do {
                    if let reply = try box.reader.read(String(decoding: line, as: UTF8.self)) { replies.append(reply) }
                } catch {
                    return .failure(.malformed((error as? SMTPReply.Malformed)?.line ?? ""))
                }
            }
            return .success(replies)
        }
        switch outcome {
        case .success(let replies): for reply in replies { continuation.yield(reply) }
        case .failure(let failure):
            continuation.finish(throwing: failure)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish(throwing: SMTPClient.Failure.closed)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
