import Foundation

/// Response-time figures of a set of requests: received → dispatched → on scene → cleared.
public struct ResponseTimeSummary: Sendable, Equatable, Codable {
    /// Median and 90th percentile of one interval, in seconds (nearest-rank), with how many requests had it.
    public struct Figures: Sendable, Equatable, Codable {
        public let count: Int
        public let median: Double?
        public let p90: Double?
    }

    public let requests: Int
    public let toDispatch: Figures
    public let toScene: Figures
    public let toClear: Figures
}

/// One request's timeline with where and when it came in, as statistics see it (nothing identifying).
public struct TimedRequest: Sendable, Equatable {
    public let territoryCode: String?
    public let timeline: ResponseTimeline

    public init(territoryCode: String?, timeline: ResponseTimeline) {
        self.territoryCode = territoryCode
        self.timeline = timeline
    }
}

/// Summaries by borough and by hour of day, in the deployment's time zone.
public enum ResponseTimes {
    /// The periods offered, in days.
    public static let periods = [7, 30, 365]

    public static func summary(_ requests: [TimedRequest]) -> ResponseTimeSummary {
        ResponseTimeSummary(
            requests: requests.count,
            toDispatch: figures(requests.compactMap(\.timeline.secondsToDispatch)),
            toScene: figures(requests.compactMap(\.timeline.secondsToScene)),
            toClear: figures(requests.compactMap(\.timeline.secondsToClear)))
    }

    /// By borough code (requests outside every borough under the empty code), sorted by code.
    public static func byBorough(_ requests: [TimedRequest]) -> [(code: String, summary: ResponseTimeSummary)] {
        Dictionary(grouping: requests) { $0.territoryCode ?? "" }
            .map { (code: $0.key, summary: summary($0.value)) }
            .sorted { $0.code < $1.code }
    }

    /// By hour of reception (0–23) in `timeZone`, for the hours that had requests.
    public static func byHour(_ requests: [TimedRequest], timeZone: TimeZone) -> [(
        hour: Int, summary: ResponseTimeSummary
    )] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return Dictionary(grouping: requests) { calendar.component(.hour, from: $0.timeline.receivedAt) }
            .map { (hour: $0.key, summary: summary($0.value)) }
            .sorted { $0.hour < $1.hour }
    }

    /// Nearest-rank percentile `p` (0–100) of `values`.
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private static func figures(_ values: [Double]) -> ResponseTimeSummary.Figures {
        .init(count: values.count, median: percentile(50, of: values), p90: percentile(90, of: values))
    }
}
