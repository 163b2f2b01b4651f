import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What a live board shows of one organisation: open requests (waiting first, by priority then waiting time)
/// and every team with its status and current request. It holds no personal information.
struct BoardSnapshot: Content, Equatable {
    struct RequestItem: Content, Equatable {
        let id: String
        let priority: Int
        let situation: String
        let territoryCode: String?
        let territoryName: String?
        let peopleCount: Int
        let status: String
        let teamId: String?
        let receivedAt: Date
        let dispatchedAt: Date?
        let onSceneAt: Date?
        /// Where it is, for the board's map (the address stays in the request).
        let latitude: Double
        let longitude: Double
    }

    struct TeamItem: Content, Equatable {
        let id: String
        let name: String
        let vehicle: String
        let status: String
        let statusChangedAt: Date
        let currentRequestId: String?
        /// Boroughs the team's current shift serves.
        let boroughs: [String]
        let latitude: Double?
        let longitude: Double?
    }

    /// A worker's call for backup, open until a dispatcher acknowledges it.
    struct AlertItem: Content, Equatable {
        let id: String
        let teamId: String
        let teamName: String
        let requestId: String?
        let raisedAt: Date
        let latitude: Double?
        let longitude: Double?
    }

    let generatedAt: Date
    let alerts: [AlertItem]
    let requests: [RequestItem]
    let teams: [TeamItem]
    /// Served boroughs that no shift covers right now.
    let uncoveredBoroughs: [String]

    static func build(for organisationID: Organisation.ID, store: RelaisStore) async throws -> BoardSnapshot {
        let now = store.now
        let open = try await store.serviceRequests.open(organisationID: organisationID)
        let teams = try await store.teams.teams(organisationID: organisationID)
        let shifts = try await store.teams.shifts(
            teamIDs: teams.map(\.id), overlapping: DateInterval(start: now, duration: 1))
        let served = try await store.territories.all(level: .borough).filter(\.served).map(\.code)
        let covered = Set(shifts.map(\.territoryCode))
        let ordered = open.sorted { a, b in
            let aWaits = a.status == .waiting
            if aWaits != (b.status == .waiting) { return aWaits }
            if aWaits && a.priority != b.priority { return a.priority < b.priority }
            return a.timeline.receivedAt < b.timeline.receivedAt
        }
        let names = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let alerts = try await store.backupAlerts.open(organisationID: organisationID)
        return BoardSnapshot(
            generatedAt: now,
            alerts: alerts.map {
                AlertItem(
                    id: $0.id.uuidString, teamId: $0.teamID.description, teamName: names[$0.teamID] ?? "",
                    requestId: $0.requestID?.description, raisedAt: $0.raisedAt, latitude: $0.position?.latitude,
                    longitude: $0.position?.longitude)
            },
            requests: ordered.map {
                RequestItem(
                    id: $0.id.description, priority: $0.priority.rawValue, situation: $0.situation,
                    territoryCode: $0.territoryCode, territoryName: $0.territoryName, peopleCount: $0.peopleCount,
                    status: $0.status.rawValue, teamId: $0.teamID?.description, receivedAt: $0.timeline.receivedAt,
                    dispatchedAt: $0.timeline.dispatchedAt, onSceneAt: $0.timeline.onSceneAt,
                    latitude: $0.point.latitude, longitude: $0.point.longitude)
            },
            teams: teams.map { team in
                TeamItem(
                    id: team.id.description, name: team.name, vehicle: team.vehicle, status: team.status.rawValue,
                    statusChangedAt: team.statusChangedAt, currentRequestId: team.currentRequestID?.description,
                    boroughs: Roster.boroughs(of: team.id, at: now, shifts: shifts).sorted(),
                    latitude: team.position?.latitude, longitude: team.position?.longitude)
            },
            uncoveredBoroughs: served.filter { !covered.contains($0) }.sorted())
    }
}
