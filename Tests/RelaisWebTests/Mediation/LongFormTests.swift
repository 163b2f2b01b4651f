import Foundation
import RelaisCore
import RelaisPersistence
import RelaisTestSupport
import Testing
import Vapor

@testable import RelaisWeb

/// A long form arrives over the network in several parts; the anti-forgery check read the form before the rest had
/// arrived and answered "the form expired", losing everything typed.
@Suite("Long forms over a real connection", .tags(.web, .database))
struct LongFormTests {
    @Test("an intake with a 5,000-character description, sent in parts, is saved (and named if too long)")
    func longIntake() async throws {
        try await withRelaisApp { app in
            try await app.importDemoBoroughs()
            let dispatcher = try await app.makeAccount(role: .dispatcher)
            let browser = TestBrowser(app)
            try await browser.signIn(email: dispatcher.user.email, password: dispatcher.password)
            let port = try await app.startServer()
            func post(description: String) async throws -> String {
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let fields = [
                    "_csrf": browser.cookie("relais_csrf") ?? "", "source": "resident", "anonymous": "true",
                    "address": "Place Émilie-Gamelin", "latitude": "45.5155", "longitude": "-73.5622",
                    "situation": "noise", "description": description, "immediateDangerToLife": "false",
                    "weapon": "false", "crimeInProgress": "false", "medicalEmergency": "false",
                ]
                let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
                    .joined(separator: "&")
                let head =
                    "POST /demandes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: \(body.utf8.count)\r\nCookie: \(browser.cookieHeader)\r\nConnection: close\r\n\r\n"
                let middle = body.index(body.startIndex, offsetBy: body.count / 2)
                return try await sendInParts(port: port, [head + body[..<middle], String(body[middle...])])
            }
            let saved = try await post(description: String(repeating: "Musique forte. ", count: 260).prefix(3_900) + "")
            #expect(saved.hasPrefix("HTTP/1.1 303"), "\(saved.prefix(300))")
            #expect(try await app.store.serviceRequests.count() == 1)
            let tooLong = try await post(description: String(repeating: "é", count: 5_000))
            #expect(tooLong.hasPrefix("HTTP/1.1 422"))
            #expect(tooLong.contains("4 000 caractères"))
            #expect(tooLong.contains(String(repeating: "é", count: 5_000)), "what was typed is shown again")
            #expect(try await app.store.serviceRequests.count() == 1)
            await app.server.shutdown()
        }
    }
}
