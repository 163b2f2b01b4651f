import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Persons store", .tags(.database))
struct PersonStoreTests {
    static let jerome = PersonIdentifiers(
        givenName: "Jérôme", familyName: "Côté", birthDate: "1979-04-12", phone: "514 555-0199")

    @Test(
        "found again by blind index without a readable identity in the database; every opened record is audited",
        arguments: TestDatabase.available)
    func findAgain(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let team = worker.organisationID
            let person = try await store.persons.record(
                Self.jerome, organisation: team, programme: "esup", by: worker.id)
            #expect(person.reference == "P-0001")
            let reader = Reader(tests.actor(worker), for: .personFollowUp, requestID: "probe")
            // the same person, written otherwise, by name and birth date or by phone alone
            let byName = PersonIdentifiers(givenName: "jerome", familyName: "COTE", birthDate: "1979-04-12", phone: nil)
            #expect(try await store.persons.find(byName.keys, in: team, by: reader).map(\.person.id) == [person.id])
            let byPhone = [PersonKey(kind: .phone, value: "5145550199")]
            let found = try await store.persons.find(byPhone, in: team, by: reader)
            #expect(found.first?.identifiers == Self.jerome)
            // another team finds nothing, and a miss leaves no entry
            let other = try await tests.makeAccount(role: .policeSocialWorker, organisation: "Autre équipe")
            #expect(try await store.persons.find(byPhone, in: other.organisationID, by: reader).isEmpty)
            let reads = try await store.audit.entries(.init(action: .personalInformationRead, limit: 50))
                .filter { $0.requestID == "probe" }
            #expect(reads.count == 2 && reads.allSatisfy { $0.resourceID == person.id.description })
            // nothing readable at rest
            let sql = try #require(store.database as? any SQLDatabase)
            let rows = try await sql.raw("SELECT identifiers_sealed FROM persons").all()
            let sealed = try rows.first?.decode(column: "identifiers_sealed", as: String.self) ?? ""
            #expect(!sealed.contains("Côté") && !sealed.contains("1979"))
            let blinds = try await sql.raw("SELECT blind FROM identity_keys").all()
                .map { try $0.decode(column: "blind", as: String.self) }
            #expect(blinds.count == 2 && !blinds.contains { $0.contains("5145550199") })
        }
    }

    @Test(
        "consent notes are read with the record; withdrawing ends what held, for the records merged in too",
        arguments: TestDatabase.available)
    func consent(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let a = try await store.persons.record(
                Self.jerome, organisation: worker.organisationID, programme: "esup", by: worker.id)
            let b = try await store.persons.record(
                PersonIdentifiers(givenName: "J.", familyName: "Côté", birthDate: nil, phone: nil),
                organisation: worker.organisationID, programme: "esup", by: worker.id)
            _ = try await store.persons.recordConsent(
                b.id, purpose: .supportPlan, basis: .imminentDanger, note: "Menace de sauter du pont", by: worker.id)
            _ = try await store.persons.merge(b.id, into: a.id, reason: "Même téléphone", by: worker.id)
            #expect(ConsentRules.holding(.supportPlan, in: try await store.persons.consents(of: a.id)) != nil)
            let opened = try #require(
                try await store.persons.opened(a.id, by: Reader(tests.actor(worker), for: .personFollowUp)))
            #expect(opened.consents.first?.note == "Menace de sauter du pont")
            #expect(try await store.persons.withdrawConsent(a.id, purpose: .supportPlan, by: worker.id) == 1)
            #expect(ConsentRules.holding(.supportPlan, in: try await store.persons.consents(of: a.id)) == nil)
            #expect(try await store.persons.withdrawConsent(a.id, purpose: .supportPlan, by: worker.id) == 0)
        }
    }

    @Test(
        "a merge folds a record into another, once; undone, both stand apart again; its reason is read audited",
        arguments: TestDatabase.available)
    func merging(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let team = worker.organisationID
            let a = try await store.persons.record(Self.jerome, organisation: team, programme: "esup", by: worker.id)
            let b = try await store.persons.record(
                PersonIdentifiers(
                    givenName: "Jérôme", familyName: "Coté", birthDate: "1979-04-21", phone: "514 555-0199"),
                organisation: team, programme: "esup", by: worker.id)
            let merge = try await store.persons.merge(b.id, into: a.id, reason: "Même téléphone", by: worker.id)
            await #expect(throws: PersonRefusal.alreadyMerged) {
                try await store.persons.merge(b.id, into: a.id, reason: "encore", by: worker.id)
            }
            let reader = Reader(tests.actor(worker), for: .personFollowUp, requestID: "merge")
            // the phone finds the survivor alone
            let found = try await store.persons.find(
                [PersonKey(kind: .phone, value: "5145550199")], in: team, by: reader)
            #expect(found.map(\.person.id) == [a.id])
            #expect(try await store.persons.mergedInto(a.id) == [b.id])
            let merges = try await store.persons.merges(into: a.id, by: reader)
            #expect(merges.map(\.reason) == ["Même téléphone"])
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 50))
                    .filter { $0.requestID == "merge" }.count == 2)
            try await store.persons.undoMerge(merge.id, by: worker.id)
            await #expect(throws: PersonRefusal.notMerged) {
                try await store.persons.undoMerge(merge.id, by: worker.id)
            }
            #expect(try await store.persons.person(b.id)?.mergedInto == nil)
            #expect(try await store.persons.find(Self.jerome.keys, in: team, by: reader).count == 2)
        }
    }

    @Test(
        "another programme learns a count and an organisation, never who; its own records are not counted",
        arguments: TestDatabase.available)
    func crossCounts(_ engine: TestDatabase) async throws {
        try await withStore(engine) { tests in
            let store = tests.store
            let worker = try await tests.makeAccount(role: .policeSocialWorker, organisation: "ÉSUP")
            let mobile = try await tests.makeAccount(role: .mobileWorker, organisation: "ÉMMIS")
            _ = try await store.persons.record(
                Self.jerome, organisation: worker.organisationID, programme: "esup", by: worker.id)
            for _ in 0..<2 {
                try await store.persons.index(
                    [PersonKey(kind: .phone, value: "5145550199")], subject: UUID(), kind: .interventionParty,
                    programme: "mediation", organisation: mobile.organisationID)
            }
            let fromESUP = try await store.persons.matches(Self.jerome.keys, outside: worker.organisationID)
            #expect(
                fromESUP == [
                    CrossProgrammeCount(programme: "mediation", organisationID: mobile.organisationID, count: 2)
                ])
            let fromMediation = try await store.persons.matches(
                [PersonKey(kind: .phone, value: "5145550199")], outside: mobile.organisationID)
            #expect(fromMediation.map(\.count) == [1] && fromMediation.first?.programme == "esup")
            // agreements are data
            try await store.sharingAgreements.save(
                SharingAgreement(worker.organisationID, mobile.organisationID, signedOn: store.now))
            #expect(try await store.sharingAgreements.all().count == 1)
            try await store.sharingAgreements.remove(mobile.organisationID, worker.organisationID)
            #expect(try await store.sharingAgreements.all().isEmpty)
        }
    }
}
