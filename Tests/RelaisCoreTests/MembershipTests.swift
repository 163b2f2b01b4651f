import Foundation
import RelaisCore
import Testing

@Suite("Memberships: the policy decides over every role a person holds")
struct MembershipTests {
    static let mine = AccessPolicyTests.mine
    static let theirs = AccessPolicyTests.theirs
    static let policy = AccessPolicyTests.policy

    static func person(_ memberships: Membership...) -> Actor {
        policy.actor(userID: User.ID(UUID()), memberships: memberships)
    }

    @Test("each role reaches its own organisation only: a dispatcher here who represents an agency there")
    func eachRoleInItsOrganisation() {
        let both = Self.person(
            Membership(.dispatcher, in: Self.mine), Membership(.agencyRepresentative, in: Self.theirs))
        let update = Permission(.update, .serviceRequest)
        #expect(AccessPolicy.decide(both, update, on: .record(ownedBy: Self.mine)) == .allowed(.ownOrganisation))
        #expect(AccessPolicy.decide(both, update, on: .record(ownedBy: Self.theirs)) == .denied)
        let directory = Permission(.update, .resourceDirectory)
        #expect(AccessPolicy.decide(both, directory, on: .record(ownedBy: Self.theirs)) == .allowed(.ownOrganisation))
        #expect(AccessPolicy.decide(both, directory, on: .record(ownedBy: Self.mine)) == .denied)
        #expect(both.organisations(for: directory) == [Self.theirs])
        #expect(both.organisations(for: Permission(.read, .serviceRequest)) == [Self.mine])
        // the same person with one role only loses the other's reach
        let dispatcherOnly = Self.person(Membership(.dispatcher, in: Self.mine))
        #expect(AccessPolicy.decide(dispatcherOnly, directory, on: .record(ownedBy: Self.theirs)) == .denied)
    }

    @Test("the widest grant answers for a collection; a record is allowed when any role allows it")
    func widestGrant() {
        let both = Self.person(Membership(.dispatcher, in: Self.mine), Membership(.policeOfficer, in: Self.theirs))
        #expect(AccessPolicy.decide(both, Permission(.create, .serviceRequest)) == .allowed(.everywhere))
        #expect(AccessPolicy.decide(both, Permission(.read, .serviceRequest)) == .allowed(.ownOrganisation))
        let worker = Self.person(Membership(.mobileWorker, in: Self.mine), Membership(.dispatcher, in: Self.theirs))
        let read = Permission(.read, .serviceRequest)
        #expect(AccessPolicy.decide(worker, read, on: .record(ownedBy: Self.mine)) == .denied)
        #expect(
            AccessPolicy.decide(worker, read, on: .record(ownedBy: Self.mine, relationships: [.assigned]))
                == .allowed(.related(.assigned)))
        #expect(AccessPolicy.decide(worker, read, on: .record(ownedBy: Self.theirs)) == .allowed(.ownOrganisation))
        #expect(AccessPolicy.dependsOnRelationship(worker, read))
        #expect(worker.organisations(for: read) == [Self.mine, Self.theirs])
    }

    @Test("someone without a role may do nothing")
    func nobody() {
        let nobody = Self.person()
        #expect(AccessPolicy.decide(nobody, Permission(.read, .organisation)) == .denied)
        #expect(nobody.home == nil)
    }

    @Test("an intake coordinator anywhere takes calls as one; a police role sends from the police")
    func intakeChannel() {
        let police = Self.person(
            Membership(.committeeCoordinator, in: Self.mine), Membership(.sectorOfficer, in: Self.theirs))
        #expect(IntakeChannel.of(police).fixedSource == .police)
        let both = Self.person(Membership(.sectorOfficer, in: Self.theirs), Membership(.dispatcher, in: Self.mine))
        #expect(IntakeChannel.of(both).mayOverrideTriage)
        #expect(IntakeChannel.of(both).fixedSource == nil)
    }

    @Test("grants and withdrawals the rules refuse, with the reason")
    func rules() throws {
        let home = Membership(.dispatcher, in: Self.mine)
        #expect(throws: MembershipRefusal.alreadyHeld) { try MembershipRules.grant(home, to: [home]) }
        #expect(throws: MembershipRefusal.partnerApplicationAlone) {
            try MembershipRules.grant(Membership(.open311Client, in: Self.mine), to: [home])
        }
        #expect(throws: MembershipRefusal.partnerApplicationAlone) {
            try MembershipRules.grant(home, to: [Membership(.open311Client, in: Self.mine)])
        }
        #expect(throws: MembershipRefusal.lastMembership) { try MembershipRules.withdraw(home, from: [home]) }
        #expect(throws: MembershipRefusal.notHeld) {
            try MembershipRules.withdraw(Membership(.analyst, in: Self.mine), from: [home])
        }
        try MembershipRules.grant(Membership(.dispatcher, in: Self.theirs), to: [home])
        try MembershipRules.withdraw(home, from: [home, Membership(.analyst, in: Self.theirs)])
    }

    @Test(
        "a deployment's policy is the union of the platform's grants and its programmes'; without a programme, its records are nobody's"
    )
    func programmesMakeThePolicy() {
        let withoutMediation = AccessPolicy([.platform])
        let dispatcher = withoutMediation.actor(
            userID: User.ID(UUID()), memberships: [Membership(.dispatcher, in: Self.mine)])
        #expect(AccessPolicy.decide(dispatcher, Permission(.read, .serviceRequest)) == .denied)
        #expect(AccessPolicy.decide(dispatcher, Permission(.read, .organisation)) == .allowed(.everywhere))
        #expect(!withoutMediation.grants.resources.contains(.serviceRequest))
        #expect(Self.policy.grants.resources.starts(with: Permission.Resource.platform))
        // where two tables grant the same, the wider scope stands, whichever comes first
        let narrow = AccessGrants(
            resources: [.statistics], [.analyst: AccessGrants.grant(.ownOrganisation, [.read], on: [.statistics])])
        for tables in [[narrow, .platform], [.platform, narrow]] {
            #expect(AccessPolicy(tables).permissions(of: .analyst)[Permission(.read, .statistics)] == .everywhere)
        }
    }
}
