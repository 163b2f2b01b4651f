import Foundation

/// A weekly schedule of meetings (twice a week for a situation table): the weekdays, the local time and the
/// length. Exceptions are meetings cancelled or added one by one; the schedule only proposes the regular ones.
public struct MeetingSchedule: Sendable, Equatable {
    /// Weekdays as `Calendar` numbers them (1 is Sunday).
    public let weekdays: [Int]
    public let hour: Int
    public let minute: Int
    public let minutes: Int

    /// - Returns: `nil` when a weekday, the time or the length is out of range.
    public init?(weekdays: [Int], hour: Int, minute: Int, minutes: Int) {
        guard !weekdays.isEmpty, weekdays.allSatisfy((1...7).contains), (0...23).contains(hour),
            (0...59).contains(minute), (15...480).contains(minutes)
        else { return nil }
        self.weekdays = Array(Set(weekdays)).sorted()
        self.hour = hour
        self.minute = minute
        self.minutes = minutes
    }

    /// Reads the setting: weekdays, local time and length, as `tue,thu 09:30 90`.
    public init?(setting: String) {
        let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        let parts = setting.lowercased().split(separator: " ")
        guard parts.count == 3 else { return nil }
        let days = parts[0].split(separator: ",").map { names.firstIndex(of: String($0)).map { $0 + 1 } }
        let time = parts[1].split(separator: ":")
        guard !days.contains(nil), time.count == 2, time.allSatisfy({ $0.count == 2 }), parts[2].count <= 3,
            let hour = Int(time[0]), let minute = Int(time[1]), let minutes = Int(parts[2])
        else { return nil }
        self.init(weekdays: days.compactMap { $0 }, hour: hour, minute: minute, minutes: minutes)
    }

    /// The regular meetings starting in `interval`, in `timeZone` (a change of hour keeps the local time).
    public func occurrences(in interval: DateInterval, timeZone: TimeZone) -> [DateInterval] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var found: [DateInterval] = []
        var day = calendar.startOfDay(for: interval.start)
        while day < interval.end {
            if weekdays.contains(calendar.component(.weekday, from: day)),
                let start = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day),
                interval.contains(start)
            {
                found.append(DateInterval(start: start, duration: Double(minutes) * 60))
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return found
    }
}
