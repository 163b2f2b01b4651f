import Foundation
import RelaisCore
import Testing

@Suite("Situation table: who sees what, over every role, stage and relationship")
struct SituationVisibilityTests {
    typealias F = TableFixture

    /// Who is asking, as the table knows them.
    enum Viewer: String, CaseIterable, CustomTestStringConvertible {
        case originating, lead, assisting, presentUnsigned, absentAgency, chair, analyst, admin
        case dispatcher, chairWhoRepresentsLead

        var actor: Actor {
            switch self {
            case .originating: F.representative(of: F.police)
            case .lead: F.representative(of: F.health)
            case .assisting: F.representative(of: F.housing)
            case .presentUnsigned: F.representative(of: F.school)
            case .absentAgency: F.representative(of: F.justice)
            case .chair: F.actor(.tableChair)
            case .analyst: F.actor(.analyst)
            case .admin: F.actor(.admin)
            case .dispatcher: F.actor(.dispatcher, in: F.health)
            case .chairWhoRepresentsLead:
                F.policy.actor(
                    userID: User.ID(UUID()),
                    memberships: [
                        Membership(.tableChair, in: F.table), Membership(.agencyRepresentative, in: F.health),
                    ]
                )
            }
        }

        var testDescription: String { rawValue }
    }

    typealias Expected = (description: Bool, identity: SituationVisibility.Identity)

    /// What each viewer sees at each stage: `d` the de-identified part, then the identity.
    static let table: [SituationStage: [Viewer: Expected]] = [
        .opened: [
            .originating: (true, .full), .lead: (false, .none), .assisting: (false, .none),
            .presentUnsigned: (false, .none), .absentAgency: (false, .none), .chair: (false, .none),
            .analyst: (false, .none), .admin: (false, .none), .dispatcher: (false, .none),
            .chairWhoRepresentsLead: (false, .none),
        ],
        .onAgenda: [
            .originating: (true, .full), .lead: (true, .none), .assisting: (true, .none),
            .presentUnsigned: (true, .none), .absentAgency: (true, .none), .chair: (true, .none),
            .analyst: (false, .none), .admin: (false, .none), .dispatcher: (false, .none),
            .chairWhoRepresentsLead: (true, .none),
        ],
        .rejected: [
            .originating: (true, .none), .lead: (true, .none), .presentUnsigned: (true, .none),
            .chair: (true, .none), .analyst: (false, .none), .admin: (false, .none), .dispatcher: (false, .none),
        ],
        .accepted: [
            .originating: (true, .full), .lead: (true, .minimal), .assisting: (true, .minimal),
            .presentUnsigned: (true, .none), .absentAgency: (true, .none), .chair: (true, .none),
            .analyst: (false, .none), .admin: (false, .none), .dispatcher: (false, .none),
            .chairWhoRepresentsLead: (true, .minimal),
        ],
        .intervening: [
            .originating: (true, .full), .lead: (true, .full), .assisting: (true, .full),
            .presentUnsigned: (true, .none), .absentAgency: (true, .none), .chair: (true, .none),
            .analyst: (false, .none), .admin: (false, .none), .dispatcher: (false, .none),
            .chairWhoRepresentsLead: (true, .full),
        ],
        .concluded: [
            .originating: (true, .full), .lead: (true, .none), .assisting: (true, .none),
            .presentUnsigned: (true, .none), .chair: (true, .none), .analyst: (false, .none),
            .admin: (false, .none),
        ],
    ]

    static let cases: [(SituationStage, Viewer)] = table.flatMap { stage, row in row.keys.map { (stage, $0) } }

    @Test("each viewer at each stage", arguments: cases)
    func visibility(stage: SituationStage, viewer: Viewer) throws {
        let situation = try F.situation(at: stage)
        let seen = SituationVisibility.of(
            situation, for: viewer.actor, agencies: F.agencies, present: F.present, now: F.now)
        let expected = try #require(Self.table[stage]?[viewer])
        #expect(seen.description == expected.description)
        #expect(seen.identity == expected.identity)
    }

    @Test("every stage is in the table")
    func everyStage() {
        #expect(Set(Self.table.keys) == Set(SituationStage.allCases))
    }

    @Test("an agency present without a signed agreement is told why it sees no identity in filter 3")
    func withheldForAgreement() throws {
        let seen = SituationVisibility.of(
            try F.situation(at: .accepted), for: F.representative(of: F.school), agencies: F.agencies,
            present: F.present, now: F.now)
        #expect(seen.identity == .none)
        #expect(seen.withheldForAgreement)
        let absent = SituationVisibility.of(
            try F.situation(at: .accepted), for: F.representative(of: F.justice), agencies: F.agencies,
            present: F.present, now: F.now)
        #expect(!absent.withheldForAgreement)
    }

    @Test("the intervening agencies lose the identity when the sharing time is over")
    func sharingEnds() throws {
        let situation = try F.situation(at: .intervening)
        let later = try #require(situation.identitySharedUntil)
        let lead = F.representative(of: F.health)
        #expect(
            SituationVisibility.of(situation, for: lead, agencies: F.agencies, present: F.present, now: later).identity
                == .none)
        #expect(
            SituationVisibility.of(
                situation, for: F.representative(of: F.police), agencies: F.agencies, present: F.present, now: later
            ).identity == .full)
    }

    @Test("an agency whose agreement is withdrawn loses the identity at once")
    func agreementWithdrawn() throws {
        var agencies = F.agencies
        agencies[F.housing]?.agreementSignedOn = nil
        let seen = SituationVisibility.of(
            try F.situation(at: .intervening), for: F.representative(of: F.housing), agencies: agencies,
            present: F.present, now: F.now)
        #expect(seen.identity == .none)
    }
}
