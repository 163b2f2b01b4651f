import Foundation

/// RÉSO's public meetings: a sector's or a city's residents meet their officers (monthly in some cities). A meeting
/// is planned for a city of the service, on a day not past, at a local time, for a length, at a place.
public enum PublicMeetingRules {
    /// The meetings' series name for a city (`reso:Brossard`).
    public static func series(city: String) -> String { "reso:" + city }

    /// A planned meeting's time and place.
    /// - Throws: ``ValidationError`` naming `city`, `day`, `start`, `minutes`, `location`.
    public static func plan(
        city: String?, cities: [String], day: String?, start: String?, minutes: String?, location: String?,
        today: String, timeZone: TimeZone
    ) throws(ValidationError) -> (city: String, interval: DateInterval, location: String) {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ key: String) { problems.append(FieldProblem(field: field, messageKey: key)) }
        let city = city.trimmedNonEmpty.flatMap { cities.contains($0) ? $0 : nil }
        if city == nil { problem("city", "reso.error.city") }
        let day = day.trimmedNonEmpty
        if day == nil || !PersonIdentifiers.isDay(day!) || day! < today { problem("day", "reso.error.meeting_day") }
        let opens = start.trimmedNonEmpty.flatMap(OpeningHours.minutes)
        if opens == nil || opens! >= 1440 { problem("start", "reso.error.meeting_start") }
        let length = minutes.trimmedNonEmpty.flatMap { $0.count <= 4 ? Int($0) : nil }
        if length == nil || !(15...480).contains(length!) { problem("minutes", "reso.error.meeting_minutes") }
        let location = location.trimmedNonEmpty
        if location == nil || location!.count > 200 { problem("location", "reso.error.meeting_location") }
        guard problems.isEmpty, let city, let day, let opens, let length, let location,
            let date = Meeting.instant(day: day, minute: opens, timeZone: timeZone)
        else {
            throw ValidationError(
                problems.isEmpty ? [FieldProblem(field: "day", messageKey: "reso.error.meeting_day")] : problems)
        }
        return (city, DateInterval(start: date, duration: Double(length) * 60), location)
    }
}
