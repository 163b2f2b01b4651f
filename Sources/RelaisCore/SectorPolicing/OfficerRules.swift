import Foundation

/// What a coordinator writes about an officer, checked: nothing is saved when a field is wrong.
public enum OfficerRules {
    public static let maximumNameLength = 80

    /// One row of the weekly duty form: a day (0 = Monday … 6 = Sunday) and times (`HH:MM`).
    public struct DutyRow: Sendable, Equatable {
        public var day: Int?
        public var start: String?
        public var end: String?

        public init(day: Int?, start: String?, end: String?) {
            self.day = day
            self.start = start
            self.end = end
        }
    }

    /// The officer's card as sent: a name, a cell number of ten digits (a leading 1 is dropped), known languages.
    /// - Throws: ``ValidationError`` naming each wrong field.
    public static func card(name: String?, cellPhone: String?, languages: [String]) throws(ValidationError) -> (
        name: String, cellPhone: String, languages: [SpokenLanguage]
    ) {
        var problems: [FieldProblem] = []
        let trimmed = name.trimmedNonEmpty
        if trimmed == nil || trimmed!.count > maximumNameLength {
            problems.append(FieldProblem(field: "name", messageKey: "reso.error.officer_name"))
        }
        let digits = cellPhone.trimmedNonEmpty.flatMap(Self.cellDigits)
        if digits == nil { problems.append(FieldProblem(field: "cellPhone", messageKey: "reso.error.cell_phone")) }
        let spoken = languages.compactMap(SpokenLanguage.init(rawValue:))
        if spoken.isEmpty || spoken.count != languages.count {
            problems.append(FieldProblem(field: "languages", messageKey: "reso.error.languages"))
        }
        guard problems.isEmpty, let trimmed, let digits else { throw ValidationError(problems) }
        var unique: [SpokenLanguage] = []
        for language in spoken where !unique.contains(language) { unique.append(language) }
        return (trimmed, digits, unique)
    }

    /// The ten digits of a North American number (`450 555-1234`, `+1 (450) 555-1234`), or nil.
    public static func cellDigits(_ text: String) -> String? {
        guard text.count <= 30 else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || " -().+".contains($0)) }) else { return nil }
        var digits = text.filter(\.isNumber)
        if digits.count == 11, digits.first == "1" { digits.removeFirst() }
        guard digits.count == 10, let first = digits.first, first != "0", first != "1" else { return nil }
        return digits
    }

    /// The weekly duty from the form's rows; empty rows are skipped. A shift may end after midnight (22:00–06:00
    /// runs into the next day); a shift ending when it starts is refused.
    /// - Throws: ``ValidationError`` (`duty`) naming the first wrong row.
    public static func duty(_ rows: [DutyRow]) throws(ValidationError) -> OpeningHours {
        var intervals: [OpeningHours.Interval] = []
        for row in rows.prefix(28) {
            let start = row.start.trimmedNonEmpty
            let end = row.end.trimmedNonEmpty
            if row.day == nil && start == nil && end == nil { continue }
            guard let day = row.day, (0..<7).contains(day), let start, let end,
                let opens = OpeningHours.minutes(start), let closes = OpeningHours.minutes(end), opens != closes,
                opens < 1440
            else { throw ValidationError([FieldProblem(field: "duty", messageKey: "reso.error.duty")]) }
            let begin = day * 1440 + opens
            let length = closes > opens ? closes - opens : 1440 - opens + closes
            let finish = begin + length
            if finish <= OpeningHours.minutesPerWeek {
                intervals.append(OpeningHours.Interval(start: begin, end: finish))
            } else {
                intervals.append(OpeningHours.Interval(start: begin, end: OpeningHours.minutesPerWeek))
                intervals.append(OpeningHours.Interval(start: 0, end: finish - OpeningHours.minutesPerWeek))
            }
        }
        guard rows.count <= 28 else {
            throw ValidationError([FieldProblem(field: "duty", messageKey: "reso.error.duty")])
        }
        return OpeningHours(intervals: intervals.sorted { $0.start < $1.start })
    }

    /// The rows a duty is shown as in the form (a shift past midnight of Sunday shows once, as it was written).
    public static func rows(_ duty: OpeningHours) -> [DutyRow] {
        var intervals = duty.intervals.sorted { $0.start < $1.start }
        // A Sunday-night shift is stored in two parts; the part at the week's start continues the last one.
        if let last = intervals.last, last.end == OpeningHours.minutesPerWeek, let first = intervals.first,
            first.start == 0, intervals.count > 1
        {
            intervals.removeFirst()
            intervals[intervals.count - 1] = OpeningHours.Interval(start: last.start, end: last.end + first.end)
        }
        return intervals.map { interval in
            DutyRow(
                day: interval.start / 1440, start: Self.clock(interval.start % 1440),
                end: Self.clock(interval.end % 1440 == 0 ? 1440 : interval.end % 1440))
        }
    }

    private static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
