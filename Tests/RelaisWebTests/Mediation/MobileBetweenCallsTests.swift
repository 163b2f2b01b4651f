import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

@Suite("The worker's phone between calls", .tags(.web, .database))
struct MobileBetweenCallsTests {
    @Test("the directory answers a question between calls, near the team's car, without referral buttons")
    func resourcesBetweenCalls() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            try await app.importDemoResources()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let worker = try await app.makeAccount(role: .mobileWorker)
            _ = try await app.makeTeam(
                "Équipe 1", organisationID: dispatcher.user.organisationID, members: [worker.user.id], borough: "VM",
                position: try GeoPoint(latitude: 45.5088, longitude: -73.5617), by: dispatcher.user.id)
            let phone = TestBrowser(app)
            try await phone.signIn(email: worker.user.email, password: worker.password)
            #expect(try await phone.get("/mobile").text.contains("data-testid=\"find-resource-between-calls\""))
            let found = try await phone.get("/mobile/ressources?q=h%C3%A9bergement")
            #expect(found.status == .ok)
            #expect(found.text.contains("class=\"card hit\""))
            #expect(found.text.contains(" km · "))
            #expect(!found.text.contains("/mobile/intervention/reference"))
        }
    }
}
