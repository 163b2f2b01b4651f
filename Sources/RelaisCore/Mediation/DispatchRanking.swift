import Foundation

/// A mobile team as dispatch sees it.
public struct DispatchCandidate: Sendable, Equatable {
    public let teamID: String
    public let status: TeamStatus
    /// Where the team last reported being, if it has.
    public let lastPosition: GeoPoint?
    /// The borough codes the team's shift serves.
    public let boroughs: Set<String>
    /// Requests the team has handled on this shift.
    public let workload: Int

    public init(teamID: String, status: TeamStatus, lastPosition: GeoPoint?, boroughs: Set<String>, workload: Int) {
        self.teamID = teamID
        self.status = status
        self.lastPosition = lastPosition
        self.boroughs = boroughs
        self.workload = workload
    }
}

/// A ranked team with its estimated travel time.
public struct DispatchRecommendation: Sendable, Equatable {
    public let teamID: String
    /// Whole minutes, or nil when the team's position is unknown.
    public let travelMinutes: Int?
    public let servesBorough: Bool
    public let workload: Int
}

/// Ranks available teams for a request: by estimated travel time (whole minutes), then by whether the team
/// serves the request's borough, then by workload. Teams with no known position come last.
///
/// Travel time is the great-circle distance × ``roadFactor`` at ``speedKilometresPerHour``: 1.4 and 25 km/h are
/// typical of driving in central Montréal (streets are not straight lines; traffic and parking take time).
public struct DispatchRanking: Sendable, Equatable {
    public var roadFactor: Double
    public var speedKilometresPerHour: Double

    public init(roadFactor: Double = 1.4, speedKilometresPerHour: Double = 25) {
        self.roadFactor = roadFactor
        self.speedKilometresPerHour = speedKilometresPerHour
    }

    /// The available teams, best first.
    public func rank(_ candidates: [DispatchCandidate], to place: GeoPoint, borough: String?)
        -> [DispatchRecommendation]
    {
        candidates.filter { $0.status == .available }
            .map { candidate in
                DispatchRecommendation(
                    teamID: candidate.teamID,
                    travelMinutes: candidate.lastPosition.map { travelMinutes(from: $0, to: place) },
                    servesBorough: borough.map { candidate.boroughs.contains($0) } ?? false,
                    workload: candidate.workload)
            }
            .sorted { a, b in
                let left = a.travelMinutes ?? .max
                let right = b.travelMinutes ?? .max
                if left != right { return left < right }
                if a.servesBorough != b.servesBorough { return a.servesBorough }
                if a.workload != b.workload { return a.workload < b.workload }
                return a.teamID < b.teamID
            }
    }

    /// The estimated minutes to drive from one point to another, rounded up.
    public func travelMinutes(from origin: GeoPoint, to destination: GeoPoint) -> Int {
        let kilometres = origin.kilometres(to: destination) * roadFactor
        return Int((kilometres / speedKilometresPerHour * 60).rounded(.up))
    }
}

extension GeoPoint {
    /// The great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).
    public func kilometres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (other.latitude - latitude) * radians
        let dLongitude = (other.longitude - longitude) * radians
        let a =
            sin(dLatitude / 2) * sin(dLatitude / 2)
            + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLongitude / 2) * sin(dLongitude / 2)
        return 6371 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}
