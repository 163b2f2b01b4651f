import Foundation

/// When a resource is open in a typical week, read from HSDS schedules (RFC 5545 weekly rules with `opens_at` and
/// `closes_at`), in the deployment's time zone. Overnight hours (22:00–08:00) run into the next day.
public struct OpeningHours: Sendable, Equatable {
    /// Minutes of the week (Monday 00:00 = 0) during which the resource is open, between two dates if the
    /// schedule says so (`yyyy-MM-dd`, inclusive).
    public struct Interval: Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let validFrom: String?
        public let validTo: String?

        public init(start: Int, end: Int, validFrom: String? = nil, validTo: String? = nil) {
            self.start = start
            self.end = end
            self.validFrom = validFrom
            self.validTo = validTo
        }
    }

    public static let minutesPerWeek = 7 * 1440
    private static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public let intervals: [Interval]

    public init(intervals: [Interval]) {
        self.intervals = intervals
    }

    /// Reads the weekly hours of HSDS schedules; a schedule that is not weekly (monthly rules, no times) adds
    /// nothing, and a malformed one is reported under `path`.
    public init(schedules: [JSONValue], path: String, problems: inout [HSDSProblem]) {
        var intervals: [Interval] = []
        for (index, schedule) in schedules.enumerated() {
            let here = "\(path)[\(index)]"
            guard let opensText = schedule["opens_at"]?.text, let closesText = schedule["closes_at"]?.text else {
                continue
            }
            guard let opens = Self.minutes(opensText) else {
                problems.append(
                    HSDSProblem(path: here + ".opens_at", message: "\"\(opensText)\" is not a time (HH:MM)"))
                continue
            }
            guard let closes = Self.minutes(closesText) else {
                problems.append(
                    HSDSProblem(path: here + ".closes_at", message: "\"\(closesText)\" is not a time (HH:MM)"))
                continue
            }
            let frequency = schedule["freq"]?.text?.uppercased()
            if let frequency, frequency != "WEEKLY" { continue }
            guard let days = Self.weekdays(schedule, path: here, problems: &problems) else { continue }
            let length = closes > opens ? closes - opens : 1440 - opens + closes
            let validFrom = schedule["valid_from"]?.text.map { String($0.prefix(10)) }
            let validTo = schedule["valid_to"]?.text.map { String($0.prefix(10)) }
            for day in days {
                let start = day * 1440 + opens
                let end = start + length
                if end <= Self.minutesPerWeek {
                    intervals.append(Interval(start: start, end: end, validFrom: validFrom, validTo: validTo))
                } else {
                    intervals.append(
                        Interval(start: start, end: Self.minutesPerWeek, validFrom: validFrom, validTo: validTo))
                    intervals.append(
                        Interval(start: 0, end: end - Self.minutesPerWeek, validFrom: validFrom, validTo: validTo))
                }
            }
        }
        self.intervals = intervals
    }

    /// Whether the resource is open at `date` in `timeZone`.
    public func isOpen(at date: Date, in timeZone: TimeZone) -> Bool {
        let moment = Self.moment(date, in: timeZone)
        return intervals.contains { interval in
            interval.start <= moment.minuteOfWeek && moment.minuteOfWeek < interval.end
                && (interval.validFrom.map { $0 <= moment.day } ?? true)
                && (interval.validTo.map { $0 >= moment.day } ?? true)
        }
    }

    /// The minute of the week and the local date (`yyyy-MM-dd`) of `date` in `timeZone`.
    public static func moment(_ date: Date, in timeZone: TimeZone) -> (minuteOfWeek: Int, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
        let weekday = ((parts.weekday ?? 2) + 5) % 7  // Calendar: Sunday = 1; here Monday = 0
        let minute = weekday * 1440 + (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let day = "\(parts.year ?? 0)-\(Self.twoDigits(parts.month ?? 1))-\(Self.twoDigits(parts.day ?? 1))"
        return (minute, day)
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// Minutes after midnight of `HH:MM` or `HH:MM:SS` (a zone suffix is ignored: hours are local); 24:00 is the
    /// end of the day.
    static func minutes(_ text: String) -> Int? {
        let parts = text.prefix(8).split(separator: ":")
        guard parts.count >= 2, let hour = Int(parts[0]), let minute = Int(parts[1].prefix(2)),
            (0...24).contains(hour), (0..<60).contains(minute), hour < 24 || minute == 0
        else { return nil }
        return hour * 60 + minute
    }

    /// The days (Monday = 0) a weekly schedule covers: its `byday`, else the day of its `dtstart`, else every day.
    private static func weekdays(_ schedule: JSONValue, path: String, problems: inout [HSDSProblem]) -> [Int]? {
        guard let byday = schedule["byday"]?.text else {
            if schedule["freq"] != nil, let start = schedule["dtstart"]?.text, let day = Self.weekday(ofDate: start) {
                return [day]
            }
            return Array(0..<7)
        }
        var days: [Int] = []
        for code in byday.split(separator: ",") {
            let letters = code.trimmingCharacters(in: .whitespaces).uppercased()
            guard letters.allSatisfy(\.isLetter), let day = Self.days.firstIndex(of: String(letters.prefix(2))) else {
                problems.append(HSDSProblem(path: path + ".byday", message: "\"\(code)\" is not a day (MO…SU)"))
                return nil
            }
            days.append(day)
        }
        return days
    }

    private static func weekday(ofDate text: String) -> Int? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            return nil
        }
        return (calendar.component(.weekday, from: date) + 5) % 7
    }
}
