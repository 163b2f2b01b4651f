import Foundation
import RelaisCore
import Testing

@Suite("Access policy: role × organisation × action × resource")
struct AccessPolicyTests {
    static let mine = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!)
    static let theirs = Organisation.ID(UUID(uuidString: "00000000-0000-0000-0000-0000000000b2")!)

    /// The policy of a deployment running the mediation programme.
    static let policy = AccessPolicy([.platform, .mediation])

    static func actor(_ role: Role) -> Actor {
        policy.actor(userID: User.ID(UUID()), memberships: [Membership(role, in: mine)])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let role: Role
        let action: Permission.Action
        let resource: Permission.Resource
        let target: AccessTarget
        let expected: AccessDecision

        var testDescription: String {
            "\(role.rawValue) \(action.rawValue) \(resource.rawValue) \(target) → \(expected)"
        }
    }

    static let cases: [Case] = [
        // administrators run the deployment but do not read the programmes' personal records
        Case(role: .admin, action: .read, resource: .auditLog, target: .collection, expected: .allowed(.everywhere)),
        Case(role: .admin, action: .create, resource: .user, target: .collection, expected: .allowed(.everywhere)),
        Case(role: .admin, action: .delete, resource: .auditLog, target: .collection, expected: .denied),
        // intake and dispatch work inside their own organisation
        Case(
            role: .dispatcher, action: .create, resource: .serviceRequest, target: .collection,
            expected: .allowed(.ownOrganisation)),
        Case(
            role: .dispatcher, action: .update, resource: .serviceRequest, target: .record(ownedBy: mine),
            expected: .allowed(.ownOrganisation)),
        Case(
            role: .dispatcher, action: .update, resource: .serviceRequest, target: .record(ownedBy: theirs),
            expected: .denied),
        Case(role: .dispatcher, action: .read, resource: .auditLog, target: .collection, expected: .denied),
        Case(role: .dispatcher, action: .read, resource: .user, target: .collection, expected: .denied),
        // administrators neither read nor act on the programmes' records
        Case(role: .admin, action: .read, resource: .serviceRequest, target: .collection, expected: .denied),
        Case(role: .admin, action: .read, resource: .intervention, target: .collection, expected: .denied),
        Case(
            role: .admin, action: .update, resource: .resourceDirectory, target: .record(ownedBy: theirs),
            expected: .denied),
        Case(role: .admin, action: .update, resource: .teamStatus, target: .collection, expected: .denied),
        Case(
            role: .admin, action: .create, resource: .mobileTeam, target: .record(ownedBy: theirs),
            expected: .allowed(.everywhere)),
        // a mobile worker: the board, the requests sent to their team, their own team's status and shifts
        Case(
            role: .mobileWorker, action: .create, resource: .intervention, target: .collection,
            expected: .allowed(.related(.onScene))),
        Case(
            role: .mobileWorker, action: .create, resource: .intervention,
            target: .record(ownedBy: mine, relationships: [.assigned]), expected: .denied),
        Case(
            role: .mobileWorker, action: .update, resource: .intervention,
            target: .record(ownedBy: mine, relationships: [.assigned, .onScene]),
            expected: .allowed(.related(.onScene))),
        Case(
            role: .mobileWorker, action: .read, resource: .serviceRequest,
            target: .record(ownedBy: mine, relationships: [.assigned]), expected: .allowed(.related(.assigned))),
        Case(
            role: .mobileWorker, action: .read, resource: .serviceRequest, target: .record(ownedBy: mine),
            expected: .denied),
        Case(
            role: .mobileWorker, action: .read, resource: .serviceRequest,
            target: .record(ownedBy: theirs, relationships: [.assigned]), expected: .denied),
        Case(
            role: .mobileWorker, action: .read, resource: .intervention, target: .record(ownedBy: mine),
            expected: .denied),
        Case(
            role: .mobileWorker, action: .update, resource: .serviceRequest, target: .record(ownedBy: mine),
            expected: .denied),
        Case(
            role: .mobileWorker, action: .update, resource: .teamStatus,
            target: .record(ownedBy: mine, relationships: [.ownTeam]), expected: .allowed(.related(.ownTeam))),
        Case(
            role: .mobileWorker, action: .update, resource: .teamStatus, target: .record(ownedBy: mine),
            expected: .denied),
        Case(
            role: .mobileWorker, action: .update, resource: .mobileTeam, target: .record(ownedBy: mine),
            expected: .denied),
        Case(
            role: .mobileWorker, action: .read, resource: .mobileTeam, target: .record(ownedBy: mine),
            expected: .allowed(.ownOrganisation)),
        Case(role: .mobileWorker, action: .create, resource: .serviceRequest, target: .collection, expected: .denied),
        Case(
            role: .dispatcher, action: .update, resource: .teamStatus, target: .record(ownedBy: mine),
            expected: .allowed(.ownOrganisation)),
        // a partner application only submits requests (through Open311)
        Case(role: .open311Client, action: .read, resource: .organisation, target: .collection, expected: .denied),
        Case(
            role: .open311Client, action: .create, resource: .serviceRequest, target: .collection,
            expected: .allowed(.everywhere)),
        // police refer non-urgent calls to the mobile team, wherever it sits
        Case(
            role: .policeOfficer, action: .create, resource: .serviceRequest, target: .record(ownedBy: theirs),
            expected: .allowed(.everywhere)),
        Case(role: .policeOfficer, action: .read, resource: .serviceRequest, target: .collection, expected: .denied),
        // analysts see de-identified statistics and nothing personal
        Case(
            role: .analyst, action: .read, resource: .statistics, target: .collection, expected: .allowed(.everywhere)),
        Case(role: .analyst, action: .read, resource: .serviceRequest, target: .collection, expected: .denied),
    ]

    @Test("each cell of the policy gives the documented answer", arguments: cases)
    func decision(_ testCase: Case) {
        let decision = AccessPolicy.decide(
            Self.actor(testCase.role), Permission(testCase.action, testCase.resource), on: testCase.target)
        #expect(decision == testCase.expected)
    }

    @Test(
        "every staff role can read organisations and territories; a partner application nothing",
        arguments: Role.allCases)
    func commonGrants(_ role: Role) {
        #expect(AccessPolicy.decide(Self.actor(role), Permission(.read, .organisation)).isAllowed == role.signsIn)
        #expect(AccessPolicy.decide(Self.actor(role), Permission(.read, .territory)).isAllowed == role.signsIn)
    }

    @Test("nobody may change or delete the audit log")
    func auditLogIsAppendOnly() {
        for role in Role.allCases {
            for action in [Permission.Action.create, .update, .delete] {
                #expect(AccessPolicy.decide(Self.actor(role), Permission(action, .auditLog)) == .denied)
            }
        }
    }

    @Test("only roles that read personal information may read requests or interventions")
    func personalRecordsNeedTheFlag() {
        for role in Role.allCases {
            for resource in [Permission.Resource.serviceRequest, .intervention] {
                if AccessPolicy.decide(Self.actor(role), Permission(.read, resource)).isAllowed {
                    #expect(role.readsPersonalInformation, "\(role) reads \(resource) without the flag")
                }
            }
        }
    }
}
