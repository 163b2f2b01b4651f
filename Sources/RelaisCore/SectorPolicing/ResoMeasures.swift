import Foundation

/// RÉSO's measures over a period, from rows with nothing identifying: messages per sector and by topic, the time to
/// a first reply (median and 90th percentile, in hours), how many went on unanswered, problems opened and resolved,
/// and the repeat places.
public struct ResoMeasures: Sendable, Equatable {
    /// One message as the measures see it.
    public struct Row: Sendable, Equatable {
        public let sectorCode: String
        public let topic: MessageTopic
        public let receivedAt: Date
        public let firstReplyAt: Date?
        public let escalated: Bool

        public init(sectorCode: String, topic: MessageTopic, receivedAt: Date, firstReplyAt: Date?, escalated: Bool) {
            self.sectorCode = sectorCode
            self.topic = topic
            self.receivedAt = receivedAt
            self.firstReplyAt = firstReplyAt
            self.escalated = escalated
        }
    }

    public let messages: Int
    public let bySector: [String: Int]
    public let byTopic: [MessageTopic: Int]
    /// Hours to the first reply, of the messages answered.
    public let replyHoursMedian: Double?
    public let replyHoursP90: Double?
    public let answered: Int
    public let escalated: Int
    public let problemsOpened: Int
    public let problemsResolved: Int
    public let repeatPlaces: Int

    public static func of(_ rows: [Row], problems: [SectorProblem], repeatPlaces: Int, in interval: DateInterval)
        -> ResoMeasures
    {
        let replies = rows.compactMap { row in row.firstReplyAt.map { $0.timeIntervalSince(row.receivedAt) / 3_600 } }
        return ResoMeasures(
            messages: rows.count, bySector: Dictionary(grouping: rows, by: \.sectorCode).mapValues(\.count),
            byTopic: Dictionary(grouping: rows, by: \.topic).mapValues(\.count),
            replyHoursMedian: ResponseTimes.percentile(50, of: replies),
            replyHoursP90: ResponseTimes.percentile(90, of: replies), answered: replies.count,
            escalated: rows.filter(\.escalated).count,
            problemsOpened: problems.filter { interval.contains($0.openedAt) }.count,
            problemsResolved: problems.filter {
                $0.closedAt.map(interval.contains) == true && $0.assessment == .resolved
            }.count, repeatPlaces: repeatPlaces)
    }
}
