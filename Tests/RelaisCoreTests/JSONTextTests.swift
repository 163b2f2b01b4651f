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

    @Test(
        "a surrogate without its pair is refused, as Foundation refuses it (it stopped the server)",
        arguments: [
            #""\ud800\u0041""#, #""\ud800""#, #""\udc00""#, #""\ud800\ud800""#, #""\ud800\uffff""#, #""\ud800x""#,
        ])
    func unpairedSurrogate(_ text: String) {
        #expect(throws: JSONText.Malformed.self) { try JSONText.parse(Array(text.utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(String.self, from: Data(text.utf8)) }
    }

    @Test("a \\u escape takes four hexadecimal digits, never a sign")
    func hexDigits() throws {
        #expect(try JSONText.parse(Array(#""\u00E9\u00e9""#.utf8)) == .string("éé"))
        for text in [#""\u+0e9""#, #""\u-0e9""#, #""\u00g9""#, #""\u00""#] {
            #expect(throws: JSONText.Malformed.self) { try JSONText.parse(Array(text.utf8)) }
        }
    }
}
