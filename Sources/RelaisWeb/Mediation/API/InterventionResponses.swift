import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// An intervention as the API shows it to its team.
struct InterventionResponse: Content {
    struct Party: Content {
        let id: String
        let role: String
        let number: Int
        let name: String?
        let phone: String?
    }

    /// One service given; only the fields of its kind are present.
    struct Service: Content {
        let id: String
        let kind: String
        let recordedAt: Date
        var partyId: String?
        var resourceId: String?
        var resourceName: String?
        var asked: String?
        var answer: String?
        var answerDueAt: Date?
        var destination: String?
        var departedAt: Date?
        var arrivedAt: Date?
        var topics: [String]?
        var note: String?
        var commitments: [Commitment]?
        var dueBy: Date?
    }

    struct Commitment: Content {
        let partyId: String
        let text: String
    }

    struct Closing: Content {
        let outcome: String
        let policeAvoided: Bool
        let minutesOnScene: Int
        let closedAt: Date
    }

    let requestId: String
    let teamId: String
    let parties: [Party]
    let services: [Service]
    let closing: Closing?

    init(_ intervention: Intervention, now: Date) {
        requestId = intervention.requestID.description
        teamId = intervention.teamID.description
        parties = intervention.parties.map {
            Party(
                id: $0.id.description, role: $0.role.rawValue, number: $0.number, name: $0.identity?.name,
                phone: $0.identity?.phone)
        }
        services = intervention.services.map { given in
            var service = Service(id: given.id.description, kind: given.service.kind, recordedAt: given.recordedAt)
            switch given.service {
            case .referral(let resource, let asked, let partyID, let acknowledgement):
                service.resourceId = resource.serviceID
                service.resourceName = resource.name
                service.asked = asked
                service.partyId = partyID?.description
                service.answer = acknowledgement.answer(at: now).rawValue
                service.answerDueAt = acknowledgement.dueAt
            case .escort(let destination, let partyID, let departedAt, let arrivedAt):
                if case .resource(let resource) = destination { service.resourceId = resource.serviceID }
                service.destination = destination.label
                service.partyId = partyID?.description
                service.departedAt = departedAt
                service.arrivedAt = arrivedAt
            case .information(let topics, let note):
                service.topics = topics.map(\.rawValue)
                service.note = note
            case .agreement(let commitments, let dueBy):
                service.commitments = commitments.map { Commitment(partyId: $0.partyID.description, text: $0.text) }
                service.dueBy = dueBy
            }
            return service
        }
        closing = intervention.closing.map {
            Closing(
                outcome: $0.outcome.rawValue, policeAvoided: $0.policeAvoided, minutesOnScene: $0.minutesOnScene,
                closedAt: $0.closedAt)
        }
    }
}

/// A referral as the receiving resource's staff see it: what was asked, and their answer as of now.
struct ReferralResponse: Content {
    let id: String
    let resourceId: String
    let resourceName: String
    let asked: String?
    let referredAt: Date
    /// `awaiting`, `accepted`, `declined`, `no_answer` (awaiting past its delay) or `not_tracked`.
    let answer: String
    let answerDueAt: Date?
    let answeredAt: Date?

    init(_ referral: InterventionStore.Referral, now: Date) {
        id = referral.id.description
        resourceId = referral.resource.serviceID
        resourceName = referral.resource.name
        asked = referral.asked
        referredAt = referral.referredAt
        answer = referral.acknowledgement.answer(at: now).rawValue
        answerDueAt = referral.acknowledgement.dueAt
        answeredAt = referral.acknowledgement.answeredAt
    }
}
