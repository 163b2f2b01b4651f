import Foundation
import RelaisCore

/// The e-mails about an account — an invitation to choose a first password, a password reset — in the person's
/// language, as plain text and HTML, each with its single-use link.
struct AccountMail {
    let catalogue: Catalogue
    let publicURL: URL

    /// The page where a token's holder chooses a password.
    func link(token: String) -> String {
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/mot-de-passe/nouveau?jeton=" + token
    }

    func invitation(to user: User, organisation: String, invitedBy: String, token: String) -> MailMessage {
        message(
            to: user, subjectKey: "mail.invitation.subject",
            paragraphs: [
                ("mail.greeting", [user.displayName]),
                ("mail.invitation.body", [invitedBy, organisation]),
                ("mail.invitation.link", []),
            ], token: token, closingKey: "mail.invitation.unexpected")
    }

    func reset(to user: User, token: String) -> MailMessage {
        message(
            to: user, subjectKey: "mail.reset.subject",
            paragraphs: [("mail.greeting", [user.displayName]), ("mail.reset.body", []), ("mail.reset.link", [])],
            token: token, closingKey: "mail.reset.unexpected")
    }

    private func message(
        to user: User, subjectKey: String, paragraphs: [(String, [String])], token: String, closingKey: String
    ) -> MailMessage {
        let language = user.language
        let texts = paragraphs.map { catalogue.text($0.0, language, $0.1) }
        let closing = catalogue.text(closingKey, language)
        let link = link(token: token)
        let text =
            (texts + [link, closing, catalogue.text("mail.signature", language)]).joined(separator: "\n\n") + "\n"
        let html = """
            <!doctype html><html lang="\(language.rawValue)"><body style="font-family: sans-serif; line-height: 1.5">
            \(texts.map { "<p>\(Self.escape($0))</p>" }.joined(separator: "\n"))
            <p><a href="\(Self.escape(link))">\(Self.escape(link))</a></p>
            <p>\(Self.escape(closing))</p>
            <p>\(Self.escape(catalogue.text("mail.signature", language)))</p>
            </body></html>
            """
        return MailMessage(to: user.email, subject: catalogue.text(subjectKey, language), text: text, html: html)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
