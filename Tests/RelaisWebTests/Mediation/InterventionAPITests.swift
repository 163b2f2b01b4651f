import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("Interventions and referrals through the API", .tags(.web, .database))
struct InterventionAPITests {
    @Test(
        "a worker records an intervention as JSON; the shelter's staff accept the referral, once",
        arguments: TestDatabase.available)
    func intervention(_ engine: TestDatabase) async throws {
        let clock = TestClock()
        try await withRelaisApp(engine, options: TestAppOptions(clock: clock)) { app in
            let scene = try await OnScene(app)
            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            let empty = try await worker.get("/api/v1/my-intervention")
            #expect(empty.status == .ok)
            #expect((try empty.json()["parties"] as? [Any])?.isEmpty == true)

            _ = try await worker.post("/api/v1/my-intervention/parties", json: #"{"role":"merchant"}"#)
            let added = try await worker.post(
                "/api/v1/my-intervention/parties", json: #"{"role":"vulnerable_person","name":"Sam"}"#)
            #expect(added.status == .created)
            let parties = try #require(try added.json()["parties"] as? [[String: Any]])
            #expect(parties.map { $0["role"] as? String } == ["merchant", "vulnerable_person"])
            #expect(parties[1]["name"] as? String == "Sam")
            let (merchant, person) = (parties[0]["id"] as! String, parties[1]["id"] as! String)

            let agreement = try await worker.post(
                "/api/v1/my-intervention/services",
                json: """
                    {"kind":"agreement","commitments":[{"partyId":"\(merchant)","text":"Tolère l'abri la nuit"},
                     {"partyId":"\(person)","text":"Part avant 9 h"}],"dueBy":"2027-01-20"}
                    """)
            #expect(agreement.status == .created)
            // Over-long commitments in a body past Vapor's default 16 kB: the answer names the field, not the size.
            let longText = String(repeating: #"\u00e9"#, count: 1_500)
            let tooLong = try await worker.post(
                "/api/v1/my-intervention/services",
                json: """
                    {"kind":"agreement","commitments":[{"partyId":"\(merchant)","text":"\(longText)"},
                     {"partyId":"\(person)","text":"\(longText)"}]}
                    """)
            #expect(tooLong.status == .unprocessableEntity)
            let tooLongFields = (try tooLong.json()["errors"] as? [[String: Any]])?.compactMap {
                $0["field"] as? String
            }
            #expect(tooLongFields == ["commitments[0].text", "commitments[1].text"])
            let agreed = try #require((try agreement.json()["services"] as? [[String: Any]])?.first)
            #expect(agreed["dueBy"] as? String == "2027-01-21T04:59:00Z")
            let information = try await worker.post(
                "/api/v1/my-intervention/services",
                json: #"{"kind":"information","topics":["rights_responsibilities","realities"]}"#)
            #expect(information.status == .created)
            let referral = try await worker.post(
                "/api/v1/my-intervention/services",
                json: #"{"kind":"referral","resourceId":"\#(OnScene.shelter)","partyId":"\#(person)","asked":"Un lit"}"#
            )
            let services = try #require(try referral.json()["services"] as? [[String: Any]])
            #expect(services.map { $0["kind"] as? String } == ["agreement", "information", "referral"])
            #expect(services[2]["answer"] as? String == "awaiting")
            let referralID = try #require(services[2]["id"] as? String)

            let escort = try await worker.post(
                "/api/v1/my-intervention/services", json: #"{"kind":"escort","destination":"1234 rue Ontario Est"}"#)
            #expect(escort.status == .created)
            #expect(try await app.store.teams.team(scene.team.id)?.status == .escorting)
            let secondEscort = try await worker.post(
                "/api/v1/my-intervention/services", json: #"{"kind":"escort","destination":"ailleurs"}"#)
            #expect(secondEscort.status == .conflict)
            #expect(try await worker.post("/api/v1/my-intervention/arrival", json: "{}").status == .ok)
            let unknownKind = try await worker.post("/api/v1/my-intervention/services", json: #"{"kind":"hug"}"#)
            #expect(unknownKind.status == .unprocessableEntity)

            clock.advance(by: 25 * 60)
            let closed = try await worker.post(
                "/api/v1/my-intervention/closing", json: #"{"outcome":"referred","policeAvoided":true}"#)
            #expect(closed.status == .ok)
            let closing = try #require(try closed.json()["closing"] as? [String: Any])
            #expect(closing["outcome"] as? String == "referred" && closing["minutesOnScene"] as? Int == 25)
            #expect(try await worker.get("/api/v1/my-intervention").status == .conflict)

            // the shelter's staff see the referral and accept it; a second answer is refused
            let staff = APIClient(app, token: try await app.makeToken(for: scene.shelterStaff.user))
            let listed = try #require(try await staff.get("/api/v1/referrals").json()["items"] as? [[String: Any]])
            #expect(listed.map { $0["asked"] as? String } == ["Un lit"])
            let path = "/api/v1/referrals/\(referralID)/answer"
            let accepted = try await staff.send(.PUT, path, json: #"{"answer":"accepted"}"#)
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["answer"] as? String == "accepted")
            #expect(try await staff.send(.PUT, path, json: #"{"answer":"declined"}"#).status == .conflict)
            #expect(try await app.store.audit.entries(.init(action: .referralAnswered)).count == 1)

            // another organisation's staff may not answer, and see nothing: the answer is the one for a referral
            // that does not exist, and both probes are audited
            let other = try await app.makeAccount(
                role: .agencyRepresentative, organisation: "Autre organisme", kind: .communityOrganisation)
            let stranger = APIClient(app, token: try await app.makeToken(for: other.user))
            let probe = try await stranger.send(.PUT, path, json: #"{"answer":"declined"}"#)
            let missing = try await stranger.send(
                .PUT, "/api/v1/referrals/\(UUID().uuidString.lowercased())/answer", json: #"{"answer":"declined"}"#)
            #expect(probe.status == .notFound && missing.status == .notFound)
            #expect(probe.text == missing.text)
            let probes = try await app.store.audit.entries(.init(action: .accessDenied, resourceType: "referral"))
            #expect(probes.count == 2 && probes.allSatisfy { $0.actorUserID == other.user.id })
            #expect((try await stranger.get("/api/v1/referrals").json()["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a referral nobody answers reads 'no answer' once the configured delay has passed")
    func noAnswer() async throws {
        let clock = TestClock()
        try await withRelaisApp(options: TestAppOptions(clock: clock)) { app in
            let scene = try await OnScene(app)
            let worker = APIClient(app, token: try await app.makeToken(for: scene.worker.user))
            _ = try await worker.post(
                "/api/v1/my-intervention/services", json: #"{"kind":"referral","resourceId":"\#(OnScene.shelter)"}"#)
            let staff = APIClient(app, token: try await app.makeToken(for: scene.shelterStaff.user))
            func answer() async throws -> String? {
                (try await staff.get("/api/v1/referrals").json()["items"] as? [[String: Any]])?.first?["answer"]
                    as? String
            }
            #expect(try await answer() == "awaiting")
            clock.advance(by: app.relais.config.referralAnswerDelay + 1)
            #expect(try await answer() == "no_answer")
        }
    }
}
