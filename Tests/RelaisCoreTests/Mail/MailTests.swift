import Foundation
import Testing

@testable import RelaisCore

@Suite("E-mail: messages, SMTP replies and the outbox's schedule")
struct MailTests {
    @Test("a message renders as MIME with both parts in UTF-8 and an encoded subject")
    func rendering() throws {
        let message = MailMessage(
            to: "camille@example.org", subject: "Réinitialiser votre mot de passe Relais", text: "Bonjour Éloïse,\n",
            html: "<p>Bonjour Éloïse,</p>")
        let rendered = message.rendered(
            from: "relais@example.org", messageID: "abc@relais", date: Date(timeIntervalSince1970: 0), boundary: "b1")
        #expect(rendered.contains("To: camille@example.org\r\n"))
        #expect(rendered.contains("Subject: =?utf-8?B?"))
        #expect(rendered.contains("Message-ID: <abc@relais>\r\n"))
        #expect(rendered.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(rendered.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(rendered.contains(Data("Bonjour Éloïse,\n".utf8).base64EncodedString()))
        #expect(rendered.hasSuffix("--b1--\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // a subject with a line break cannot add a header
        let forged = MailMessage(to: "a@b.c", subject: "Hi\r\nBcc: x@y.z", text: "", html: "")
        #expect(!forged.rendered(from: "r@b.c", messageID: "m", date: Date(), boundary: "b").contains("\r\nBcc:"))
        #expect(MailAddress.isPlain("camille@example.org"))
        #expect(!MailAddress.isPlain("camille@example.org>\r\nRCPT TO:<x@y.z"))
        #expect(!MailAddress.isPlain("no-at-sign"))
    }

    @Test("replies are read line by line, several lines as one, and what is not SMTP is refused")
    func replies() throws {
        var reader = SMTPReply.Reader()
        #expect(try reader.read("250-mail.example.org greets you") == nil)
        #expect(try reader.read("250-STARTTLS") == nil)
        let hello = try #require(try reader.read("250 AUTH PLAIN LOGIN"))
        #expect(hello.code == 250 && hello.isPositive)
        #expect(hello.extensions == ["STARTTLS", "AUTH"])
        #expect(try reader.read("451 4.3.0 later")?.isTransient == true)
        #expect(throws: SMTPReply.Malformed.self) { try reader.read("HTTP/1.1 200 OK") }
        var mixed = SMTPReply.Reader()
        _ = try mixed.read("250-one")
        #expect(throws: SMTPReply.Malformed.self) { try mixed.read("251 two") }
    }

    @Test("a failed message is tried again later and later, then given up")
    func schedule() throws {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(OutboxSchedule.nextAttempt(after: 1, failedAt: now) == now.addingTimeInterval(30))
        #expect(OutboxSchedule.nextAttempt(after: 2, failedAt: now) == now.addingTimeInterval(120))
        #expect(OutboxSchedule.nextAttempt(after: 9, failedAt: now) == now.addingTimeInterval(6 * 3600))
        #expect(OutboxSchedule.nextAttempt(after: OutboxSchedule.maximumAttempts, failedAt: now) == nil)
    }
}
