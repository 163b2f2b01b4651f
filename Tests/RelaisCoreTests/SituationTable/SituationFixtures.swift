import Foundation
import RelaisCore

/// Agencies, a meeting and situations at each stage, for the table's rule and access tests.
enum TableFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let policy = AccessPolicy([.platform, .situationTable])
    static let police = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!)
    static let health = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!)
    static let housing = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!)
    /// Present at the meeting, but has not signed the agreement.
    static let school = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-00000000000d")!)
    /// A table agency absent from the meeting.
    static let justice = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-00000000000e")!)
    static let table = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000ff")!)

    static let signed = now.addingTimeInterval(-365 * 86_400)
    static let agencies: [Organisation.ID: TableAgency] = [
        police: TableAgency(organisationID: police, name: "Police", sector: .police, agreementSignedOn: signed),
        health: TableAgency(organisationID: health, name: "Health", sector: .health, agreementSignedOn: signed),
        housing: TableAgency(organisationID: housing, name: "Housing", sector: .housing, agreementSignedOn: signed),
        school: TableAgency(organisationID: school, name: "School", sector: .education, agreementSignedOn: nil),
        justice: TableAgency(organisationID: justice, name: "Justice", sector: .justice, agreementSignedOn: signed),
    ]
    static let present: Set<Organisation.ID> = [police, health, housing, school]

    static let meeting = Meeting(
        id: Meeting.ID(UUID()), series: "situation_table", kind: .regular, startsAt: now,
        endsAt: now.addingTimeInterval(5_400), location: "Hôtel de ville")

    static func representative(of agency: Organisation.ID) -> Actor {
        policy.actor(userID: User.ID(UUID()), memberships: [Membership(.agencyRepresentative, in: agency)])
    }

    static func actor(_ role: Role, in organisation: Organisation.ID = table) -> Actor {
        policy.actor(userID: User.ID(UUID()), memberships: [Membership(role, in: organisation)])
    }

    static let description = SituationDescription(
        subject: .individual, riskFactors: ["housing.eviction", "mental_health.diagnosed"], ageCohorts: [.from18To24],
        genders: [.woman], summary: "Young adult facing eviction, not following treatment.")

    /// A situation the police opened, taken through the filters up to `stage` (health leads, housing assists).
    static func situation(at stage: SituationStage) throws -> Situation {
        var situation = Situation(
            id: Situation.ID(UUID()), reference: "2026-001", originatingAgencyID: police, originatingSector: .police,
            openedAt: now.addingTimeInterval(-86_400), description: description)
        guard stage != .opened else { return situation }
        try SituationRules.bring(&situation, to: meeting, by: police, now: now)
        guard stage != .onAgenda else { return situation }
        let yes = Dictionary(uniqueKeysWithValues: present.map { ($0, stage != .rejected) })
        _ = try SituationRules.decide(
            &situation, rule: .unanimity, present: present, votes: yes, reason: .notElevated, now: now)
        guard stage != .rejected else { return situation }
        try SituationRules.reveal(&situation, now: now)
        guard stage != .accepted else { return situation }
        try SituationRules.name(
            lead: health, assisting: [housing], in: &situation, present: present, agencies: agencies, sharingDays: 60,
            now: now)
        guard stage != .intervening else { return situation }
        try SituationRules.conclude(&situation, with: .riskLowered, on: now, now: now)
        return situation
    }
}
