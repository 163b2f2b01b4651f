import Foundation
import RelaisCore
import Testing

@Suite("Reading an intake form from JSON")
struct IntakeFormJSONTests {
    @Test(
        "Core's reading gives the form Foundation's decoder gives",
        arguments: [
            #"{"source":"resident","callerName":"Marie","callback":"514-555-0101","address":"1 rue Ontario Est","latitude":45.5155,"longitude":-73.5622,"situation":"noise","description":"Musique forte.","peopleCount":2,"vulnerabilities":["elderly","mental_health"],"immediateDangerToLife":false,"weapon":false,"crimeInProgress":false,"medicalEmergency":true}"#,
            #"{"source":"police","policeEventNumber":"E-1","anonymous":true,"overrideOutcome":"queued","overridePriority":1,"overrideReason":"Connu du quartier","unknown":{"a":[1,2]}}"#,
            #"{"callerName":null,"vulnerabilities":[],"latitude":45,"description":"\u00c9cole \ud83d\ude00 \"ici\" \/ là"}"#,
            "{}",
        ])
    func likeFoundation(_ text: String) throws {
        let expected = try JSONDecoder().decode(IntakeForm.self, from: Data(text.utf8))
        #expect(IntakeForm(json: Array(text.utf8)) == expected)
    }

    @Test("an integer may be written with a zero fraction, as JSON Schema allows")
    func integralNumber() {
        #expect(IntakeForm(json: Array(#"{"peopleCount":3.0}"#.utf8))?.peopleCount == 3)
    }

    @Test(
        "anything else is left to the usual decoder (which names the problem)",
        arguments: [
            #"{"peopleCount":2.5}"#, #"{"peopleCount":"2"}"#, #"{"latitude":"45.5"}"#, #"{"weapon":"no"}"#,
            #"{"vulnerabilities":["elderly",3]}"#, #"{"vulnerabilities":"elderly"}"#, #"{"source":1}"#, "[]", "\"x\"",
            #"{"source":"resident""#, "",
        ])
    func notRead(_ text: String) {
        #expect(IntakeForm(json: Array(text.utf8)) == nil)
    }
}

@Suite("Writing a caller's contact as JSON")
struct CallerContactJSONTests {
    @Test(
        "Foundation's decoder reads back the contact, however its text is spelled",
        arguments: [
            CallerContact(name: "Marie-Ève \"Mimi\" Tremblay / \\ \u{1}", callback: "514-555-0101"),
            CallerContact(name: nil, callback: "poste 12\n📞"), CallerContact(name: "", callback: ""),
        ])
    func readBack(_ contact: CallerContact) throws {
        let decoded = try JSONDecoder().decode(CallerContact.self, from: Data(contact.jsonText.utf8))
        #expect(decoded == contact)
    }
}
