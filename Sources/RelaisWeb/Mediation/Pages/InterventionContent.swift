import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// What a team recorded on an intervention, in the page's language: for the worker's screen and the request page.
struct InterventionSummary: Encodable {
    struct Party: Encodable {
        let id: String
        let label: String
        let identity: String?
        /// What other programmes hold of the same person, where an agreement allows: a count and whom to call.
        var cross: [String] = []
    }

    struct Service: Encodable {
        let kindKey: String
        let summary: String
        let answerKey: String?
    }

    var parties: [Party]
    let services: [Service]
    let outcomeKey: String?
    let policeAvoided: Bool
    let minutesOnScene: Int?

    init(_ intervention: Intervention?, request: Request) {
        let now = request.store.now
        let allParties = intervention?.parties ?? []
        func label(_ party: InterventionParty) -> String { "\(request.t(party.role.labelKey)) \(party.number)" }
        func label(_ id: InterventionParty.ID?) -> String? {
            id.flatMap { id in allParties.first { $0.id == id } }.map(label)
        }
        let time = DateFormatter.relais(.time, request.language, timeZone: request.relais.config.timeZone)
        parties = allParties.map { party in
            Party(
                id: party.id.description, label: label(party),
                identity: party.identity.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: " · ") })
        }
        services = (intervention?.services ?? []).map { given in
            switch given.service {
            case .referral(let resource, let asked, let partyID, let acknowledgement):
                Service(
                    kindKey: "mediation.service_kind.referral",
                    summary: [label(partyID), resource.name, asked].compactMap { $0 }.joined(separator: " — "),
                    answerKey: acknowledgement.answer(at: now).labelKey)
            case .escort(let destination, let partyID, let departedAt, let arrivedAt):
                Service(
                    kindKey: "mediation.service_kind.escort",
                    summary: [
                        label(partyID), destination.label,
                        request.t("mediation.intervention.departed", time.string(from: departedAt)),
                        arrivedAt.map { request.t("mediation.intervention.arrived", time.string(from: $0)) },
                    ].compactMap { $0 }.joined(separator: " — "), answerKey: nil)
            case .information(let topics, let note):
                Service(
                    kindKey: "mediation.service_kind.information",
                    summary: ([topics.map { request.t($0.labelKey) }.joined(separator: ", ")] + [note].compactMap { $0 })
                        .joined(separator: " — "), answerKey: nil)
            case .agreement(let commitments, let dueBy):
                Service(
                    kindKey: "mediation.service_kind.agreement",
                    summary: (commitments.map {
                        "\(label($0.partyID) ?? "")\(request.t("mediation.common.colon")) \($0.text)"
                    }
                        + [dueBy.map { request.t("mediation.intervention.due_by", time.string(from: $0)) }].compactMap {
                            $0
                        })
                        .joined(separator: " ; "), answerKey: nil)
            }
        }
        outcomeKey = intervention?.closing?.outcome.labelKey
        policeAvoided = intervention?.closing?.policeAvoided ?? false
        minutesOnScene = intervention?.closing?.minutesOnScene
    }
}

/// The intervention part of the mobile screen: what was recorded so far and the choices of its forms.
struct InterventionContent: Encodable {
    let parties: [InterventionSummary.Party]
    let services: [InterventionSummary.Service]
    let roles: [DispatchPagesController.Option]
    let topics: [DispatchPagesController.Option]
    let outcomes: [DispatchPagesController.Option]
    /// Where the escort under way goes, while the team is escorting.
    let escortDestination: String?
    /// Whether an escort may start (none is under way).
    let canEscort: Bool
    let minutesSoFar: Int

    init(scene: InterventionDesk.Scene, request: Request) async throws {
        let now = request.store.now
        let intervention = scene.intervention
        var summary = InterventionSummary(intervention, request: request)
        try await summary.addCrossCounts(intervention, request: request)
        parties = summary.parties
        services = summary.services
        roles = PartyRole.allCases.map { .init(value: $0.rawValue, labelKey: $0.labelKey, selected: false) }
        topics = InformationTopic.allCases.map { .init(value: $0.rawValue, labelKey: $0.labelKey, selected: false) }
        outcomes = InterventionOutcome.allCases.map {
            .init(value: $0.rawValue, labelKey: $0.labelKey, selected: false)
        }
        escortDestination = intervention?.escortUnderWay.flatMap {
            if case .escort(let destination, _, _, _) = $0.service { destination.label } else { nil }
        }
        canEscort = escortDestination == nil
        let onScene = scene.serviceRequest.timeline.onSceneAt ?? now
        minutesSoFar = max(0, Int((now.timeIntervalSince(onScene) / 60).rounded()))
    }
}

extension InterventionSummary {
    /// Adds to each identified party how many records other programmes hold of the same person, where the team's
    /// organisation has an information-sharing agreement with theirs: a count and whom to call, never who (matched
    /// by blind index inside Relais). Showing one is audited.
    mutating func addCrossCounts(_ intervention: Intervention?, request: Request) async throws {
        guard let intervention else { return }
        let store = request.store
        let organisation = intervention.organisationID
        let agreements = try await store.sharingAgreements.all().filter { $0.binds(organisation) }
        guard !agreements.isEmpty else { return }
        let names = Dictionary(try await store.accounts.organisations().map { ($0.id, $0.name) }) { first, _ in first }
        for (index, party) in intervention.parties.enumerated() where index < parties.count {
            guard let keys = party.identity?.keys, !keys.isEmpty else { continue }
            let counts = CrossProgrammeCount.crossing(
                try await store.persons.matches(keys, outside: organisation), to: organisation, agreements: agreements)
            guard !counts.isEmpty else { continue }
            parties[index].cross = counts.map {
                request.t(
                    "mediation.cross.count", String($0.count), request.t("programme.\($0.programme)"),
                    names[$0.organisationID] ?? "")
            }
            try await request.deskContext().audit(
                .crossProgrammeCountShown, resourceType: .person, resourceID: party.id.description)
        }
    }
}
