import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

extension DispatchPagesController {

    struct BoardContent: Encodable {
        /// Labels the board's script needs, in the page's language, as JSON.
        let labels: String
        let mayTakeCalls: Bool
        /// The form token the acknowledgement buttons the script draws carry.
        let csrf: String
        /// The served boroughs (the map's filter) and where the map opens.
        let boroughs: [Choice]
        let map: MapContent
    }

    @Sendable func boardPage(_ request: Request) async throws -> View {
        guard let actor = request.actor else { throw AccessError.signInRequired }
        var labels: [String: String] = [:]
        for key in BoardLabels.keys(situations: Array(request.relais.mediation.triage.situationWeights.keys)) {
            labels[key] = request.t(key)
        }
        let json = String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
            .replacingOccurrences(of: "</", with: "<\\/")
        let served = try await request.store.territories.all(level: .borough).filter(\.served)
        let content = BoardContent(
            labels: json, mayTakeCalls: AccessPolicy.decide(actor, Permission(.create, .serviceRequest)).isAllowed,
            csrf: request.csrfToken,
            boroughs: served.map { Choice(value: $0.code, label: $0.name, checked: false) },
            map: GeoBounds(served).map {
                MapContent(latitude: $0.centre.latitude, longitude: $0.centre.longitude, zoom: $0.zoom(toFit: 700, 420))
            } ?? MapContent(latitude: 45.5, longitude: -73.6, zoom: 11))
        return try await request.renderPage(
            "mediation/board", title: request.t("mediation.board.title"), content: content)
    }

    @Sendable func liveBoard(_ request: Request, _ socket: WebSocket) async {
        guard let organisation = request.actor?.organisations(for: Permission(.read, .serviceRequest)).first else {
            try? await socket.close()
            return
        }
        socket.pingInterval = .seconds(20)
        await request.relais.mediation.board.hub.add(socket, organisationID: organisation)
    }
}

/// The catalogue keys the live board's script shows.
enum BoardLabels {
    static func keys(situations: [String]) -> [String] {
        var keys = situations.map { "mediation.situation.\($0)" }
        keys += Priority.allCases.map(\.labelKey)
        keys += TeamStatus.allCases.map(\.labelKey)
        keys += RequestStatus.allCases.map(\.labelKey)
        keys += [
            "mediation.board.live", "mediation.board.offline", "mediation.board.no_requests",
            "mediation.board.no_teams", "mediation.board.minutes", "mediation.board.open",
            "mediation.board.uncovered", "mediation.board.people", "mediation.board.backup_from",
            "mediation.board.acknowledge", "mediation.board.new_request",
        ]
        return keys
    }
}
