import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// A real SMTP server on loopback (`Tests/Support/smtp_sink.py`, aiosmtpd from PyPI) that writes what it receives
/// to a folder.
final class SMTPSink: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/smtp_sink.py").path
    /// Whether Python has aiosmtpd (CI installs it; a machine without skips these tests).
    static let available: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import aiosmtpd"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    let folder = NSTemporaryDirectory() + "relais-smtp-\(UUID().uuidString)"
    private(set) var port = 0
    private var process: Process?

    /// Starts the server (on `port`, or a free one), refusing the first `refuse` messages with 451.
    func start(port: Int = 0, refuse: Int = 0) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, folder, "--port", "\(port)", "--refuse", "\(refuse)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ready "), let listening = Int(text.dropFirst(6)) else {
            throw Abort(.internalServerError, reason: "the SMTP sink did not start: \(text)")
        }
        self.port = listening
        self.process = process
    }

    func stop() {
        process?.terminate()
        process?.waitUntilExit()
        process = nil
    }

    /// The messages received, in order, as text.
    func messages() -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    /// A received message's plain-text part, decoded.
    static func text(of message: String) -> String {
        let parts = message.components(separatedBy: "Content-Type: text/plain; charset=utf-8")
        guard parts.count > 1 else { return "" }
        let body =
            parts[1].components(separatedBy: "\r\n\r\n").dropFirst().first?.components(separatedBy: "\r\n--")
            .first ?? ""
        return Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")).map {
            String(decoding: $0, as: UTF8.self)
        } ?? ""
    }

    /// The single-use link in a message's text.
    static func token(in message: String) -> String? {
        let text = text(of: message)
        guard let range = text.range(of: "jeton=") else { return nil }
        return String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    deinit { stop() }
}

@Suite("E-mail through a real SMTP server: invitations, resets, retries", .tags(.web, .database), .serialized)
struct AccountMailTests {
    static let newPassword = "une tisane au parc du dimanche"

    func options(_ clock: TestClock, port: Int) -> TestAppOptions {
        var options = TestAppOptions(clock: clock)
        options.smtp = SMTPSettings(url: "smtp://127.0.0.1:\(port)")
        return options
    }

    @Test(
        "an administrator creates an account; the invitation arrives once the server accepts, and its link sets the password once",
        .enabled(if: SMTPSink.available), arguments: TestDatabase.available)
    func invitation(_ engine: TestDatabase) async throws {
        let sink = SMTPSink()
        try sink.start(refuse: 1)
        defer { sink.stop() }
        let clock = TestClock()
        try await withRelaisApp(engine, options: options(clock, port: sink.port)) { app in
            let admin = try await app.makeAccount(role: .admin)
            let organisation = try #require(try await app.store.accounts.organisation(named: "Organisme de test"))
            let browser = TestBrowser(app)
            try await browser.signIn(email: admin.user.email, password: admin.password)
            #expect(try await browser.get("/admin/comptes/nouveau").status == .ok)
            // bad input is named and creates nothing
            let refused = try await browser.post(
                "/admin/comptes/nouveau", form: ["displayName": "", "email": "pas-une-adresse", "role": "pilot"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("adresse courriel valide"))
            #expect(refused.text.contains("Choisissez un rôle"))
            #expect(try await app.store.outbox.counts().waiting == 0)

            let created = try await browser.post(
                "/admin/comptes/nouveau",
                form: [
                    "displayName": "Éloïse Tremblay", "email": "eloise@example.org", "role": "dispatcher",
                    "organisation": organisation.id.description, "language": "fr",
                ])
            #expect(created.status == .seeOther)
            #expect(try await app.store.outbox.counts().waiting == 1)
            #expect(try await app.store.audit.entries(.init(action: .userInvited)).count == 1)
            // the same address twice is refused
            let twice = try await browser.post(
                "/admin/comptes/nouveau",
                form: [
                    "displayName": "Autre", "email": "ELOISE@example.org", "role": "dispatcher",
                    "organisation": organisation.id.description,
                ])
            #expect(twice.text.contains("déjà cette adresse"))

            // the server answers 451 the first time: kept, tried again after 30 s
            #expect(try await app.mailSender.sendDue() == 0)
            #expect(sink.messages().isEmpty)
            #expect(try await app.mailSender.sendDue() == 0)  // not due yet
            clock.advance(by: 31)
            #expect(try await app.mailSender.sendDue() == 1)
            #expect(try await app.mailSender.sendDue() == 0)  // sent once
            let message = try #require(sink.messages().first)
            #expect(sink.messages().count == 1)
            #expect(message.contains("X-Envelope-To: eloise@example.org"))
            #expect(SMTPSink.text(of: message).contains("Bonjour Éloïse Tremblay,"))
            #expect(SMTPSink.text(of: message).contains("Organisme de test"))
            let token = try #require(SMTPSink.token(in: message))

            let invited = TestBrowser(app)
            let form = try await invited.get("/mot-de-passe/nouveau?jeton=\(token)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Bienvenue"))
            let weak = try await invited.post(
                "/mot-de-passe/nouveau", form: ["jeton": token, "new": "court", "confirmation": "court"])
            #expect(weak.status == .unprocessableEntity)
            let set = try await invited.post(
                "/mot-de-passe/nouveau",
                form: ["jeton": token, "new": Self.newPassword, "confirmation": Self.newPassword])
            #expect(set.status == .seeOther)
            #expect(
                try await TestBrowser(app).signIn(email: "eloise@example.org", password: Self.newPassword).status
                    == .seeOther)
            // the link works once
            #expect(try await invited.get("/mot-de-passe/nouveau?jeton=\(token)").status == .gone)
            let again = try await invited.post(
                "/mot-de-passe/nouveau",
                form: [
                    "jeton": token, "new": "un autre mot de passe long", "confirmation": "un autre mot de passe long",
                ])
            #expect(again.status == .gone)
        }
    }

    @Test(
        "a forgotten password: the same answer for any address, an e-mail only to an account, at most three an hour",
        .enabled(if: SMTPSink.available))
    func reset() async throws {
        let sink = SMTPSink()
        try sink.start()
        defer { sink.stop() }
        let clock = TestClock()
        try await withRelaisApp(options: options(clock, port: sink.port)) { app in
            let account = try await app.makeAccount(
                role: .mobileWorker, email: "worker@example.org", language: .english)
            let browser = TestBrowser(app)
            _ = try await browser.get("/mot-de-passe/oublie")
            let unknown = try await browser.post("/mot-de-passe/oublie", form: ["email": "nobody@example.org"])
            let known = try await browser.post("/mot-de-passe/oublie", form: ["email": "worker@example.org"])
            #expect(unknown.status == .ok && known.status == .ok)
            #expect(
                unknown.text.replacingOccurrences(of: "nobody@example.org", with: "X")
                    == known.text.replacingOccurrences(of: "worker@example.org", with: "X"))
            for _ in 0..<4 { _ = try await browser.post("/mot-de-passe/oublie", form: ["email": "worker@example.org"]) }
            #expect(try await app.mailSender.sendDue() == 3)
            let messages = sink.messages()
            #expect(messages.count == 3)
            #expect(messages.allSatisfy { !$0.contains("nobody@example.org") })
            #expect(SMTPSink.text(of: messages[0]).contains("Hello"))  // in the account's language
            // any unused link sets the password, and then none works
            let token = try #require(SMTPSink.token(in: messages[2]))
            let older = try #require(SMTPSink.token(in: messages[0]))
            let reset = TestBrowser(app)
            #expect(
                try await reset.get("/mot-de-passe/nouveau?jeton=\(token)").text.contains(
                    "Choisissez le nouveau mot de passe"))
            #expect(
                try await reset.post(
                    "/mot-de-passe/nouveau",
                    form: ["jeton": token, "new": Self.newPassword, "confirmation": Self.newPassword]
                ).status == .seeOther)
            #expect(try await reset.get("/mot-de-passe/nouveau?jeton=\(older)").status == .gone)
            #expect(
                try await TestBrowser(app).signIn(email: account.user.email, password: account.password).status
                    == .unauthorized)
            // a reset link expires after an hour
            _ = try await browser.post("/mot-de-passe/oublie", form: ["email": "worker@example.org"])
            clock.advance(by: 3601)
            _ = try await browser.post("/mot-de-passe/oublie", form: ["email": "worker@example.org"])
            #expect(try await app.mailSender.sendDue() == 1)
            let lastMessage = try #require(sink.messages().last)
            let late = try #require(SMTPSink.token(in: lastMessage))
            clock.advance(by: 3601)
            #expect(try await reset.get("/mot-de-passe/nouveau?jeton=\(late)").status == .gone)
        }
    }

    @Test(
        "with the server down, messages wait and go when it is back; a sender that stopped mid-way leaves them to the next; a refusal gives up and the administrator sends it again",
        .enabled(if: SMTPSink.available))
    func serverDown() async throws {
        let probe = SMTPSink()
        try probe.start()
        let port = probe.port
        probe.stop()  // nothing listens there now
        let clock = TestClock()
        try await withRelaisApp(options: options(clock, port: port)) { app in
            let store = app.store
            try await store.outbox.enqueue(
                MailMessage(to: "a@example.org", subject: "Un", text: "un", html: "<p>un</p>"), purpose: "invitation")
            #expect(try await app.mailSender.sendDue() == 0)
            clock.advance(by: 31)
            #expect(try await app.mailSender.sendDue() == 0)  // still down: next try in 2 min
            let sink = SMTPSink()
            try sink.start(port: port)
            defer { sink.stop() }
            clock.advance(by: 121)
            #expect(try await app.mailSender.sendDue() == 1)
            #expect(sink.messages().count == 1)

            // claimed by a sender that then stopped: nobody else sends it before the lease ends
            try await store.outbox.enqueue(
                MailMessage(to: "b@example.org", subject: "Deux", text: "deux", html: "<p>deux</p>"),
                purpose: "invitation")
            #expect(try await store.outbox.claimDue(limit: 10, lease: MailSender.lease).count == 1)
            #expect(try await app.mailSender.sendDue() == 0)
            clock.advance(by: MailSender.lease + 1)
            #expect(try await app.mailSender.sendDue() == 1)
            #expect(sink.messages().count == 2)

            // a recipient the server refuses for good (550) is given up at once and shown to the administrator
            let refused = try await store.outbox.enqueue(
                MailMessage(to: "bounce@", subject: "Trois", text: "trois", html: "<p>trois</p>"),
                purpose: "password_reset")
            #expect(try await app.mailSender.sendDue() == 0)
            #expect(try await store.outbox.givenUp().map(\.id) == [refused])
            let admin = try await app.makeAccount(role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn(email: admin.user.email, password: admin.password)
            let page = try await browser.get("/admin/courriels")
            #expect(page.text.contains("bounce@"))
            #expect(page.text.contains("Réinitialisation du mot de passe"))
            #expect(
                try await browser.post("/admin/courriels/\(refused.uuidString)/renvoyer", form: [:]).status == .seeOther
            )
            #expect(try await store.outbox.givenUp().isEmpty)
            #expect(try await app.store.audit.entries(.init(action: .mailRetried)).count == 1)
        }
    }
}
