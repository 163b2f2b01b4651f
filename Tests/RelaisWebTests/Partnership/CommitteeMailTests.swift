import Foundation
import RelaisCore
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisPersistence
@testable import RelaisWeb

@Suite("Committees: invitations through a real SMTP server", .tags(.web, .database), .serialized)
struct CommitteeMailTests {
    @Test(
        "invitations sent while the mail server is down wait, and go with their calendar request when it is back",
        .enabled(if: SMTPSink.available))
    func serverDown() async throws {
        let probe = SMTPSink()
        try probe.start()
        let port = probe.port
        probe.stop()  // nothing listens there now
        let clock = TestClock(CommitteeScene.wednesdayMorning)
        var options = TestAppOptions(clock: clock)
        options.smtp = SMTPSettings(url: "smtp://127.0.0.1:\(port)")
        try await withRelaisApp(options: options) { app in
            let scene = try await CommitteeScene(app)
            _ = try await scene.coordinator.get("/comites/aines")
            _ = try await scene.coordinator.post(
                "/comites/aines/membres", form: CommitteeScene.member("Rosa Côté", email: "rosa@example.org"))
            let id = try await scene.plan(CommitteeScene.meeting(day: "2026-12-16"))
            _ = try await scene.coordinator.get("/comites/reunions/\(id)")
            let sent = try await scene.coordinator.post(
                "/comites/reunions/\(id)/invitations", form: ["invitees": "info@carrefour.org"])
            #expect(sent.status == .seeOther && sent.location?.hasSuffix("avis=committees.invited") == true)
            #expect(try await app.mailSender.sendDue() == 0)
            let sink = SMTPSink()
            try sink.start(port: port)
            defer { sink.stop() }
            clock.advance(by: 31)
            #expect(try await app.mailSender.sendDue() == 2)
            let messages = sink.messages()
            #expect(messages.count == 2)
            #expect(
                messages.allSatisfy {
                    $0.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=\"invitation.ics\"")
                        && $0.contains("Content-Type: multipart/mixed")
                })
        }
    }
}
