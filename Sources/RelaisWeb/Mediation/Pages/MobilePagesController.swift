import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// The mobile worker's phone screen: the current assignment with big status buttons and, on scene, the
/// intervention — parties, services given (agreement, information, referral, escort), resource search near the
/// scene, and the closing that frees the team.
struct MobilePagesController {
    static let path = "/mobile"

    func register(on routes: any RoutesBuilder) {
        let read = RouteAccess.permission(Permission(.read, .mobileTeam))
        let update = RouteAccess.permission(Permission(.update, .teamStatus))
        routes.on(.GET, "mobile", access: read, use: mobilePage)
        routes.on(.POST, "mobile", "statut", access: update, use: pressStatus)
        routes.on(
            .GET, "mobile", "ressources", access: .permission(Permission(.read, .intervention)), use: resourcesPage)
        let record = RouteAccess.permission(Permission(.create, .intervention))
        let intervention = routes.grouped("mobile", "intervention")
        intervention.on(.POST, "parties", access: record, use: addParty)
        intervention.on(.POST, "entente", access: record, use: addAgreement)
        intervention.on(.POST, "information", access: record, use: addInformation)
        intervention.on(.POST, "reference", access: record, use: refer)
        intervention.on(.POST, "accompagnement", access: record, use: escort)
        intervention.on(.POST, "arrivee", access: record, use: arrive)
        intervention.on(.POST, "cloture", access: record, use: close)
    }

    struct MobileContent: Encodable {
        struct MapsLink: Encodable {
            let url: String
            let labelKey: String
        }

        struct Button: Encodable {
            let status: String
            let labelKey: String
            let primary: Bool
        }

        let teamID: String?
        let teamName: String?
        let vehicle: String?
        let status: String?
        let statusKey: String?
        let requestID: String?
        let situationKey: String?
        let address: String?
        /// Links to the scene in the phone's maps, the likeliest first.
        let mapsLinks: [MapsLink]
        let description: String?
        let peopleCount: Int?
        let callback: String?
        let vulnerabilityKeys: [String]
        let buttons: [Button]
        /// Whether the team may drop its assignment (assigned or en route), with a reason.
        let releasable: Bool
        let errorKey: String?
        let problemKeys: [String]
        let intervention: InterventionContent?
    }

    @Sendable func mobilePage(_ request: Request) async throws -> View {
        try await renderMobile(request, error: nil)
    }

    @Sendable func pressStatus(_ request: Request) async throws -> Response {
        struct StatusForm: Content {
            var status: String?
            var latitude: String?
            var longitude: String?
            /// Why the team drops its assignment, with the box that confirms it (both needed then).
            var reason: String?
            var confirm: String?
        }
        guard let actor = request.actor else { throw AccessError.signInRequired }
        let form = try request.content.decode(StatusForm.self)
        guard let team = try await request.store.teams.team(memberID: actor.userID) else { throw Abort(.notFound) }
        let position = zip(form.latitude.flatMap(Double.init), form.longitude.flatMap(Double.init))
            .flatMap { try? GeoPoint(latitude: $0, longitude: $1) }
        return try await respond(request) {
            guard let status = form.status.flatMap(TeamStatus.init(rawValue:)) else {
                throw ValidationError([FieldProblem(field: "status", messageKey: "mediation.error.team_status.unknown")]
                )
            }
            if team.dropsAssignment(movingTo: status), form.confirm != "true" {
                throw ValidationError([FieldProblem(field: "confirm", messageKey: "mediation.error.release.confirm")])
            }
            _ = try await Dispatcher(context: try request.deskContext()).changeStatus(
                of: team, to: status, position: position, reason: form.reason)
            return team.dropsAssignment(movingTo: status)
                ? "mediation.assignment_released" : nil
        }
    }

    // MARK: intervention

    @Sendable func addParty(_ request: Request) async throws -> Response {
        struct PartyForm: Content {
            var role: String?
            var name: String?
            var phone: String?
        }
        let form = try request.content.decode(PartyForm.self)
        return try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).addParty(
                role: form.role, name: form.name, phone: form.phone)
            return "mediation.party_added"
        }
    }

    @Sendable func addAgreement(_ request: Request) async throws -> Response {
        struct AgreementForm: Content {
            var parties: [String]?
            var dueBy: String?
        }
        let form = try request.content.decode(AgreementForm.self)
        let commitments = (form.parties ?? []).map { id in
            (partyID: id, text: try? request.content.get(String.self, at: "commitment_\(id)"))
        }
        return try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).addAgreement(
                commitments: commitments, dueBy: form.dueBy)
            return "mediation.agreement_recorded"
        }
    }

    @Sendable func addInformation(_ request: Request) async throws -> Response {
        struct InformationForm: Content {
            var topics: [String]?
            var note: String?
        }
        let form = try request.content.decode(InformationForm.self)
        return try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).addInformation(
                topics: form.topics ?? [], note: form.note)
            return "mediation.information_recorded"
        }
    }

    struct ResourceForm: Content {
        var resourceId: String?
        var asked: String?
        var partyId: String?
        var destination: String?
    }

    @Sendable func refer(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResourceForm.self)
        return try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).refer(
                resourceID: form.resourceId, asked: form.asked, partyID: form.partyId)
            return "mediation.referral_recorded"
        }
    }

    @Sendable func escort(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResourceForm.self)
        return try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).escort(
                resourceID: form.resourceId, address: form.destination, partyID: form.partyId)
            return "mediation.escort_started"
        }
    }

    @Sendable func arrive(_ request: Request) async throws -> Response {
        try await respond(request) {
            try await InterventionDesk(context: try request.deskContext()).arrive()
            return "mediation.escort_arrived"
        }
    }

    @Sendable func close(_ request: Request) async throws -> Response {
        struct CloseForm: Content {
            var outcome: String?
            var policeAvoided: String?
            var minutesOnScene: String?
        }
        let form = try request.content.decode(CloseForm.self)
        return try await respond(request) {
            let minutes = try form.minutesOnScene.trimmedNonEmpty.map { text in
                guard let minutes = Int(text) else {
                    throw ValidationError(
                        [FieldProblem(field: "minutesOnScene", messageKey: "mediation.error.minutes_on_scene.range")])
                }
                return minutes
            }
            try await InterventionDesk(context: try request.deskContext()).close(
                outcome: form.outcome, policeAvoided: form.policeAvoided == "on" || form.policeAvoided == "true",
                minutesOnScene: minutes)
            return "mediation.intervention_closed"
        }
    }

    /// Runs a form's action and goes back to the screen, or shows it again with what went wrong.
    private func respond(_ request: Request, _ action: () async throws -> String?) async throws -> Response {
        try await request.respondToForm(
            returningTo: Self.path, render: { try await renderMobile(request, error: $0) }, action)
    }

    // MARK: screen

    private func renderMobile(_ request: Request, error: (any DomainError)?) async throws -> View {
        let (team, assignment) = try await Dispatcher(context: try request.deskContext()).currentAssignment()
        var intervention: InterventionContent?
        if let team, let assignment, team.status == .onScene || team.status == .escorting {
            let scene = try await InterventionDesk(context: try request.deskContext()).scene(
                team: team, serviceRequest: assignment)
            intervention = try await InterventionContent(scene: scene, request: request)
        }
        // Dropping an assignment is not a button among the others: it has its own form, with a reason.
        let releasable = team?.dropsAssignment(movingTo: .available) ?? false
        let buttons = (team?.status.next ?? []).filter { $0 != .assigned }
            .filter { intervention == nil || ($0 != .available && $0 != .escorting) }
            .filter { !(releasable && $0 == .available) }
            .sorted { Self.buttonOrder.firstIndex(of: $0)! < Self.buttonOrder.firstIndex(of: $1)! }
            .map { status in
                MobileContent.Button(
                    status: status.rawValue, labelKey: "mediation.mobile.to.\(status.rawValue)",
                    primary: status == Self.nextStep(from: team?.status))
            }
        let point = assignment?.intake.point
        let content = MobileContent(
            teamID: team?.id.description, teamName: team?.name, vehicle: team?.vehicle, status: team?.status.rawValue,
            statusKey: team?.status.labelKey, requestID: assignment?.id.description,
            situationKey: assignment.map { "mediation.situation.\($0.intake.situation)" },
            address: assignment?.intake.address,
            mapsLinks: point.map { Self.mapsLinks($0, userAgent: request.headers.first(name: .userAgent) ?? "") } ?? [],
            description: assignment?.intake.description, peopleCount: assignment?.intake.peopleCount,
            callback: assignment?.intake.caller?.callback,
            vulnerabilityKeys: assignment?.intake.vulnerabilities.sorted().map { "mediation.vulnerability.\($0)" }
                ?? [],
            buttons: buttons, releasable: releasable,
            errorKey: error?.messageKey, problemKeys: error?.fieldProblems.map(\.messageKey) ?? [],
            intervention: intervention)
        return try await request.renderPage(
            "mediation/mobile", title: request.t("mediation.mobile.title"), content: content)
    }

    private static let buttonOrder: [TeamStatus] = [.enRoute, .onScene, .escorting, .available, .offDuty, .assigned]

    /// The button a worker is most likely to press next, shown first and largest.
    private static func nextStep(from status: TeamStatus?) -> TeamStatus? {
        switch status {
        case .assigned: .enRoute
        case .enRoute: .onScene
        case .onScene, .escorting: .available
        case .offDuty: .available
        default: nil
        }
    }

    /// Links that open the phone's own maps at the scene: Apple Plans (an iPhone does not open `geo:`) and the
    /// `geo:` handler (any maps application on Android). Both are offered, the one this phone most likely uses first:
    /// guessing from the browser's name alone fails on iPads, which present themselves as Macs, and in some apps.
    static func mapsLinks(_ point: GeoPoint, userAgent: String) -> [MobileContent.MapsLink] {
        let coordinates = String(format: "%.6f,%.6f", point.latitude, point.longitude)
        let apple = MobileContent.MapsLink(
            url: "https://maps.apple.com/?daddr=\(coordinates)&dirflg=d", labelKey: "mediation.mobile.open_maps_apple")
        let geo = MobileContent.MapsLink(
            url: "geo:\(coordinates)?q=\(coordinates)", labelKey: "mediation.mobile.open_maps_other")
        let appleFirst = ["iPhone", "iPad", "Macintosh"].contains { userAgent.contains($0) }
        return appleFirst ? [apple, geo] : [geo, apple]
    }

    // MARK: resources

    struct ResourcesContent: Encodable {
        struct Hit: Encodable {
            let id: String
            let name: String
            let organizationName: String
            let address: String?
            let phone: String?
            let distance: String?
            let openNow: Bool
            let capacity: String?
            let needKeys: [String]
        }

        let query: String
        let needs: [DispatchPagesController.Option]
        let hits: [Hit]
        let searched: Bool
        let parties: [InterventionSummary.Party]
        let hasParties: Bool
        /// Whether the worker is on an intervention (referral and escort buttons), or between calls.
        let onScene: Bool
        let errorKey: String?
    }

    /// `GET /mobile/ressources?q=…&need=…`: the directory from the phone — near the scene, each result with a one-tap
    /// referral or escort, on an intervention; near the team's car (or anywhere) between calls.
    @Sendable func resourcesPage(_ request: Request) async throws -> Response {
        let context = try request.deskContext()
        var scene: InterventionDesk.Scene?
        do {
            scene = try await InterventionDesk(context: context).scene()
        } catch InterventionConflict.notOnScene {
            scene = nil
        }
        var near = scene?.serviceRequest.intake.point
        if near == nil { near = try await context.actorTeam()?.position }
        let text = request.query[String.self, at: "q"].map { String($0.prefix(500)) } ?? ""
        let needText = request.query[String.self, at: "need"] ?? ""
        let need = Need(rawValue: needText)
        let searched = !text.isEmpty || need != nil
        var hits: [DirectoryHit] = []
        if searched {
            let now = request.store.now
            let search = DirectorySearch(
                text: text, need: need, now: now, near: near, limit: 10)
            hits = try await request.store.directory.search(search, timeZone: request.relais.config.timeZone)
        }
        let parties = scene.map { InterventionSummary($0.intervention, request: request).parties } ?? []
        let content = ResourcesContent(
            query: text,
            needs: Need.allCases.map {
                DispatchPagesController.Option(
                    value: $0.rawValue, labelKey: "need.\($0.rawValue)", selected: $0 == need)
            },
            hits: hits.map { hit in
                ResourcesContent.Hit(
                    id: hit.id, name: hit.translations.name(in: request.language) ?? hit.name,
                    organizationName: hit.organizationName, address: hit.address,
                    phone: hit.phone, distance: hit.distanceKilometres.map { String(format: "%.1f km", $0) },
                    openNow: hit.openNow,
                    capacity: hit.capacityAvailable.map { available in
                        request.t(
                            "mediation.resources.capacity", String(available), hit.capacityTotal.map(String.init) ?? "?"
                        )
                    },
                    needKeys: hit.needs.map { "need.\($0.rawValue)" })
            },
            searched: searched,
            parties: parties, hasParties: !parties.isEmpty, onScene: scene != nil,
            errorKey: searched && hits.isEmpty ? "mediation.resources.none" : nil)
        return try await request.renderPage(
            "mediation/mobile-resources", title: request.t("mediation.resources.title"), content: content
        )
        .encodeResponse(for: request)
    }
}
