import Foundation
import RelaisCore

extension DateFormatter {
    /// How much of a date the pages show.
    enum RelaisStyle {
        /// Day, month and time to the second (a request's timeline).
        case time
        /// Weekday, day, month, hour and minute (a roster).
        case weekdayAndTime
    }

    /// A formatter for the pages: the deployment's time zone, the page's language.
    static func relais(_ style: RelaisStyle, _ language: Language, timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .french ? "fr_CA" : "en_CA")
        formatter.timeZone = timeZone
        formatter.dateFormat =
            switch (style, language) {
            case (.time, .french): "d MMM HH:mm:ss"
            case (.time, .english): "MMM d, HH:mm:ss"
            case (.weekdayAndTime, .french): "EEE d MMM HH:mm"
            case (.weekdayAndTime, .english): "EEE MMM d, HH:mm"
            }
        return formatter
    }
}

extension DateFormatter {
    /// A `datetime-local` form value (`2026-11-23T19:00`) in the deployment's time zone.
    static func parseLocal(_ text: String, zone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

extension DateFormatter {
    /// `2026-11-27` in `zone`: made once per page, as making a formatter costs more than using it.
    static func day(in zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = zone
        return formatter
    }
}
