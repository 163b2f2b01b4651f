import Foundation
import RelaisCore
import RelaisPersistence
import RelaisStoreTestSupport
import SQLKit
import Testing

@Suite("Committee stores", .tags(.database))
struct CommitteeStoreTests {
    static let station = Station(
        number: "38", name: "Poste de quartier 38", address: "1033, rue Rachel Est, Montréal", latitude: 45.5253,
        longitude: -73.5794)

    static func committee(_ organisation: Organisation.ID) -> Committee {
        Committee(
            id: .init(UUID()), organisationID: organisation, code: "aines", kind: .partnership,
            nameFrench: "Comité aînés", nameEnglish: "Seniors Committee", mandateFrench: "", mandateEnglish: "",
            community: .seniors, themes: CommitteeTheme.allCases, region: "Sud", stations: ["38"], seats: 10)
    }

    @Test(
        "a member's identity is sealed; lists open nothing; opening it is an audited read; a second term for the same number is refused",
        arguments: TestDatabase.available)
    func members(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: PartnershipMigrations.all) { tests in
            let store = tests.store
            let coordinator = try await tests.makeAccount(
                role: .committeeCoordinator, organisation: "SPVM", kind: .policeService)
            let committee = Self.committee(coordinator.organisationID)
            try await store.committees.create(committee)
            await #expect(throws: StoreError.duplicate(field: "code")) { try await store.committees.create(committee) }
            let member = try await store.committees.addMember(
                organisation: coordinator.organisationID,
                identity: MemberIdentity(name: "Rosa Côté", email: "rosa@example.org", phone: "514-555-0101"),
                origin: "Association des aînés", side: .civilian, language: .french, user: nil)
            let sql = try #require(store.database as? any SQLDatabase)
            let sealed = try #require(
                try await sql.raw("SELECT identity_sealed FROM committee_members").first()?
                    .decode(column: "identity_sealed", as: String.self))
            #expect(!sealed.contains("Rosa") && !sealed.contains("rosa@example.org"))
            #expect(try await store.committees.memberSummaries([member.id]).first?.identity == .withheld)
            #expect(
                try await store.committees.member(email: "ROSA@example.org", organisation: coordinator.organisationID)?
                    .id == member.id)
            let reader = Reader(tests.actor(coordinator), for: .committeeMembers, requestID: "probe")
            #expect(try await store.committees.members([member.id], by: reader).first?.identity.name == "Rosa Côté")
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType) == [AuditResource.committeeMember.rawValue])
            let mandate = try MandateRules.appoint(
                member: member.id, to: committee, position: .member, startsOn: "2026-01-01", mandates: [])
            try await store.committees.insert(mandate)
            await #expect(throws: MandateRefusal.overlapping) {
                try await store.committees.insert(
                    Mandate(
                        id: .init(UUID()), memberID: member.id, committeeID: committee.id, position: .chair,
                        startsOn: "2030-01-01", endsOn: "2032-12-31", number: 1))
            }
            #expect(try await store.committees.unreminded(endingBy: "2029-01-30", today: "2028-11-01").count == 1)
            #expect(try await store.committees.markReminded(mandate.id))
            #expect(try await store.committees.markReminded(mandate.id) == false)
        }
    }

    @Test(
        "registrations fill the seats then wait; a cancellation moves the first one waiting up; the list is an audited read",
        arguments: TestDatabase.available)
    func registrations(_ engine: TestDatabase) async throws {
        try await withStore(engine, programmes: PartnershipMigrations.all) { tests in
            let store = tests.store
            let coordinator = try await tests.makeAccount(
                role: .committeeCoordinator, organisation: "SPVM", kind: .policeService)
            let committee = Self.committee(coordinator.organisationID)
            try await store.committees.create(committee)
            try await store.committees.replaceStations([Self.station])
            let meeting = try await store.committeeMeetings.plan(
                MeetingPlan(
                    interval: DateInterval(start: store.now.addingTimeInterval(86_400 * 10), duration: 7_200),
                    station: Self.station, purpose: .regular, agenda: [AgendaItem(theme: .security, text: "x")],
                    isOpen: true, capacity: 2), for: committee)
            #expect(
                try await store.committeeMeetings.booked(
                    station: "38", around: DateInterval(start: meeting.meeting.startsAt, end: meeting.meeting.endsAt)
                ).map(\.id)
                    == [meeting.id])
            var tokens: [String] = []
            var statuses: [RegistrationStatus] = []
            for index in 0..<4 {
                let token = "token-\(index)"
                tokens.append(token)
                statuses.append(
                    try await store.committeeMeetings.register(
                        Registrant(name: "Personne \(index)", email: "p\(index)@example.org", organisation: ""),
                        to: meeting, language: .french, token: token
                    ).status)
            }
            #expect(statuses == [.registered, .registered, .waiting, .waiting])
            #expect(try await store.committeeMeetings.isRegistered("P3@example.org", to: meeting.id))
            let moved = try #require(try await store.committeeMeetings.cancel(token: tokens[0], capacity: 2))
            #expect(moved.map(\.registrant.name) == ["Personne 2"])
            #expect(try await store.committeeMeetings.cancel(token: tokens[0], capacity: 2) == nil)
            #expect(try await store.committeeMeetings.cancel(token: "unknown", capacity: 2) == nil)
            let counts = try await store.committeeMeetings.counts(meeting.id)
            #expect(counts.registered == 2 && counts.waiting == 1)
            let reader = Reader(tests.actor(coordinator), for: .meetingRegistrations, requestID: "probe")
            let list = try await store.committeeMeetings.registrations(meeting.id, by: reader)
            #expect(list.map(\.status) == [.cancelled, .registered, .registered, .waiting])
            #expect(
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 10))
                    .filter { $0.requestID == "probe" }.map(\.resourceType)
                    == [AuditResource.meetingRegistration.rawValue])
            // invitations: the target organisations' addresses kept sealed for updates
            try await store.committeeMeetings.markInvited(meeting.id, sequence: 0, invitees: ["info@carrefour.org"])
            #expect(try await store.committeeMeetings.invitees(meeting.id) == ["info@carrefour.org"])
            #expect(
                try await store.committeeMeetings.reschedule(
                    meeting.id, to: DateInterval(start: store.now + 86_400 * 11, duration: 3_600)))
            #expect(try await store.committeeMeetings.meeting(meeting.id)?.meeting.meeting.sequence == 1)
        }
    }
}
