import Foundation
import RelaisCore

/// The e-mails about an account — an invitation to choose a first password, a password reset — in the person's
/// language, as plain text and HTML, each with its single-use link.
struct AccountMail {
    let catalogue: Catalogue
    let publicURL: URL

    private var composer: MailComposer { MailComposer(catalogue: catalogue, publicURL: publicURL) }

    /// The page where a token's holder chooses a password.
    func link(token: String) -> String {
        composer.link("/mot-de-passe/nouveau?jeton=" + token)
    }

    func invitation(to user: User, organisation: String, invitedBy: String, token: String) -> MailMessage {
        composer.message(
            to: user.email, language: user.language, subjectKey: "mail.invitation.subject",
            paragraphs: [
                ("mail.greeting", [user.displayName]),
                ("mail.invitation.body", [invitedBy, organisation]),
                ("mail.invitation.link", []),
            ], link: link(token: token), closingKey: "mail.invitation.unexpected")
    }

    func reset(to user: User, token: String) -> MailMessage {
        composer.message(
            to: user.email, language: user.language, subjectKey: "mail.reset.subject",
            paragraphs: [("mail.greeting", [user.displayName]), ("mail.reset.body", []), ("mail.reset.link", [])],
            link: link(token: token), closingKey: "mail.reset.unexpected")
    }
}
