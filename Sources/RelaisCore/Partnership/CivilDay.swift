import Foundation

/// Arithmetic on calendar days written `yyyy-MM-dd` (terms, due dates): no time zone, no hour.
public enum CivilDay {
    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }

    /// The day as a date at midnight UTC, if it is a real day.
    static func date(_ day: String) -> Date? {
        guard PersonIdentifiers.isDay(day) else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            text(date) == day
        else { return nil }
        return date
    }

    static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `day` moved by some years, months and days (Feb 29 + 1 year is Feb 28).
    public static func adding(years: Int = 0, months: Int = 0, days: Int = 0, to day: String) -> String? {
        guard let date = date(day),
            let moved = calendar.date(byAdding: DateComponents(year: years, month: months, day: days), to: date)
        else { return nil }
        return text(moved)
    }

    /// The year of a day.
    public static func year(_ day: String) -> Int { Int(day.prefix(4)) ?? 0 }

    /// Whole days from `from` to `to` (negative when `to` is earlier).
    public static func days(from: String, to: String) -> Int? {
        guard let start = date(from), let end = date(to) else { return nil }
        return calendar.dateComponents([.day], from: start, to: end).day
    }
}
