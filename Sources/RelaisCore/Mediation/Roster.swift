import Foundation

/// A team's shift serving one borough.
public struct Shift: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Shift>

    public let id: ID
    public let teamID: MobileTeam.ID
    /// The borough's territory code.
    public let territoryCode: String
    public let interval: DateInterval

    public init(id: ID, teamID: MobileTeam.ID, territoryCode: String, interval: DateInterval) {
        self.id = id
        self.teamID = teamID
        self.territoryCode = territoryCode
        self.interval = interval
    }
}

/// Rules of the 24/7 roster.
public enum Roster {
    /// The longest shift accepted.
    public static let maximumShift: TimeInterval = 16 * 3600

    /// Checks a new shift: it must end after it starts, last at most ``maximumShift`` and not overlap the team's
    /// other shifts.
    /// - Throws: ``ValidationError`` for `endsAt` or `startsAt`.
    public static func validate(_ interval: DateInterval, against teamShifts: [Shift]) throws(ValidationError) {
        guard interval.duration > 0 else {
            throw ValidationError([FieldProblem(field: "endsAt", messageKey: "mediation.error.shift.ends_before_start")]
            )
        }
        guard interval.duration <= maximumShift else {
            throw ValidationError([FieldProblem(field: "endsAt", messageKey: "mediation.error.shift.too_long")])
        }
        let overlaps = teamShifts.contains {
            $0.interval.start < interval.end && interval.start < $0.interval.end
        }
        if overlaps {
            throw ValidationError([FieldProblem(field: "startsAt", messageKey: "mediation.error.shift.overlaps")])
        }
    }

    /// The parts of `period` when no shift serves `territoryCode`, in order.
    public static func gaps(in period: DateInterval, territoryCode: String, shifts: [Shift]) -> [DateInterval] {
        let covering = shifts.filter { $0.territoryCode == territoryCode }.map(\.interval)
            .sorted { $0.start < $1.start }
        var gaps: [DateInterval] = []
        var cursor = period.start
        for interval in covering where interval.end > cursor {
            if interval.start >= period.end { break }
            if interval.start > cursor { gaps.append(DateInterval(start: cursor, end: interval.start)) }
            cursor = max(cursor, interval.end)
        }
        if cursor < period.end { gaps.append(DateInterval(start: cursor, end: period.end)) }
        return gaps
    }

    /// The boroughs a team serves at `date`.
    public static func boroughs(of team: MobileTeam.ID, at date: Date, shifts: [Shift]) -> Set<String> {
        Set(
            shifts.filter { $0.teamID == team && $0.interval.start <= date && date < $0.interval.end }.map(
                \.territoryCode))
    }
}

/// Which mobile-team organisation takes a request submitted from outside them (police, a partner application), when a
/// deployment has several: the one whose teams serve the point's borough now, otherwise the one whose shift there is
/// nearest in time, otherwise the first one. A request is never refused for not knowing its owner.
public enum ServingOrganisation {
    /// - Parameters:
    ///   - candidates: the mobile-team organisations, in a stable order (by name).
    ///   - shifts: each candidate's shifts in the point's borough, around `now`.
    public static func choose(
        among candidates: [Organisation.ID], shifts: [(organisationID: Organisation.ID, interval: DateInterval)],
        at now: Date
    ) -> Organisation.ID? {
        guard candidates.count > 1 else { return candidates.first }
        func distance(_ interval: DateInterval) -> TimeInterval {
            interval.contains(now)
                ? 0 : min(abs(interval.start.timeIntervalSince(now)), abs(interval.end.timeIntervalSince(now)))
        }
        let nearest = candidates.compactMap { candidate -> (Organisation.ID, TimeInterval)? in
            let own = shifts.filter { $0.organisationID == candidate }.map { distance($0.interval) }
            return own.min().map { (candidate, $0) }
        }
        return nearest.min { $0.1 < $1.1 }?.0 ?? candidates.first
    }
}
