import Foundation
import RelaisCore

/// Writes an e-mail in the recipient's language, as plain text and HTML: paragraphs, an optional link, an optional
/// closing line, and the platform's signature. Every programme's e-mails go through it.
struct MailComposer {
    let catalogue: Catalogue
    let publicURL: URL

    /// The deployment's address of `path` (`/reso/messages/…`), for links in e-mails.
    func link(_ path: String) -> String {
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// A message to `address` in `language`; `paragraphs` are catalogue keys with their arguments.
    func message(
        to address: String, language: Language, subjectKey: String, subjectArguments: [String] = [],
        paragraphs: [(String, [String])], link: String? = nil, closingKey: String? = nil,
        calendar: MailMessage.CalendarAttachment? = nil
    ) -> MailMessage {
        let texts = paragraphs.map { catalogue.text($0.0, language, $0.1) }
        let closing = closingKey.map { catalogue.text($0, language) }
        let signature = catalogue.text("mail.signature", language)
        let text = (texts + [link, closing, signature].compactMap { $0 }).joined(separator: "\n\n") + "\n"
        let html = """
            <!doctype html><html lang="\(language.rawValue)"><body style="font-family: sans-serif; line-height: 1.5">
            \(texts.map { "<p>\(Self.escape($0).replacingOccurrences(of: "\n", with: "<br>"))</p>" }.joined(separator: "\n"))
            \(link.map { "<p><a href=\"\(Self.escape($0))\">\(Self.escape($0))</a></p>" } ?? "")
            \(closing.map { "<p>\(Self.escape($0))</p>" } ?? "")
            <p>\(Self.escape(signature))</p>
            </body></html>
            """
        return MailMessage(
            to: address, subject: catalogue.text(subjectKey, language, subjectArguments), text: text, html: html,
            calendar: calendar)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
