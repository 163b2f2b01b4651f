import Foundation

/// An e-mail Relais sends: to one person, in their language, as plain text and HTML, with an iCalendar invitation
/// attached when it invites to a meeting (or updates or cancels one: calendars apply it).
public struct MailMessage: Sendable, Equatable, Codable {
    public let to: String
    public let subject: String
    public let text: String
    public let html: String
    /// An iCalendar document (RFC 5546 iTIP over e-mail, RFC 6047) and its method (`REQUEST`, `CANCEL`).
    public let calendar: CalendarAttachment?

    /// An invitation, its update or its cancellation, as an attachment calendars read.
    public struct CalendarAttachment: Sendable, Equatable, Codable {
        public let method: String
        public let document: String

        public init(method: String, document: String) {
            self.method = method
            self.document = document
        }
    }

    public init(to: String, subject: String, text: String, html: String, calendar: CalendarAttachment? = nil) {
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.calendar = calendar
    }

    /// The message in Internet Message Format (RFC 5322, MIME multipart/alternative, UTF-8 parts in base64), with
    /// CRLF line ends, ready for SMTP's DATA (dot-stuffing is the sender's).
    /// - Parameters:
    ///   - messageID: stable per outbox entry, so that a message sent twice after a crash is recognisably one.
    public func rendered(from sender: String, messageID: String, date: Date, boundary: String) -> String {
        var lines = [
            "From: \(Self.header(sender))",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        let alternative = calendar == nil ? boundary : boundary + "-alt"
        if calendar != nil {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"]
        }
        lines.append("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
        lines.append("")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(alternative)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
            ]
            lines += Self.wrapped(Data(body.utf8).base64EncodedString())
        }
        lines.append("--\(alternative)--")
        if let calendar {
            lines += [
                "", "--\(boundary)",
                "Content-Type: text/calendar; charset=utf-8; method=\(calendar.method); name=\"invitation.ics\"",
                "Content-Disposition: attachment; filename=\"invitation.ics\"", "Content-Transfer-Encoding: base64", "",
            ]
            lines += Self.wrapped(Data(calendar.document.utf8).base64EncodedString())
            lines.append("--\(boundary)--")
        }
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    /// A header value: ASCII as is, anything else as an RFC 2047 encoded word.
    static func header(_ value: String) -> String {
        value.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 } ? value : encodedWord(value)
    }

    /// `=?utf-8?B?…?=` when the text is not plain printable ASCII; words of at most 45 bytes each, folded.
    static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return clean }
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func wrapped(_ base64: String) -> [String] {
        stride(from: 0, to: base64.count, by: 76).map { start in
            let from = base64.index(base64.startIndex, offsetBy: start)
            let to = base64.index(from, offsetBy: min(76, base64.count - start))
            return String(base64[from..<to])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Whether an address can be put in an SMTP envelope and a header as it is: one `@`, no spaces, brackets, quotes
/// or control characters (what account e-mails already are).
public enum MailAddress {
    public static func isPlain(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.count <= 254
            && address.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
            }
    }
}
