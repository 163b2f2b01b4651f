import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Dispatch: recommendations, assignment races and team status", .tags(.web, .database))
struct DispatchAPITests {
    struct Setup {
        let dispatcher: TestAccount
        let worker: TestAccount
        let client: APIClient
        let near: MobileTeam
        let far: MobileTeam
        let requestID: String
    }

    /// Two available teams: one in Ville-Marie near the call, one in Mercier–Hochelaga-Maisonneuve; one waiting
    /// request in Ville-Marie.
    func setUp(_ app: Application) async throws -> Setup {
        try await app.importDemoBoroughs()
        let dispatcher = try await app.makeAccount(role: .dispatcher)
        let worker = try await app.makeAccount(role: .mobileWorker)
        let near = try await app.makeTeam(
            "Équipe 1", organisationID: dispatcher.user.organisationID, members: [worker.user.id], borough: "VM",
            position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: dispatcher.user.id)
        let far = try await app.makeTeam(
            "Équipe 2", organisationID: dispatcher.user.organisationID, borough: "MH",
            position: try GeoPoint(latitude: 45.5540, longitude: -73.5390), by: dispatcher.user.id)
        let client = APIClient(app, token: try await app.makeToken(for: dispatcher.user))
        let created = try await client.post("/api/v1/service-requests", json: intakeJSON())
        return Setup(
            dispatcher: dispatcher, worker: worker, client: client, near: near, far: far,
            requestID: try #require(try created.json()["id"] as? String))
    }

    @Test("the nearest available team is recommended first, with its travel time", arguments: TestDatabase.available)
    func recommendations(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let response = try await setup.client.get("/api/v1/service-requests/\(setup.requestID)/recommendations")
            let items = try #require(try response.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["teamName"] as? String } == ["Équipe 1", "Équipe 2"])
            #expect(items.first?["servesBorough"] as? Bool == true)
            #expect((items.first?["travelMinutes"] as? Int ?? 99) < (items.last?["travelMinutes"] as? Int ?? 0))
        }
    }

    @Test(
        "two coordinators assigning the same team at once: one wins, the other is told",
        arguments: TestDatabase.available)
    func race(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            let second = try await setup.client.post("/api/v1/service-requests", json: intakeJSON(latitude: 45.5100))
            let secondID = try #require(try second.json()["id"] as? String)
            let other = try await app.makeAccount(role: .dispatcher)
            let otherClient = APIClient(app, token: try await app.makeToken(for: other.user))
            let body = #"{"teamId":"\#(setup.near.id)"}"#
            async let a = setup.client.post("/api/v1/service-requests/\(setup.requestID)/assignment", json: body)
            async let b = otherClient.post("/api/v1/service-requests/\(secondID)/assignment", json: body)
            let statuses = try await [a.status, b.status]
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 1)
            let team = try #require(try await app.store.teams.team(setup.near.id))
            #expect(team.status == .assigned)
            let assigned = try await [setup.requestID, secondID].asyncMap {
                try await app.store.serviceRequests.unsealed(ServiceRequest.ID($0)!)!.teamID
            }
            #expect(assigned.compactMap { $0 }.count == 1)
            #expect(try await app.store.audit.entries(.init(action: .teamAssigned)).count == 1)
        }
    }

    @Test("the loser of a race reads a clear message in their language")
    func conflictMessage() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let body = #"{"teamId":"\#(setup.near.id)"}"#
            _ = try await setup.client.post("/api/v1/service-requests/\(setup.requestID)/assignment", json: body)
            let again = try await setup.client.post(
                "/api/v1/service-requests/\(setup.requestID)/assignment", json: body)
            #expect(again.status == .conflict)
            #expect(again.text.contains(#""code":"dispatch.request_not_waiting""#))
            #expect(again.text.contains("n'attend plus"))
        }
    }

    @Test("another team than the recommended one needs a reason")
    func otherTeamNeedsReason() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let path = "/api/v1/service-requests/\(setup.requestID)/assignment"
            let refused = try await setup.client.post(path, json: #"{"teamId":"\#(setup.far.id)"}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains(#""field":"reason""#))
            #expect(try await app.store.teams.team(setup.far.id)?.status == .available)
            let accepted = try await setup.client.post(
                path, json: #"{"teamId":"\#(setup.far.id)","reason":"L'équipe 1 finit son quart"}"#)
            #expect(accepted.status == .ok)
        }
    }

    @Test(
        "the worker's buttons move the team and timestamp the request; illegal moves are refused",
        arguments: TestDatabase.available)
    func statusFlow(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            _ = try await setup.client.post(
                "/api/v1/service-requests/\(setup.requestID)/assignment", json: #"{"teamId":"\#(setup.near.id)"}"#)
            let worker = APIClient(app, token: try await app.makeToken(for: setup.worker.user))
            let mine = try await worker.get("/api/v1/my-assignment")
            #expect((try mine.json()["request"] as? [String: Any])?["address"] as? String == "Place Émilie-Gamelin")
            #expect(
                try await app.store.audit.entries(.init(action: .personalInformationRead))
                    .contains { $0.purpose == "assignment" })

            let path = "/api/v1/teams/\(setup.near.id)/status"
            let skip = try await worker.post(path, json: #"{"status":"escorting"}"#)
            #expect(skip.status == .conflict)
            #expect(skip.text.contains("team_status.illegal_transition"))
            for status in ["en_route", "on_scene"] {
                #expect(try await worker.post(path, json: #"{"status":"\#(status)"}"#).status == .ok)
            }
            var request = try #require(
                try await app.store.serviceRequests.unsealed(ServiceRequest.ID(setup.requestID)!))
            #expect(request.status == .onScene)
            #expect(request.timeline.enRouteAt != nil && request.timeline.onSceneAt != nil)
            #expect(
                try await worker.post(path, json: #"{"status":"available","latitude":45.51,"longitude":-73.56}"#).status
                    == .ok)
            request = try #require(try await app.store.serviceRequests.unsealed(ServiceRequest.ID(setup.requestID)!))
            #expect(request.status == .cleared)
            let team = try #require(try await app.store.teams.team(setup.near.id))
            #expect(team.status == .available && team.currentRequestID == nil && team.position?.latitude == 45.51)
            let changes = try await app.store.teams.statusChanges(teamID: setup.near.id)
            #expect(changes.map(\.to) == [.available, .assigned, .enRoute, .onScene, .available])

            // a worker cannot press another team's buttons (as if it were not there), nor assign through them
            let notMine = try await worker.post("/api/v1/teams/\(setup.far.id)/status", json: #"{"status":"off_duty"}"#)
            #expect(notMine.status == .notFound)
            let assign = try await worker.post(path, json: #"{"status":"assigned"}"#)
            #expect(assign.status == .conflict)
            let unknown = try await worker.post(path, json: #"{"status":"flying"}"#)
            #expect(unknown.status == .unprocessableEntity)
            let halfPosition = try await worker.post(path, json: #"{"status":"off_duty","latitude":45.5}"#)
            #expect(halfPosition.status == .unprocessableEntity)
            #expect(halfPosition.text.contains(#""field":"longitude""#))
            #expect(try await app.store.teams.team(setup.near.id)?.status == .available)
        }
    }

    @Test(
        "a team drops its assignment only with a reason: the request waits again, its history and the board know",
        arguments: TestDatabase.available)
    func release(_ engine: TestDatabase) async throws {
        try await withRelaisApp(engine) { app in
            let setup = try await setUp(app)
            _ = try await setup.client.post(
                "/api/v1/service-requests/\(setup.requestID)/assignment", json: #"{"teamId":"\#(setup.near.id)"}"#)
            let worker = APIClient(app, token: try await app.makeToken(for: setup.worker.user))
            let path = "/api/v1/teams/\(setup.near.id)/status"
            _ = try await worker.post(path, json: #"{"status":"en_route"}"#)
            let silent = try await worker.post(path, json: #"{"status":"available"}"#)
            #expect(silent.status == .unprocessableEntity)
            #expect(silent.text.contains(#""field":"reason""#))
            let id = try #require(ServiceRequest.ID(setup.requestID))
            #expect(try await app.store.serviceRequests.unsealed(id)?.status == .enRoute, "nothing changed")

            let released = try await worker.post(
                path, json: #"{"status":"available","reason":"Crevaison rue Ontario"}"#)
            #expect(released.status == .ok)
            let request = try #require(try await app.store.serviceRequests.unsealed(id))
            #expect(request.status == .waiting && request.teamID == nil)
            let history = try await app.store.teams.history(ofRequest: id)
            #expect(history.map(\.change.to) == [.assigned, .enRoute, .available])
            #expect(history.last?.labelKey == "mediation.request.history.released")
            #expect(history.last?.note == "Crevaison rue Ontario")
            let audit = try await app.store.audit.entries(.init(action: .assignmentReleased))
            #expect(audit.count == 1 && audit.first?.resourceID == setup.requestID)
            let page = TestBrowser(app)
            try await page.signIn(email: setup.dispatcher.user.email, password: setup.dispatcher.password)
            let shown = try await page.get("/demandes/\(setup.requestID)")
            #expect(shown.text.contains("a abandonné la demande") && shown.text.contains("Crevaison rue Ontario"))
            let board = try await setup.client.get("/api/v1/board")
            #expect(board.text.contains(setup.requestID))
        }
    }

    @Test("the board lists waiting requests by priority, every team, and no personal information")
    func board() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            _ = try await setup.client.post(
                "/api/v1/service-requests",
                json: intakeJSON(description: "Bruit", extra: "").replacingOccurrences(
                    of: "conflict_between_people", with: "noise"
                ).replacingOccurrences(of: #"["unhoused"]"#, with: "[]"))
            let board = try await setup.client.get("/api/v1/board")
            let json = try board.json()
            let requests = try #require(json["requests"] as? [[String: Any]])
            #expect(requests.map { $0["priority"] as? Int } == [1, 3])
            #expect((json["teams"] as? [Any])?.count == 2)
            #expect(json["uncoveredBoroughs"] as? [String] == ["PM", "SO"])
            #expect(!board.text.contains("Émilie") && !board.text.contains("Tremblay"))
        }
    }

    @Test("shifts: a borough must exist and a team's shifts may not overlap")
    func shifts() async throws {
        try await withRelaisApp { app in
            let setup = try await setUp(app)
            let path = "/api/v1/teams/\(setup.far.id)/shifts"
            let start = ISO8601DateFormatter().string(from: app.store.now.addingTimeInterval(20 * 3600))
            let end = ISO8601DateFormatter().string(from: app.store.now.addingTimeInterval(28 * 3600))
            let ok = try await setup.client.post(
                path, json: #"{"territoryCode":"SO","startsAt":"\#(start)","endsAt":"\#(end)"}"#)
            #expect(ok.status == .created)
            let overlap = try await setup.client.post(
                path, json: #"{"territoryCode":"SO","startsAt":"\#(start)","endsAt":"\#(end)"}"#)
            #expect(overlap.status == .unprocessableEntity)
            #expect(overlap.text.contains(#""field":"startsAt""#))
            let unknown = try await setup.client.post(
                path, json: #"{"territoryCode":"XX","startsAt":"\#(start)","endsAt":"\#(end)"}"#)
            #expect(unknown.status == .unprocessableEntity)
            let backwards = try await setup.client.post(
                path, json: #"{"territoryCode":"SO","startsAt":"\#(end)","endsAt":"\#(start)"}"#)
            #expect(backwards.status == .unprocessableEntity)
            #expect(try await app.store.audit.entries(.init(action: .shiftAdded)).count == 1)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
