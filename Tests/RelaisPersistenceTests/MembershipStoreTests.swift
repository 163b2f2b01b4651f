import Fluent
import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import Testing

@Suite("Memberships store", .tags(.database))
struct MembershipStoreTests {
    @Test(
        "memberships keep the order they were granted in; each change is written with its audit entry, a refusal writes neither",
        arguments: TestDatabase.available)
    func grantAndWithdraw(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let admin = try await tests.makeAccount(role: .admin)
            let person = try await tests.makeAccount(
                role: .sectorOfficer, organisation: "Police de Longueuil", kind: .policeService)
            let committee = try await store.accounts.createOrganisation(name: "Comité des aînés", kind: .agency)
            let table = try await store.accounts.createOrganisation(name: "Table de Sudbury", kind: .agency)
            let home = Membership(.sectorOfficer, in: person.organisationID)
            let seat = Membership(.committeeCoordinator, in: committee.id)
            let chair = Membership(.tableChair, in: table.id)
            let actor = tests.actor(admin)
            try await store.accounts.grant(seat, to: person.id, by: actor)
            try await store.accounts.grant(chair, to: person.id, by: actor)
            #expect(try await store.accounts.user(person.id)?.memberships == [home, seat, chair])
            // the order survives withdrawing the home membership: the next one becomes home
            try await store.accounts.withdraw(home, from: person.id, by: actor)
            #expect(try await store.accounts.user(person.id)?.memberships == [seat, chair])
            #expect(
                try await store.accounts.membershipEntries(of: person.id).map(\.grantedBy) == [
                    admin.id, admin.id,
                ])

            await #expect(throws: MembershipRefusal.alreadyHeld) {
                try await store.accounts.grant(seat, to: person.id, by: actor)
            }
            await #expect(throws: StoreError.missingReference(field: "organisation")) {
                try await store.accounts.grant(
                    Membership(.analyst, in: Organisation.ID(UUID())), to: person.id, by: actor)
            }
            let entries = try await store.audit.entries(.init())
            #expect(entries.filter { $0.action == .membershipGranted }.count == 2)
            #expect(entries.filter { $0.action == .membershipWithdrawn }.count == 1)
            #expect(try await store.accounts.user(person.id)?.memberships == [seat, chair])
        }
    }

    @Test(
        "two administrators granting the same role at once: one grant, one refusal", arguments: TestDatabase.available)
    func concurrentGrants(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let person = try await tests.makeAccount(role: .dispatcher)
            let shelter = try await store.accounts.createOrganisation(name: "Refuge", kind: .communityOrganisation)
            let membership = Membership(.agencyRepresentative, in: shelter.id)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            try await store.accounts.grant(membership, to: person.id, by: nil)
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1 && outcomes.count == 2)
            #expect(try await store.accounts.user(person.id)?.memberships.count == 2)
            #expect(try await store.audit.entries(.init(action: .membershipGranted)).count == 1)
        }
    }

    @Test(
        "two withdrawals at once from someone with two roles: one is withdrawn, the other refused as the last",
        arguments: TestDatabase.available)
    func concurrentWithdrawals(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let person = try await tests.makeAccount(role: .dispatcher)
            let shelter = try await store.accounts.createOrganisation(name: "Refuge", kind: .communityOrganisation)
            let second = Membership(.agencyRepresentative, in: shelter.id)
            try await store.accounts.grant(second, to: person.id, by: nil)
            let both = [Membership(.dispatcher, in: person.organisationID), second]
            let refusals = await withTaskGroup(of: MembershipRefusal?.self) { group in
                for membership in both {
                    group.addTask {
                        do {
                            try await store.accounts.withdraw(membership, from: person.id, by: nil)
                            return nil
                        } catch let refusal as MembershipRefusal {
                            return refusal
                        } catch {
                            return .notHeld
                        }
                    }
                }
                return await group.reduce(into: [MembershipRefusal?]()) { $0.append($1) }
            }
            #expect(refusals.compactMap { $0 } == [.lastMembership])
            #expect(try await store.accounts.user(person.id)?.memberships.count == 1)
        }
    }
}
