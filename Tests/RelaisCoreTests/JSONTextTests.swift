import Foundation
import Testing

@testable import RelaisCore

@Suite("JSON text")
struct JSONTextTests {
    @Test("parses what Foundation parses, escapes included, and writes it back with sorted keys")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,-3e2,true,null],"a":"Hébergement \"24 h\"\n\u00e9\ud83d\ude00\/","c":{}}"#
        let value = try JSONText.parse(Array(text.utf8))
        #expect(value == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
        #expect(value["a"]?.string == "Hébergement \"24 h\"\né😀/")
        #expect(
            JSONText.write(value) == #"{"a":"Hébergement \"24 h\"\né😀/","b":[1,2.5,-300,true,null],"c":{}}"#)
        #expect(try JSONText.parse(Array(JSONText.write(value).utf8)) == value)
    }

    @Test("a malformed text names its line and column")
    func malformed() {
        #expect(throws: JSONText.Malformed(line: 2, column: 9, message: "expected , or } in an object")) {
            try JSONText.parse(Array("{\"a\": 1,\n \"b\": 2 \"c\": 3}".utf8))
        }
        #expect(throws: JSONText.Malformed.self) { try JSONText.parse(Array("[1, 2".utf8)) }
        #expect(throws: JSONText.Malformed.self) { try JSONText.parse(Array("\"open".utf8)) }
        #expect(throws: JSONText.Malformed.self) { try JSONText.parse(Array("[1] x".utf8)) }
        #expect(throws: JSONText.Malformed.self) {
            try JSONText.parse(Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8))
        }
    }
}
