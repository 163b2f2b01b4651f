import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// `/comites/delegues`: each year every partnership committee names two delegates — one police member, one
/// civilian — to meet the strategic committee; the page shows the pairs named, the committees that have not named
/// theirs, and the delegates' meetings of the year.
struct DelegatesPagesController {
    static let path = "/comites/delegues"

    func register(on routes: any RoutesBuilder) {
        let keep = RouteAccess.permission(Permission(.update, .committeeMember))
        routes.on(.GET, "comites", "delegues", access: keep, use: show)
        routes.on(.POST, "comites", "delegues", access: keep, use: name)
    }

    struct Row: Encodable {
        let code: String
        let committee: String
        let named: Bool
        let police: String
        let civilian: String
        let members: [Choice]
    }

    struct Form: Content {
        var committee: String?
        var first: String?
        var second: String?
    }

    @Sendable func show(_ request: Request) async throws -> View {
        try await render(request, errors: [:], refusal: nil)
    }

    private func render(_ request: Request, errors: [String: String], refusal: String?) async throws -> View {
        let desk = CommitteeDesk(context: try request.deskContext())
        guard !desk.coordinated.isEmpty else { throw AccessError.forbidden }
        let committees = try await request.store.committees.committees(organisations: desk.coordinated)
            .filter(\.kind.namesDelegates)
        let year = CivilDay.year(desk.today)
        let pairs = try await request.store.committeeWork.pairs(year: year)
        let mandates = try await request.store.committees.mandates(committees: committees.map(\.id))
            .filter { $0.isActive(on: desk.today) }
        var rows: [Row] = []
        for committee in committees {
            let seated = Array(Set(mandates.filter { $0.committeeID == committee.id }.map(\.memberID)))
            let members = try await desk.members(of: committee, ids: seated).sorted {
                $0.identity.name < $1.identity.name
            }
            let pair = pairs.first { $0.committeeID == committee.id }
            func name(_ id: CommitteeMember.ID?) -> String { members.first { $0.id == id }?.identity.name ?? "" }
            rows.append(
                Row(
                    code: committee.code, committee: committee.name(request.language), named: pair != nil,
                    police: name(pair?.police), civilian: name(pair?.civilian),
                    members: members.map {
                        Choice(
                            value: $0.id.description, label: "\($0.identity.name) (\(request.t($0.side.labelKey)))",
                            checked: false)
                    }))
        }
        struct Content: Encodable {
            let year: Int
            let rows: [Row]
            let missing: [String]
            let hasMissing: Bool
            let errors: [String: String]
            let hasErrors: Bool
            let refusal: String?
        }
        return try await request.renderPage(
            "committees/delegates", title: request.t("committees.delegates.title"),
            content: Content(
                year: year, rows: rows, missing: rows.filter { !$0.named }.map(\.committee),
                hasMissing: rows.contains { !$0.named },
                errors: errors,
                hasErrors: !errors.isEmpty || refusal != nil, refusal: refusal))
    }

    @Sendable func name(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let desk = CommitteeDesk(context: try request.deskContext())
        return try await PageStep.run(
            request, back: Self.path, notice: "committees.delegates_named",
            render: { try await render(request, errors: $0, refusal: $1) }
        ) {
            let committee = try await desk.committee(code: form.committee ?? "", .update)
            try desk.requireCoordinator(committee)
            guard let first = form.first.flatMap({ CommitteeMember.ID($0) }),
                let second = form.second.flatMap({ CommitteeMember.ID($0) })
            else { throw DelegateRefusal.notAPair }
            let members = try await request.store.committees.memberSummaries([first, second])
            guard let one = members.first(where: { $0.id == first }),
                let other = members.first(where: { $0.id == second })
            else { throw DelegateRefusal.notSeated }
            let year = CivilDay.year(desk.today)
            let pair = try DelegateRules.pair(
                one, other, committee: committee, year: year,
                mandates: try await request.store.committees.mandates(committees: [committee.id]), today: desk.today)
            let actor = desk.actor
            let requestID = request.requestID
            try await request.store.transaction { tx in
                try await tx.committeeWork.name(pair)
                try await tx.audit.append(
                    AuditRecord(
                        actor: actor, action: .committeeDelegatesNamed, resourceType: .committee,
                        resourceID: committee.id.description, purpose: String(year), requestID: requestID))
            }
        }
    }
}
