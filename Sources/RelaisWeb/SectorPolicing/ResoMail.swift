import Foundation
import RelaisCore

/// RÉSO's e-mails: the resident's receipt and the officer's answer (in the resident's language), and the notice to
/// the covering colleague and supervisors when a message waited too long (no word of what the resident wrote: the
/// link opens it, audited).
struct ResoMail {
    let composer: MailComposer

    init(_ services: AppServices) {
        composer = MailComposer(catalogue: services.catalogue, publicURL: services.config.publicURL)
    }

    /// The receipt of a message that asked for an answer by e-mail.
    func receipt(_ message: ResidentMessage, sector: Sector, officer: SectorOfficer?) -> MailMessage? {
        guard message.content.replyBy == .email else { return nil }
        return composer.message(
            to: message.content.contact, language: message.language, subjectKey: "reso.mail.receipt.subject",
            subjectArguments: [message.reference],
            paragraphs: [
                ("reso.mail.receipt.body", [message.reference, sector.name, sector.city]),
                (officer == nil ? "reso.mail.receipt.no_officer" : "reso.mail.receipt.officer", [officer?.name ?? ""]),
                ("reso.mail.emergency", []),
            ])
    }

    /// The officer's answer, by e-mail.
    func answer(_ message: ResidentMessage, text: String) -> MailMessage? {
        guard message.content.replyBy == .email else { return nil }
        return composer.message(
            to: message.content.contact, language: message.language, subjectKey: "reso.mail.answer.subject",
            subjectArguments: [message.reference],
            paragraphs: [
                ("reso.mail.answer.body", [message.reference]), ("reso.mail.quote", [text]),
                ("reso.mail.emergency", []),
            ])
    }

    /// To a colleague or a supervisor: a message has waited past the delay.
    func escalation(_ message: MessageSummary, to address: String, language: Language, sector: Sector, hours: Int)
        -> MailMessage
    {
        composer.message(
            to: address, language: language, subjectKey: "reso.mail.escalation.subject",
            subjectArguments: [message.reference],
            paragraphs: [("reso.mail.escalation.body", [message.reference, sector.name, String(hours)])],
            link: composer.link("/reso/messages/\(message.id)"))
    }
}
