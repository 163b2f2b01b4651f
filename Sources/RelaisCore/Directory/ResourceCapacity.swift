import Foundation

/// How many places a resource has free now (for example shelter beds) and how many are taken, as its staff report
/// them; the total is their sum.
public struct ResourceCapacity: Sendable, Equatable {
    public static let maximum = 100_000

    public let available: Int
    public let total: Int?

    /// Checks a report.
    /// - Throws: ``ValidationError`` naming `available` or `occupied` when negative or above ``maximum``.
    public init(available: Int, occupied: Int?) throws(ValidationError) {
        var problems: [FieldProblem] = []
        if !(0...Self.maximum).contains(available) {
            problems.append(FieldProblem(field: "available", messageKey: "error.capacity.available"))
        }
        if let occupied, !(0...Self.maximum).contains(occupied) {
            problems.append(FieldProblem(field: "occupied", messageKey: "error.capacity.occupied"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        self.available = available
        self.total = occupied.map { available + $0 }
    }
}

/// New weekly hours for a service, as its staff set them: HSDS schedules with `byday`, `opens_at`, `closes_at`.
public struct HoursUpdate: Sendable, Equatable {
    public static let maximumSchedules = 50
    public static let maximumDescription = 200
    /// The fields a schedule may have here (others are refused, so a body's size stays bounded).
    static let fields: Set<String> = ["byday", "opens_at", "closes_at", "description"]

    public let schedules: [JSONValue]
    public let hours: OpeningHours

    static let days: Set<Substring> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads and checks the schedules: `byday` as `MO,TU,…`, `opens_at` and `closes_at` as `HH:MM` (or `HH:MM:SS`;
    /// `24:00` closes at midnight), `description` as text.
    /// - Throws: ``ValidationError`` naming each bad schedule field (`schedules[1].opens_at`…).
    public init(schedules: [JSONValue]) throws(ValidationError) {
        guard schedules.count <= Self.maximumSchedules else {
            throw ValidationError([FieldProblem(field: "schedules", messageKey: "error.hours.too_many")])
        }
        var problems: [HSDSProblem] = []
        for (index, schedule) in schedules.enumerated() {
            let path = "schedules[\(index)]"
            func bad(_ field: String) { problems.append(HSDSProblem(path: "\(path).\(field)", message: "invalid")) }
            guard let fields = schedule.object else {
                bad("")
                continue
            }
            for field in fields.keys.sorted() where !Self.fields.contains(field) { bad(field) }
            if let byday = schedule["byday"], !(byday.string.map(Self.isDayList) ?? false) { bad("byday") }
            if !(schedule["opens_at"]?.string.map { Self.isTime($0, endOfDay: false) } ?? false) { bad("opens_at") }
            if !(schedule["closes_at"]?.string.map { Self.isTime($0, endOfDay: true) } ?? false) { bad("closes_at") }
            if let description = schedule["description"],
                (description.string?.unicodeScalars.count ?? .max) > Self.maximumDescription
            {
                bad("description")
            }
        }
        let hours =
            problems.isEmpty
            ? OpeningHours(schedules: schedules, path: "schedules", problems: &problems) : OpeningHours(intervals: [])
        guard problems.isEmpty else {
            throw ValidationError(problems.map { FieldProblem(field: $0.path, messageKey: "error.hours.invalid") })
        }
        self.schedules = schedules
        self.hours = hours
    }

    private static func isDayList(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20
            && text.split(separator: ",", omittingEmptySubsequences: false).allSatisfy(days.contains)
    }

    /// `HH:MM` or `HH:MM:SS` with hours 00–23, or `24:00` when it may end the day.
    private static func isTime(_ text: String, endOfDay: Bool) -> Bool {
        if endOfDay, text == "24:00" { return true }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard [2, 3].contains(parts.count),
            parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return false }
        return parts.count == 2 || Int(parts[2]).map { (0..<60).contains($0) } ?? false
    }
}
