import Testing

@testable import RelaisCore

@Suite("CSV (RFC 4180)")
struct CSVTests {
    @Test("quoted fields keep commas, doubled quotes and line breaks; each record knows its first line")
    func quoted() throws {
        let text = "\u{FEFF}id,name\r\n1,\"Halte, \"\"nuit\"\"\"\r\n2,\"deux\nlignes\"\n\n3,\n"
        let records = try CSV.parse(text)
        #expect(
            records.map(\.fields) == [["id", "name"], ["1", "Halte, \"nuit\""], ["2", "deux\nlignes"], ["3", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 6])
        #expect(try CSV.parse(CSV.write(records.map(\.fields))).map(\.fields) == records.map(\.fields))
    }

    @Test("a quote followed by a combining mark is still doubled, so what is written reads back the same")
    func quoteWithCombiningMark() throws {
        let field = "men\"\"\u{061A}tal, \"a\u{301}\" fin"
        let written = CSV.write([["a", field]])
        #expect(try CSV.parse(written).first?.fields == ["a", field])
    }

    @Test("an unclosed quote or text after a closing quote names the line")
    func malformed() {
        #expect(throws: CSV.Malformed(line: 2, message: "a quoted field is not closed")) {
            try CSV.parse("a,b\n1,\"open\n")
        }
        #expect(throws: CSV.Malformed(line: 2, message: "text after a closing quote")) {
            try CSV.parse("a,b\n\"x\"y,1\n")
        }
    }
}
