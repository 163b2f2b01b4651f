import Fluent
import Foundation
import RelaisCore
import RelaisTestSupport
import SQLKit
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

/// Audited reads by construction: every sealed column about the people served has a read path in the stores, and
/// each path writes its audit entry in the read's own transaction. A new sealed column fails here until its path is
/// listed and proved.
@Suite("Audited reads of sealed fields", .tags(.database))
struct AuditedReadsTests {
    /// Every sealed column of the mediation programme's tables, by the store read that opens it.
    static let readPaths: [String: [String]] = [
        "serviceRequests.read": [
            "service_requests.caller_sealed", "service_requests.police_event_number_sealed",
            "service_requests.address_sealed", "service_requests.description_sealed",
            "service_requests.override_reason_sealed", "service_requests.closure_reason_sealed",
            "request_notes.text_sealed",
        ],
        "interventions.read": ["intervention_parties.identity_sealed", "intervention_services.detail_sealed"],
        "interventions.referrals": ["intervention_services.detail_sealed"],
        "interventions.referral": ["intervention_services.detail_sealed"],
        "teams.history": ["team_status_events.note_sealed"],
        // The situation table's sealed identity (its audited read is proved in SituationStoreTests).
        "situations.identity": ["situation_identities.identity_sealed"],
        // Persons and ÉSUP's records (their audited reads are proved in PersonStoreTests and ConsultStoreTests).
        "persons.opened": ["persons.identifiers_sealed", "consents.note_sealed"],
        "persons.merges": ["person_merges.reason_sealed"],
        "consults.consult": [
            "esup_consults.request_sealed", "esup_consults.advice_sealed", "esup_consults.assessment_sealed",
        ],
        "supportPlans.current": ["esup_support_plans.content_sealed"],
        "supportPlans.tasks": ["esup_tasks.what_sealed"],
        // RÉSO's residents' messages (their audited reads are proved in ResidentMessageStoreTests).
        "residentMessages.message": ["reso_messages.content_sealed", "reso_message_steps.text_sealed"],
        "sectorProblems.problem": ["reso_problems.work_sealed", "reso_problem_actions.what_sealed"],
        "sectorContacts.log": ["reso_contacts.entry_sealed"],
        // The committees' members and those registered to open meetings (proved in CommitteeStoreTests).
        "committees.members": ["committee_members.identity_sealed"],
        "committeeMeetings.registrations": ["meeting_registrations.registrant_sealed"],
    ]

    /// The read paths whose audit entries other suites prove.
    static let provedElsewhere: Set<String> = [
        "teams.history", "situations.identity", "persons.opened", "persons.merges", "consults.consult",
        "supportPlans.current", "supportPlans.tasks", "residentMessages.message",
        "sectorProblems.problem", "sectorContacts.log", "committees.members", "committeeMeetings.registrations",
    ]

    /// Sealed at rest as a precaution, though the rules keep them without identity: a situation's de-identified
    /// summary and the services its agencies report, which the table reads at every meeting.
    static let deidentifiedColumns: Set<String> = ["situations.summary_sealed", "situations.services_sealed"]

    /// Sealed columns of staff accounts: read for the account itself (its name on every page, its second factor at
    /// sign-in) and audited where someone else's are listed (`/admin/comptes`); and the e-mail sent to them (an
    /// invitation, a reset: sealed for the single-use link it carries), read by the sender to send it.
    static let staffColumns: Set<String> = [
        "users.email_sealed", "users.display_name_sealed", "users.totp_secret_sealed", "outbox.message_sealed",
        // The target organisations' addresses a committee meeting's invitations went to, read by the sender to
        // send its updates.
        "committee_meetings.invitees_sealed",
    ]

    func sealedColumns(_ app: Application) async throws -> Set<String> {
        let sql = try #require(app.db as? any SQLDatabase)
        let rows =
            app.store.engine == .sqlite
            ? try await sql.raw(
                "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            ).all()
            : try await sql.raw(
                "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'"
            ).all()
        return Set(
            try rows.map {
                "\(try $0.decode(column: "t", as: String.self)).\(try $0.decode(column: "c", as: String.self))"
            }
            .filter { $0.hasSuffix("_sealed") })
    }

    @Test(
        "every sealed column has a listed read path, and each path leaves an entry", arguments: TestDatabase.available)
    func everyPath(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let listed = Set(Self.readPaths.values.joined()).union(Self.staffColumns).union(Self.deidentifiedColumns)
            #expect(try await sealedColumns(app) == listed)

            let scene = try await OnScene(app)
            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            _ = try await worker.post(
                "/api/v1/my-intervention/parties", json: #"{"role":"vulnerable_person","name":"Sam"}"#)
            let referred = try await worker.post(
                "/api/v1/my-intervention/services",
                json: #"{"kind":"referral","resourceId":"\#(OnScene.shelter)","asked":"Un lit"}"#)
            let referralID = try #require(
                InterventionService.ID(
                    (try referred.json()["services"] as? [[String: Any]])?.first?["id"] as? String ?? ""))
            try await app.store.transaction { tx in
                _ = try await tx.dispatch.changeStatus(
                    of: try #require(try await tx.teams.team(scene.team.id)), to: .available, position: nil,
                    by: scene.worker.user.id)
            }
            let store = app.store
            let reader = Reader(app.actor(scene.dispatcher.user), for: .dispatch, requestID: "probe")
            func entries() async throws -> Int {
                try await store.audit.entries(.init(action: .personalInformationRead, limit: 1000))
                    .filter { $0.requestID == "probe" }.count
            }
            var counted = try await entries()
            let paths: [(String, () async throws -> Bool)] = [
                ("serviceRequests.read", { try await store.serviceRequests.read(scene.requestID, by: reader) != nil }),
                (
                    "interventions.read",
                    { try await store.interventions.read(requestID: scene.requestID, by: reader) != nil }
                ),
                (
                    "interventions.referrals",
                    {
                        !(try await store.interventions.referrals(toServices: [OnScene.shelter], limit: 10, by: reader))
                            .isEmpty
                    }
                ),
                ("interventions.referral", { try await store.interventions.referral(referralID, by: reader) != nil }),
            ]
            for (name, read) in paths {
                #expect(try await read(), "\(name) found nothing")
                let now = try await entries()
                #expect(now == counted + 1, "\(name) left no audit entry")
                counted = now
            }
            #expect(Set(paths.map(\.0)).union(Self.provedElsewhere) == Set(Self.readPaths.keys))
        }
    }

    @Test("a request's history opens the reason a team gave for dropping it, and that read is audited")
    func historyNotes() async throws {
        try await withRelaisApp { app in
            let scene = try await OnScene(app)
            let reader = Reader(app.actor(scene.dispatcher.user), for: .dispatch, requestID: "probe")
            let quiet = try await app.store.teams.history(ofRequest: scene.requestID, by: reader)
            #expect(quiet.allSatisfy { $0.note == nil })
            #expect(
                try await app.store.audit.entries(.init(action: .personalInformationRead)).allSatisfy {
                    $0.requestID != "probe"
                })
            let dispatch = APIClient(app, token: try await app.makeToken(for: scene.dispatcher.user))
            let second = try await dispatch.post("/api/v1/service-requests", json: intakeJSON(latitude: 45.5101))
            let id = try #require(ServiceRequest.ID(try second.json()["id"] as? String ?? ""))
            let other = try await app.makeTeam(
                "Équipe 9", organisationID: scene.dispatcher.user.organisationID, borough: "MH",
                position: try GeoPoint(latitude: 45.55, longitude: -73.54), by: scene.dispatcher.user.id)
            _ = try await dispatch.post(
                "/api/v1/service-requests/\(id)/assignment", json: #"{"teamId":"\#(other.id)","reason":"Plus proche"}"#)
            let steps = try await app.store.teams.history(ofRequest: id, by: reader)
            #expect(steps.first?.note == "Plus proche")
            #expect(
                try await app.store.audit.entries(.init(action: .personalInformationRead)).contains {
                    $0.requestID == "probe"
                })
        }
    }
}
