import Foundation
import RelaisCore
import Testing

@Suite("RÉSO: a resident's message, from the public form to its closing")
struct MessageRulesTests {
    static let safe: [String: String?] = ["dangerNow": "no", "crimeNow": "no", "medicalNow": "no"]

    static func form(
        safety: [String: String?] = safe, body: String? = "Du bruit tous les soirs après 23 h.",
        replyBy: String? = "phone", phone: String? = "450 555-0133", email: String? = nil, website: String? = nil
    ) -> MessageRules.Form {
        MessageRules.Form(
            safety: safety, topic: "neighbours", place: "rue Principale", latitude: "45.45", longitude: "-73.46",
            replyBy: replyBy, phone: phone, email: email, name: nil, body: body, website: website)
    }

    @Test("a well-formed message keeps what was written, the point and how to answer")
    func compose() throws {
        let content = try MessageRules.compose(Self.form())
        #expect(content.topic == .neighbours && content.contact == "4505550133" && content.replyBy == .phone)
        #expect(content.latitude == 45.45 && content.longitude == -73.46)
        let email = try MessageRules.compose(Self.form(replyBy: "email", phone: nil, email: "resident@example.org"))
        #expect(email.contact == "resident@example.org")
    }

    @Test("a yes to any safety question refuses the whole message: call 911")
    func emergency() {
        for question in MessageRules.safetyQuestions {
            var safety = Self.safe
            safety[question] = "yes"
            #expect(throws: MessageRefusal.emergency) { try MessageRules.compose(Self.form(safety: safety)) }
        }
    }

    @Test("unanswered safety questions, 50,000 characters, a missing contact: each field named, nothing kept")
    func problems() {
        do {
            _ = try MessageRules.compose(
                Self.form(
                    safety: [:], body: String(repeating: "x", count: 50_000), replyBy: "email", email: "not an address")
            )
            Issue.record("accepted")
        } catch let error as ValidationError {
            #expect(
                Set(error.problems.map(\.field)) == ["dangerNow", "crimeNow", "medicalNow", "email", "body"])
            #expect(error.problems.contains { $0.messageKey == "reso.error.body_too_long" })
        } catch { Issue.record("\(error)") }
        #expect(throws: ValidationError.self) { try MessageRules.compose(Self.form(body: "court")) }
        #expect(throws: ValidationError.self) { try MessageRules.compose(Self.form(phone: "911")) }
    }

    @Test("the hidden field filled is a robot's message")
    func robot() {
        #expect(throws: MessageRefusal.robot) { try MessageRules.compose(Self.form(website: "http://spam.example")) }
    }

    static func message(replyBy: ReplyChannel = .phone) -> ResidentMessage {
        ResidentMessage(
            id: .init(UUID()), reference: "RESO-ABCD-1234", organisationID: .init(UUID()), sectorCode: "BRO-1",
            officerID: nil, receivedAt: Date(timeIntervalSince1970: 1_800_000_000), language: .french,
            content: MessageContent(
                topic: .drugs, place: "parc", latitude: nil, longitude: nil, replyBy: replyBy, contact: "4505550133",
                name: nil, body: "Des seringues près des balançoires."),
            status: .new, firstReplyAt: nil, escalatedAt: nil)
    }

    @Test("the first answer sets the time to first reply; a note does not; nothing follows a closed message")
    func steps() throws {
        var message = Self.message()
        let author = User.ID(UUID())
        let start = message.receivedAt
        _ = try MessageRules.step(
            .note, text: "Vu le parc.", on: &message, by: author, now: start.addingTimeInterval(60))
        #expect(message.firstReplyAt == nil && message.status == .new)
        #expect(throws: MessageRefusal.noEmail) {
            try MessageRules.step(.emailed, text: "Bonjour", on: &message, by: author, now: start)
        }
        _ = try MessageRules.step(
            .called, text: "Rappelée.", on: &message, by: author, now: start.addingTimeInterval(3_600))
        #expect(message.firstReplyAt == start.addingTimeInterval(3_600) && message.status == .answered)
        #expect(throws: ValidationError.self) {
            try MessageRules.step(.note, text: " ", on: &message, by: author, now: start)
        }
        _ = try MessageRules.step(
            .closed, text: "Réglé.", on: &message, by: author, now: start.addingTimeInterval(7_200))
        #expect(throws: MessageRefusal.closed) {
            try MessageRules.step(.note, text: "Encore", on: &message, by: author, now: start)
        }
    }

    @Test("references are RESO- and two groups of four Crockford characters")
    func reference() {
        var generator = SystemRandomNumberGenerator()
        let references = (0..<200).map { _ in MessageRules.reference(using: &generator) }
        #expect(references.allSatisfy { $0.wholeMatch(of: /RESO-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil })
        #expect(Set(references).count == 200)
    }
}
