import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// A situation as one actor may see it on a page or in the API: built from ``SituationVisibility``, so what is
/// not visible is never read, let alone sent. Labels are in the reader's language.
struct SituationContent: Content {
    struct Vote: Content {
        let agency: String
        let meetsThreshold: Bool
    }

    struct Person: Content {
        let firstName: String?
        let lastName: String?
        let birthDate: String?
        let age: Int?
    }

    struct Option: Content {
        let value: String
        let label: String
    }

    let id: String
    let reference: String
    let stage: String
    let stageLabel: String
    let originatingAgency: String
    let originatingSector: String
    let openedOn: String
    /// The de-identified part, absent once redacted.
    let subject: String?
    let riskFactors: [String]
    let ageCohorts: [String]
    let genders: [String]
    let summary: String?
    let rejectionReason: String?
    let votes: [Vote]
    let leadAgency: String?
    let assistingAgencies: [String]
    let servicesMobilized: String?
    let firstInterventionOn: String?
    let conclusion: String?
    /// "none", "minimal" or "full".
    let identityLevel: String
    let people: [Person]
    let place: String?
    /// The actor's agency was present without a signed agreement: why it sees no identity.
    let withheldForAgreement: Bool
    let identityDestroyed: Bool

    /// Builds what `desk`'s actor sees of `situation`, reading (and auditing) the identity only when visible;
    /// `nil` when they may not see it at all. An agenda passes what it read once for every situation: the agencies
    /// present at the meeting that decided them, and their votes.
    static func make(
        _ situation: Situation, desk: TableDesk, agencies: [Organisation.ID: TableAgency], language: Language,
        catalogue: Catalogue, taxonomy: RiskTaxonomy, present: Set<Organisation.ID>? = nil,
        votes known: [Organisation.ID: Bool]? = nil, days: DateFormatter? = nil
    ) async throws -> SituationContent? {
        let visibility = try await desk.visibility(of: situation, agencies: agencies, present: present)
        guard visibility.description else { return nil }
        let identity = try await desk.identity(of: situation, seen: visibility)
        let zone = desk.timeZone
        let day = days ?? .day(in: zone)
        func t(_ key: String) -> String { catalogue.text(key, language) }
        func name(_ id: Organisation.ID?) -> String? { id.map { agencies[$0]?.name ?? "—" } }
        let description = situation.description
        var votes = known ?? [:]
        if known == nil { votes = try await desk.store.situations.votes(situation.id) }
        var people: [Person] = []
        if let identity {
            if visibility.identity == .full {
                people = identity.people.map {
                    Person(
                        firstName: $0.firstName, lastName: $0.lastName, birthDate: $0.birthDate,
                        age: $0.age(on: desk.context.now, timeZone: zone))
                }
            } else {
                people = identity.minimal(desk.settings.revealFields, on: desk.context.now, timeZone: zone).map {
                    Person(firstName: $0.firstName, lastName: $0.lastName, birthDate: nil, age: $0.age)
                }
            }
        }
        return SituationContent(
            id: situation.id.description, reference: situation.reference, stage: situation.stage.rawValue,
            stageLabel: t(situation.stage.labelKey), originatingAgency: name(situation.originatingAgencyID) ?? "—",
            originatingSector: t(situation.originatingSector.labelKey), openedOn: day.string(from: situation.openedAt),
            subject: description.map { t($0.subject.labelKey) },
            riskFactors: description?.riskFactors.map { code in
                taxonomy.factor(code).map { "\($0.category.label(language)) — \($0.factor.label(language))" } ?? code
            } ?? [],
            ageCohorts: description?.ageCohorts.map { t($0.labelKey) } ?? [],
            genders: description?.genders.map { t($0.labelKey) } ?? [], summary: description?.summary,
            rejectionReason: situation.rejectionReason.map { t($0.labelKey) },
            votes: votes.map { Vote(agency: name($0.key) ?? "—", meetsThreshold: $0.value) }
                .sorted { $0.agency < $1.agency },
            leadAgency: name(situation.leadAgencyID), assistingAgencies: situation.assistingAgencyIDs.compactMap(name),
            servicesMobilized: situation.interveningAgencyIDs.isEmpty ? nil : situation.servicesMobilized,
            firstInterventionOn: situation.firstInterventionAt.map(day.string(from:)),
            conclusion: situation.conclusion.map { t($0.labelKey) },
            identityLevel: "\(visibility.identity)", people: people,
            place: visibility.identity == .full ? identity?.place : nil,
            withheldForAgreement: visibility.withheldForAgreement,
            identityDestroyed: situation.identityDestroyedAt != nil)
    }
}
