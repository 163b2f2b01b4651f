import Foundation
import RelaisCore

/// The committees' e-mails, in the recipient's language: invitations to a meeting with the iCalendar request that
/// calendars add (and its updates and cancellation, which they apply), a registrant's confirmation or place on the
/// waiting list, the news that a seat freed up, and the reminder that a term ends.
struct CommitteeMail {
    let composer: MailComposer
    let organizer: String
    let timeZone: TimeZone

    init(_ services: AppServices) {
        composer = MailComposer(catalogue: services.catalogue, publicURL: services.config.publicURL)
        organizer = services.config.mailFrom
        timeZone = services.config.timeZone
    }

    /// The calendar attachment of `meeting` for `attendee`: a request (new or changed) or a cancellation.
    func calendar(
        _ meeting: CommitteeMeeting, committee: Committee, station: Station?, attendee: String, language: Language
    )
        -> MailMessage.CalendarAttachment
    {
        let cancelled = meeting.meeting.cancelledAt != nil
        let method = cancelled ? "CANCEL" : "REQUEST"
        let event = ICalendar.Event(
            uid: "\(meeting.id)@\(composer.publicURL.host ?? "relais")", sequence: meeting.meeting.sequence,
            start: meeting.meeting.startsAt,
            end: meeting.meeting.endsAt, summary: committee.name(language),
            location: station.map { "\($0.name), \($0.address)" }, description: agenda(meeting, language),
            cancelled: cancelled, organizer: organizer, attendees: [attendee])
        return .init(
            method: method,
            document: ICalendar(name: committee.name(language), timeZone: timeZone, method: method).document(
                [event], now: Date()))
    }

    private func agenda(_ meeting: CommitteeMeeting, _ language: Language) -> String {
        meeting.agenda.map { "\(composer.catalogue.text($0.theme.labelKey, language)) : \($0.text)" }
            .joined(separator: "\n")
    }

    private func when(_ meeting: CommitteeMeeting, _ language: Language) -> String {
        DateFormatter.relais(.weekdayAndTime, language, timeZone: timeZone).string(from: meeting.meeting.startsAt)
    }

    /// An invitation (or its update, or its cancellation) to `address`.
    func invitation(
        _ meeting: CommitteeMeeting, committee: Committee, station: Station?, to address: String, language: Language
    ) -> MailMessage {
        let kind = meeting.meeting.cancelledAt != nil ? "cancel" : meeting.meeting.sequence > 0 ? "update" : "invite"
        return composer.message(
            to: address, language: language, subjectKey: "committees.mail.\(kind).subject",
            subjectArguments: [committee.name(language), when(meeting, language)],
            paragraphs: [
                (
                    "committees.mail.\(kind).body",
                    [
                        committee.name(language), when(meeting, language),
                        station.map { "\($0.name), \($0.address)" } ?? "",
                    ]
                ),
                ("committees.mail.agenda", [agenda(meeting, language)]),
            ],
            link: meeting.isOpen ? composer.link(PublicMeetingPagesController.path(meeting.id)) : nil,
            calendar: calendar(meeting, committee: committee, station: station, attendee: address, language: language))
    }

    /// A registrant's confirmation: a seat (with the calendar request) or the waiting list; the link cancels.
    func registered(
        _ registration: Registration, meeting: CommitteeMeeting, committee: Committee, station: Station?, token: String
    ) -> MailMessage {
        let language = registration.language
        let seat = registration.status == .registered
        return composer.message(
            to: registration.registrant.email, language: language,
            subjectKey: seat ? "committees.mail.registered.subject" : "committees.mail.waiting.subject",
            subjectArguments: [committee.name(language)],
            paragraphs: [
                (
                    seat ? "committees.mail.registered.body" : "committees.mail.waiting.body",
                    [
                        committee.name(language), when(meeting, language),
                        station.map { "\($0.name), \($0.address)" } ?? "",
                    ]
                ),
                ("committees.mail.cancel_link", []),
            ],
            link: composer.link(PublicMeetingPagesController.cancelPath(token)),
            calendar: seat
                ? calendar(
                    meeting, committee: committee, station: station, attendee: registration.registrant.email,
                    language: language) : nil)
    }

    /// To one who waited: a seat freed up.
    func promoted(_ registration: Registration, meeting: CommitteeMeeting, committee: Committee, station: Station?)
        -> MailMessage
    {
        let language = registration.language
        return composer.message(
            to: registration.registrant.email, language: language, subjectKey: "committees.mail.promoted.subject",
            subjectArguments: [committee.name(language)],
            paragraphs: [
                (
                    "committees.mail.promoted.body",
                    [
                        committee.name(language), when(meeting, language),
                        station.map { "\($0.name), \($0.address)" } ?? "",
                    ]
                )
            ],
            calendar: calendar(
                meeting, committee: committee, station: station, attendee: registration.registrant.email,
                language: language))
    }

    /// A term ends soon: to the member and to each coordinator.
    func termEnding(
        _ mandate: Mandate, committee: Committee, memberName: String, to address: String, language: Language
    )
        -> MailMessage
    {
        composer.message(
            to: address, language: language, subjectKey: "committees.mail.term.subject",
            subjectArguments: [committee.name(language)],
            paragraphs: [
                (
                    "committees.mail.term.body",
                    [memberName, committee.name(language), mandate.endsOn, String(mandate.number)]
                )
            ], link: composer.link(CommitteesPagesController.path(committee)))
    }
}
